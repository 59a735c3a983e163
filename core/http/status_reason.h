#pragma once
// The reason phrase of a status code as written in a status line (RFC 9110 §15, the phrases
// RFC 9110 registers), e.g. "Not Found" for 404. Status lines are "HTTP/1.1 <code> <phrase>".

#include <string_view>

namespace cdnsim::core::http {

// The registered phrase, or "Unknown" for an unregistered code (RFC 9112 §4: the phrase is
// informational; any text will do). Static storage.
std::string_view reasonPhrase(int status);

}  // namespace cdnsim::core::http
