#pragma once
// Escaping for text that report.html embeds: JSON in a <script> element, text in HTML.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cdnsim::sim {

// JSON text safe inside an HTML <script> element: '<', '>' and '&' are written as \u003c, \u003e
// and \u0026 (the same string to a JSON reader), so no value can close the element.
std::string jsonForScript(const nlohmann::ordered_json& value);
// Text for HTML content and attribute values: & < > " ' escaped.
std::string htmlEscape(std::string_view text);

}  // namespace cdnsim::sim
