// The JSON and access-log escapers test 16 bytes at a time (short strings by words or bytes, the
// tail as an overlapping last block). Whatever the length and wherever the one special byte
// sits, the output must be what the byte-by-byte rules give (RFC 8259 §7 for JSON; the log's
// %XX encoding, DG/standard-logs-reference.html).

#include <catch2/catch.hpp>
#include <string>

#include "core/record/access_log.h"
#include "core/record/trace_line.h"

namespace cdnsim::core::record {

namespace {
// `before` x's, then `middle`, then `after` x's (appends: GCC 12 warns falsely on operator+ here).
std::string around(std::size_t before, const std::string& middle, std::size_t after) {
  std::string s(before, 'x');
  s.append(middle);
  s.append(after, 'x');
  return s;
}
}  // namespace

TEST_CASE("escapers find a special byte at every position of every block layout",
          "[record][escape]") {
  // special byte, its JSON form, its access-log form
  const auto [special, json, log] = GENERATE(table<char, std::string, std::string>({
      {'"', "\\\"", "%22"},
      {'\\', "\\\\", "%5C"},
      {'\n', "\\n", "%0A"},
      {'\x01', "\\u0001", "%01"},
      {'\x7F', "\x7F", "%7F"},  // DEL is plain in JSON, encoded in the log
      {' ', " ", "%20"},        // space is plain in JSON, encoded in the log
      {'{', "{", "%7B"},
  }));
  for (std::size_t length = 1; length <= 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string value(length, 'x');
      value[at] = special;
      INFO("length " << length << ", special byte at " << at);
      std::string gotJson;
      appendJsonString(value, gotJson);
      CHECK(gotJson == around(at, json, length - at - 1).insert(0, 1, '"').append(1, '"'));
      std::string gotLog;
      appendLogValue(value, gotLog);
      CHECK(gotLog == around(at, log, length - at - 1));
    }
  }
}

TEST_CASE("plain strings of every length are copied as they are", "[record][escape]") {
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string value(length, 'a');
    std::string json;
    appendJsonString(value, json);
    CHECK(json == std::string(value).insert(0, 1, '"').append(1, '"'));
    std::string log;
    appendLogValue(value, log);
    CHECK(log == value);
  }
}

TEST_CASE("every byte value is percent-encoded in the log exactly when the rule says, at any length",
          "[record][escape]") {
  // The rule of access_log.h, byte by byte: controls, space, DEL, non-ASCII and < > " # % { } | \ ^
  // ~ [ ] ` ' are written as %XX.
  const std::string punctuation = "<>\"#%{}|\\^~[]`'";
  auto encoded = [&](unsigned char c) {
    return c <= 0x20 || c >= 0x7F || punctuation.find(static_cast<char>(c)) != std::string::npos;
  };
  for (int c = 0; c < 256; ++c) {
    for (std::size_t length : {1, 3, 4, 7, 8, 15, 16, 17, 33}) {
      std::string value(length, 'x');
      value[length / 2] = static_cast<char>(c);
      std::string log;
      appendLogValue(value, log);
      INFO("byte " << c << ", length " << length);
      CHECK((log != value) == encoded(static_cast<unsigned char>(c)));
    }
  }
}

}  // namespace cdnsim::core::record
