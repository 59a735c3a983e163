#pragma once
// The system's message for an errno value, as the file writers put it into their errors.

#include <string>
#include <system_error>

namespace cdnsim::io {

inline std::string errnoText(int err) { return std::system_category().message(err); }

}  // namespace cdnsim::io
