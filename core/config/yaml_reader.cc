#include "core/config/yaml_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/config/did_you_mean.h"
#include "core/config/units.h"

namespace cdnsim::core::config {

namespace {

SourceMark toMark(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

std::string joinViews(std::span<const std::string_view> names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// yaml-cpp reports a tab in indentation with a generic scanner message, or not at all when the
// tab turns a line into the continuation of a plain scalar. YAML forbids tabs in indentation
// (YAML 1.2, section 6.1), so they are named before parsing; yaml-cpp refuses them before a
// comment too, so those lines are checked as well.
void refuseTabIndentation(const std::string& text, const std::string& name) {
  int line = 1;
  std::size_t lineStart = 0;
  while (lineStart < text.size()) {
    std::size_t end = text.find('\n', lineStart);
    if (end == std::string::npos) end = text.size();
    const std::size_t content = text.find_first_not_of(" \t", lineStart);
    if (content != std::string::npos && content < end && text[content] != '\r') {
      const auto indentation = std::string_view(text).substr(lineStart, content - lineStart);
      const std::size_t tab = indentation.find('\t');
      if (tab != std::string_view::npos) {
        const int column = static_cast<int>(tab) + 1;
        throw ConfigError({name, line, column},
                          fmt::format("tab character in indentation at {}:{}; YAML indents with "
                                      "spaces",
                                      line, column));
      }
    }
    lineStart = end + 1;
    ++line;
  }
}

std::string keyName(const YAML::Node& key) {
  return key.IsScalar() ? key.Scalar() : std::string("?");
}

}  // namespace

std::optional<std::string> unreadableReason(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) return ec.message();
  if (std::filesystem::is_directory(status)) {
    return std::make_error_code(std::errc::is_a_directory).message();
  }
  return std::nullopt;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

YamlNode YamlNode::loadFile(const std::string& path) { return loadString(readConfigFile(path), path); }

std::string readConfigFile(const std::string& path) {
  if (auto reason = unreadableReason(path)) {
    throw ConfigError({path, 0, 0}, fmt::format("cannot open file: {}", *reason));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({path, 0, 0}, fmt::format("cannot open file: {}", std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError({path, 0, 0}, fmt::format("cannot read file: {}", std::strerror(errno)));
  return text.str();
}

YamlNode YamlNode::loadString(const std::string& text, const std::string& name) {
  auto file = std::make_shared<const std::string>(name);
  refuseTabIndentation(text, name);
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

double YamlNode::asRate(std::string_view what, double min, double max) const {
  std::string text = asString(what);
  auto rate = parseRate(text);
  if (!rate) {
    // A plain negative number is a rate out of range, not a malformed one.
    char* end = nullptr;
    const double plain = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(plain)) rate = plain;
  }
  if (!rate) {
    fail(fmt::format("{} must be a rate such as 100, 2000/s, 120/min or 3600/h, got '{}'", what,
                     text));
  }
  if (*rate < min || *rate > max) {
    fail(fmt::format("{} must be between {}/s and {}/s, got '{}' ({}/s)", what, min, max, text,
                     *rate));
  }
  return *rate;
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
  const auto hint = closestName(text, std::vector<std::string_view>(choices));
  fail(fmt::format("{} must be one of: {}; got '{}'{}", what, joinViews(std::span<const std::string_view>(choices.begin(), choices.size())), text,
                   hint ? fmt::format("; did you mean '{}'?", *hint) : std::string()));
}

std::vector<YamlNode> YamlNode::asSequence(std::string_view what) const {
  if (!node_.IsSequence()) fail(fmt::format("{} must be a list", what));
  std::vector<YamlNode> out;
  out.reserve(node_.size());
  for (const auto& element : node_) out.push_back(child(element));
  return out;
}

YamlMap::YamlMap(const YamlNode& node, std::string_view what,
                 std::span<const std::string_view> allowedKeys)
    : node_(node), what_(what) {
  if (!node.isMap()) node.fail(fmt::format("{} must be a mapping of keys to values", what));
  // Every key seen so far is an allowed one, so this list (and the duplicate search) stays as
  // short as allowedKeys however large the mapping is.
  std::vector<YAML::Node> seen;
  for (const auto& entry : node.raw()) {
    YamlNode key = node.child(entry.first);
    std::string name = keyName(entry.first);
    bool allowed = false;
    for (auto k : allowedKeys) allowed = allowed || (k == name);
    if (!allowed) {
      const auto hint =
          closestName(name, std::vector<std::string_view>(allowedKeys.begin(), allowedKeys.end()));
      key.fail(fmt::format("unknown key '{}' in {}; {}expected one of: {}", name, what,
                           hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                           joinViews(allowedKeys)));
    }
    // yaml-cpp keeps both entries of a repeated key and lookups find the first: refuse the
    // second rather than silently ignore it.
    for (const auto& earlier : seen) {
      if (keyName(earlier) == name) {
        const SourceMark first = toMark(node.file(), earlier.Mark());
        key.fail(fmt::format("duplicate key '{}' in {} (first at line {}); expected each key once",
                             name, what, first.line));
      }
    }
    seen.push_back(entry.first);
  }
}

void UniqueNames::add(const std::string& name, const YamlNode& at) {
  const auto [it, inserted] = lines_.emplace(name, at.mark().line);
  if (!inserted) {
    at.fail(fmt::format("duplicate {} '{}' (first at line {}); expected each {} once", what_, name,
                        it->second, what_));
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
