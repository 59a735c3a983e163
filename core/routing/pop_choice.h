#pragma once
// DNS choice of POP by distance and health: CloudFront's DNS answers with a nearby POP that is
// able to serve (DG/HowCloudFrontWorks.html); a POP taken out sends its viewers to the next
// nearest. Pure: the caller measures the distances.
#include <cstdint>
#include <optional>
#include <span>

namespace cdnsim::core::routing {

// The index of the nearest POP that is up (`distances[i]` from the viewer to POP i, `up[i]` its
// health); ties go to the lower index; nullopt when every POP is down. O(POPs).
std::optional<std::uint32_t> choosePop(std::span<const double> distances, std::span<const bool> up);

}  // namespace cdnsim::core::routing
