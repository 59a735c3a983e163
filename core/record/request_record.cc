// Spellings for the request record's enums.

#include "core/record/request_record.h"

namespace cdnsim::core::record {

std::string_view toString(ViewerProtocol p) {
  switch (p) {
    case ViewerProtocol::Http:
      return "http";
    case ViewerProtocol::Https:
      return "https";
    case ViewerProtocol::Ws:
      return "ws";
    case ViewerProtocol::Wss:
      return "wss";
  }
  return "-";
}

std::optional<ViewerProtocol> parseViewerProtocol(std::string_view text) {
  if (text == "http") return ViewerProtocol::Http;
  if (text == "https") return ViewerProtocol::Https;
  if (text == "ws") return ViewerProtocol::Ws;
  if (text == "wss") return ViewerProtocol::Wss;
  return std::nullopt;
}

}  // namespace cdnsim::core::record
