#include "core/config/overrides.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/config/config_kind.h"
#include "core/config/did_you_mean.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

class OverrideFailure {
 public:
  explicit OverrideFailure(std::string label) : label_(std::move(label)) {}
  [[noreturn]] void operator()(const std::string& message) const {
    throw ConfigError({label_, 0, 0}, message);
  }

 private:
  std::string label_;
};

}  // namespace

// The first '=' that is not inside a [selector]: "pops[a=b].x=1" splits after x.
std::size_t findOverrideAssignment(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') ++depth;
    if (text[i] == ']' && depth > 0) --depth;
    if (text[i] == '=' && depth == 0) return i;
  }
  // An unclosed '[' swallowed the '=': split at the first one, so the path's error is named.
  return text.find('=');
}

namespace {

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<PathStep> parsePath(std::string_view path, const OverrideFailure& fail) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (true) {
    const std::size_t keyEnd = std::min(path.find_first_of(".[]", i), path.size());
    const std::string_view key = path.substr(i, keyEnd - i);
    if (key.empty()) {
      fail(
          fmt::format("empty key at position {} of the path '{}'; expected keys joined by '.', "
                      "such as pops[*].cache.capacity",
                      i + 1, path));
    }
    if (key.find_first_of(" \t") != std::string_view::npos) {
      fail(fmt::format("key '{}' in the path has a space; expected keys such as cache.capacity",
                       key));
    }
    steps.push_back({PathStep::Kind::Key, std::string(key), 0});
    i = keyEnd;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) {
        fail(
            fmt::format("'[' at position {} of the path '{}' is never closed; expected [N], [*] "
                        "or [NAME]",
                        i + 1, path));
      }
      const std::string_view selector = path.substr(i + 1, close - i - 1);
      if (selector.empty()) {
        fail(
            fmt::format("empty [] in the path '{}'; expected [N] (an index from 0), [*] (every "
                        "element) or [NAME] (the element with that code or name)",
                        path));
      }
      if (selector == "*") {
        steps.push_back({PathStep::Kind::Every, {}, 0});
      } else if (allDigits(selector)) {
        std::size_t index = 0;
        const auto [end, ec] =
            std::from_chars(selector.data(), selector.data() + selector.size(), index);
        if (ec != std::errc() || end != selector.data() + selector.size()) {
          fail(fmt::format("index [{}] in the path is too large", selector));
        }
        steps.push_back({PathStep::Kind::Index, {}, index});
      } else {
        steps.push_back({PathStep::Kind::Named, std::string(selector), 0});
      }
      i = close + 1;
    }
    if (i == path.size()) return steps;
    if (path[i] != '.') {
      fail(
          fmt::format("unexpected '{}' at position {} of the path '{}'; expected '.' or '[' after "
                      "a key",
                      path[i], i + 1, path));
    }
    ++i;
  }
}

// Which file the path is in, and the path without a `scenario.` / `topology.` prefix.
OverrideTarget targetOf(std::vector<PathStep>& path, const OverrideFailure& fail) {
  const bool prefixable = path.size() > 1 && path[1].kind == PathStep::Kind::Key;
  if (prefixable && (path[0].key == "scenario" || path[0].key == "topology")) {
    const auto target =
        path[0].key == "scenario" ? OverrideTarget::Scenario : OverrideTarget::Topology;
    path.erase(path.begin());
    return target;
  }
  const std::string& root = path[0].key;
  auto scenarioKeys = scenarioOnlyKeys();
  scenarioKeys.insert(scenarioKeys.begin(), "name");
  const auto topologyKeys = topologyOnlyKeys();
  if (std::find(scenarioKeys.begin(), scenarioKeys.end(), root) != scenarioKeys.end()) {
    return OverrideTarget::Scenario;
  }
  if (std::find(topologyKeys.begin(), topologyKeys.end(), root) != topologyKeys.end()) {
    return OverrideTarget::Topology;
  }
  std::vector<std::string_view> all = scenarioKeys;
  all.insert(all.end(), topologyKeys.begin(), topologyKeys.end());
  const auto hint = closestName(root, all);
  auto join = [](const std::vector<std::string_view>& keys) {
    return joinNames(std::vector<std::string>(keys.begin(), keys.end()));
  };
  fail(
      fmt::format("unknown key '{}'; {}expected a scenario key ({}), a topology key ({}), or a "
                  "path starting with scenario. or topology.",
                  root, hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                  join(scenarioKeys), join(topologyKeys)));
}

// A deep copy made of new nodes: nothing shared between two places it is written to, and no
// marks, so that the loaders' errors about it are told from errors about the file.
YAML::Node freshCopy(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return YAML::Node(node.Scalar());
    case YAML::NodeType::Sequence: {
      YAML::Node out(YAML::NodeType::Sequence);
      for (const auto& element : node) out.push_back(freshCopy(element));
      return out;
    }
    case YAML::NodeType::Map: {
      YAML::Node out(YAML::NodeType::Map);
      for (const auto& entry : node) out[freshCopy(entry.first)] = freshCopy(entry.second);
      return out;
    }
    default:
      return YAML::Node(YAML::NodeType::Null);
  }
}

std::string stepText(const PathStep& step, bool first) {
  switch (step.kind) {
    case PathStep::Kind::Key:
      return (first ? "" : ".") + step.key;
    case PathStep::Kind::Index:
      return fmt::format("[{}]", step.index);
    case PathStep::Kind::Every:
      return "[*]";
    case PathStep::Kind::Named:
      return "[" + step.key + "]";
  }
  return {};
}

// The `code:` or `name:` of a list element, or "" when it has neither.
std::string elementName(const YAML::Node& element) {
  if (!element.IsMap()) return {};
  for (const char* key : {"code", "name"}) {
    const YAML::Node value = element[key];
    if (value && value.IsScalar()) return value.Scalar();
  }
  return {};
}

class Writer {
 public:
  Writer(const Override& o, const OverrideFailure& fail) : override_(o), fail_(fail) {}

  // Writes the value at path[step..] below `node`, reached by the path text `where`.
  void write(YAML::Node node, std::size_t step, const std::string& where) const {
    const PathStep& s = override_.path[step];
    const bool last = step + 1 == override_.path.size();
    const std::string here = where + stepText(s, step == 0);
    if (s.kind == PathStep::Kind::Key) {
      if (node.IsSequence()) {
        fail_(
            fmt::format("'{}' is a list; select its elements with {}[N], {}[*] or {}[NAME] before "
                        "'.{}'",
                        where, where, where, where, s.key));
      }
      if (node.IsScalar()) {
        fail_(fmt::format("'{}' is a single value ('{}'), so it has no key '{}'", where,
                          node.Scalar(), s.key));
      }
      if (last) {
        node[s.key] = freshCopy(override_.value);
        return;
      }
      YAML::Node child = node[s.key];
      // A mapping on the way that the file leaves out (network:, origin_shield:) is created; its
      // keys are then checked by the loader like any other.
      if (!child.IsDefined() || child.IsNull()) {
        const bool selectorNext = override_.path[step + 1].kind != PathStep::Kind::Key;
        if (selectorNext) {
          fail_(
              fmt::format("'{}' is not in the file, so it has no elements to select; expected a "
                          "list the file has",
                          here));
        }
        node[s.key] = YAML::Node(YAML::NodeType::Map);
        child = node[s.key];
      }
      write(child, step + 1, here);
      return;
    }
    if (!node.IsSequence()) {
      fail_(fmt::format("'{}' is not a list, so {} selects nothing", where, stepText(s, false)));
    }
    std::vector<std::size_t> chosen;
    if (s.kind == PathStep::Kind::Index) {
      if (s.index >= node.size()) {
        fail_(
            node.size() == 0
                ? fmt::format("'{}' is empty; {} is past its end", where, stepText(s, false))
                : fmt::format("'{}' has {} elements; expected an index from [0] to [{}], got [{}]",
                              where, node.size(), node.size() - 1, s.index));
      }
      chosen.push_back(s.index);
    } else {
      std::vector<std::string> names;
      for (std::size_t i = 0; i < node.size(); ++i) {
        const std::string name = elementName(node[i]);
        if (s.kind == PathStep::Kind::Every || name == s.key) chosen.push_back(i);
        if (!name.empty()) names.push_back(name);
      }
      if (chosen.empty() && s.kind == PathStep::Kind::Every) {
        fail_(fmt::format("'{}' is empty, so [*] selects nothing", where));
      }
      if (chosen.empty()) {
        const auto hint =
            closestName(s.key, std::vector<std::string_view>(names.begin(), names.end()));
        fail_(fmt::format(
            "no element of '{}' has code or name '{}'; {}expected one of: {}", where, s.key,
            hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
            names.empty() ? std::string("(none has a code or name)") : joinNames(names)));
      }
    }
    for (const std::size_t i : chosen) {
      if (last) {
        node[i] = freshCopy(override_.value);
      } else {
        write(node[i], step + 1, here);
      }
    }
  }

 private:
  const Override& override_;
  const OverrideFailure& fail_;
};

}  // namespace

Override parseOverride(std::string_view text, std::string_view origin) {
  Override o;
  o.origin = std::string(origin);
  o.text = std::string(text);
  const OverrideFailure fail(o.label());
  const std::size_t equals = findOverrideAssignment(text);
  if (equals == std::string_view::npos) {
    fail("expected PATH=VALUE, such as pops[*].cache.capacity=4GiB or requests=20000");
  }
  o.path = parsePath(text.substr(0, equals), fail);
  o.target = targetOf(o.path, fail);
  const std::string valueText(text.substr(equals + 1));
  try {
    o.value = YAML::Load(valueText);
  } catch (const YAML::Exception& e) {
    fail(fmt::format("the value '{}' is not valid YAML: {}", valueText, e.msg));
  }
  return o;
}

void applyOverride(const Override& override, YAML::Node root) {
  const OverrideFailure fail(override.label());
  Writer(override, fail).write(std::move(root), 0, "");
}

}  // namespace cdnsim::core::config
