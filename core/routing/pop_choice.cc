#include "core/routing/pop_choice.h"

namespace cdnsim::core::routing {

std::optional<std::uint32_t> choosePop(std::span<const double> distances, std::span<const bool> up) {
  std::optional<std::uint32_t> best;
  for (std::uint32_t i = 0; i < distances.size() && i < up.size(); ++i) {
    if (!up[i]) continue;
    if (!best || distances[i] < distances[*best]) best = i;
  }
  return best;
}

}  // namespace cdnsim::core::routing
