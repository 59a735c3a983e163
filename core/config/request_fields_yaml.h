#pragma once
// What an object group's requests carry, read from YAML with their checks: query parameters,
// cookies and headers with their values, and the shares of request methods.

#include <string_view>
#include <vector>

#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

enum class FieldFamily { Query, Cookie, Header };

// A list of `{name, probability, values}`; names are checked for what would split them in their
// family (a query string, a Cookie header, a header name) and must not repeat.
std::vector<RequestFieldConfig> readFields(const YamlNode& node, FieldFamily family,
                                           std::string_view what);

// `methods: {GET: 0.9, HEAD: 0.1}`: shares that sum to 1.
std::vector<MethodShare> readMethods(const YamlNode& node);

}  // namespace cdnsim::core::config
