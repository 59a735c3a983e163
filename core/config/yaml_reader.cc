#include "core/config/yaml_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/config/units.h"

namespace cdnsim::core::config {

namespace {

SourceMark toMark(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

std::string joinViews(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

YamlNode YamlNode::loadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({path, 0, 0}, "cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return loadString(text.str(), path);
}

YamlNode YamlNode::loadString(const std::string& text, const std::string& name) {
  auto file = std::make_shared<const std::string>(name);
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsDefined() || root.IsNull()) {
      throw ConfigError({name, 0, 0}, "the file is empty; expected a YAML mapping");
    }
    return YamlNode(root, file);
  } catch (const YAML::Exception& e) {
    throw ConfigError(toMark(name, e.mark), fmt::format("YAML syntax error: {}", e.msg));
  }
}

SourceMark YamlNode::mark() const { return toMark(*file_, node_.Mark()); }

void YamlNode::fail(const std::string& message) const { throw ConfigError(mark(), message); }

std::string YamlNode::asString(std::string_view what) const {
  if (!node_.IsScalar()) fail(fmt::format("{} must be a single value (a string)", what));
  return node_.Scalar();
}

double YamlNode::asDouble(std::string_view what, double min, double max) const {
  std::string text = asString(what);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    fail(fmt::format("{} must be a number, got '{}'", what, text));
  }
  if (value < min || value > max) {
    fail(fmt::format("{} must be between {} and {}, got {}", what, min, max, text));
  }
  return value;
}

std::int64_t YamlNode::asInt(std::string_view what, std::int64_t min, std::int64_t max) const {
  std::string text = asString(what);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    fail(fmt::format("{} must be a whole number, got '{}'", what, text));
  }
  if (value < min || value > max) {
    fail(fmt::format("{} must be between {} and {}, got {}", what, min, max, value));
  }
  return value;
}

bool YamlNode::asBool(std::string_view what) const {
  std::string text = asString(what);
  if (text == "true") return true;
  if (text == "false") return false;
  fail(fmt::format("{} must be true or false, got '{}'", what, text));
}

std::uint64_t YamlNode::asByteSize(std::string_view what) const {
  std::string text = asString(what);
  auto size = parseByteSize(text);
  if (!size) {
    fail(fmt::format("{} must be a size in bytes such as 1048576, 64KiB, 512MiB or 4GiB, got '{}'",
                     what, text));
  }
  return *size;
}

Duration YamlNode::asDuration(std::string_view what) const {
  std::string text = asString(what);
  auto d = parseDuration(text);
  if (!d) {
    fail(fmt::format("{} must be a duration such as 10s, 250ms, 5m, 1h or 1d, got '{}'", what,
                     text));
  }
  return *d;
}

std::string YamlNode::asChoice(std::string_view what,
                               std::initializer_list<std::string_view> choices) const {
  std::string text = asString(what);
  for (auto c : choices) {
    if (c == text) return text;
  }
  fail(fmt::format("{} must be one of: {}; got '{}'", what, joinViews(choices), text));
}

std::vector<YamlNode> YamlNode::asSequence(std::string_view what) const {
  if (!node_.IsSequence()) fail(fmt::format("{} must be a list", what));
  std::vector<YamlNode> out;
  out.reserve(node_.size());
  for (const auto& element : node_) out.push_back(child(element));
  return out;
}

YamlMap::YamlMap(const YamlNode& node, std::string_view what,
                 std::initializer_list<std::string_view> allowedKeys)
    : node_(node), what_(what) {
  if (!node.isMap()) node.fail(fmt::format("{} must be a mapping of keys to values", what));
  for (const auto& entry : node.raw()) {
    YamlNode key = node.child(entry.first);
    std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
    bool allowed = false;
    for (auto k : allowedKeys) allowed = allowed || (k == name);
    if (!allowed) {
      key.fail(fmt::format("unknown key '{}' in {}; expected one of: {}", name, what,
                           joinViews(allowedKeys)));
    }
  }
}

std::optional<YamlNode> YamlMap::get(std::string_view key) const {
  for (const auto& entry : node_.raw()) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      return node_.child(entry.second);
    }
  }
  return std::nullopt;
}

YamlNode YamlMap::require(std::string_view key) const {
  auto value = get(key);
  if (!value) node_.fail(fmt::format("missing key '{}' in {}", key, what_));
  return *value;
}

}  // namespace cdnsim::core::config
