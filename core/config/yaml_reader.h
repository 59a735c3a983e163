#pragma once
// Reading YAML into typed configs with errors that point at the exact place:
// "topologies/x.yaml:12:7: unknown key 'capcity' in pop cache; did you mean 'capacity'? expected
// one of: capacity, policy".
// yaml-cpp gives us nodes and marks; this adds key checking, typed scalars and the messages.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/config/config_error.h"
#include "core/config/schema_keys.h"
#include "core/time.h"

namespace cdnsim::core::config {

// A YAML node and the file it came from.
class YamlNode {
 public:
  YamlNode(YAML::Node node, std::shared_ptr<const std::string> file)
      : node_(std::move(node)), file_(std::move(file)) {}

  // Parses a whole file; a syntax error becomes a ConfigError at its position.
  static YamlNode loadFile(const std::string& path);
  // Parses text (tests, and files already read); `name` stands for the file in messages. Tabs in
  // indentation are refused by name before yaml-cpp sees them.
  static YamlNode loadString(const std::string& text, const std::string& name);

  SourceMark mark() const;
  [[noreturn]] void fail(const std::string& message) const;
  const std::string& file() const { return *file_; }
  const YAML::Node& raw() const { return node_; }
  // A node found inside this one (same file).
  YamlNode child(YAML::Node node) const { return YamlNode(std::move(node), file_); }

  bool isMap() const { return node_.IsMap(); }
  bool isSequence() const { return node_.IsSequence(); }
  bool isScalar() const { return node_.IsScalar(); }

  // Typed scalars; `what` names the value in messages ("pop code").
  std::string asString(std::string_view what) const;
  double asDouble(std::string_view what, double min, double max) const;
  std::int64_t asInt(std::string_view what, std::int64_t min, std::int64_t max) const;
  bool asBool(std::string_view what) const;
  std::uint64_t asByteSize(std::string_view what) const;
  Duration asDuration(std::string_view what) const;
  // A rate in events per second: "2000/s", "120/min", "3600/h", "1000/d"; a bare number is per
  // second. Between min and max per second.
  double asRate(std::string_view what, double min, double max) const;
  // One of `choices`, compared exactly.
  std::string asChoice(std::string_view what, std::initializer_list<std::string_view> choices) const;

  // The elements of a sequence (fails if this is not one).
  std::vector<YamlNode> asSequence(std::string_view what) const;

 private:
  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
};

// A mapping whose keys are checked as soon as it is opened: each an allowed one (a misspelt key
// gets a did-you-mean), none repeated. Loaders open topology and scenario mappings with their
// key set from schema_keys.h, which docs/schema.md documents.
class YamlMap {
 public:
  YamlMap(const YamlNode& node, std::string_view what, const KeySet& allowedKeys)
      : YamlMap(node, what, allowedKeys.keys) {}
  // For mappings outside the documented files (tests, tools' own inputs).
  YamlMap(const YamlNode& node, std::string_view what,
          std::initializer_list<std::string_view> allowedKeys)
      : YamlMap(node, what, std::span<const std::string_view>(allowedKeys.begin(), allowedKeys.size())) {}
  YamlMap(const YamlNode& node, std::string_view what, std::span<const std::string_view> allowedKeys);

  std::optional<YamlNode> get(std::string_view key) const;
  YamlNode require(std::string_view key) const;
  bool has(std::string_view key) const { return get(key).has_value(); }
  const YamlNode& node() const { return node_; }
  const std::string& what() const { return what_; }

 private:
  YamlNode node_;
  std::string what_;
};

// Names that must be unique within a file (POP codes, origin names, ...), found in O(1) each:
// the loaders also resolve references through it.
class UniqueNames {
 public:
  explicit UniqueNames(std::string what) : what_(std::move(what)) {}

  // Records `name`, read at `at`; fails there when it was seen before.
  void add(const std::string& name, const YamlNode& at);
  bool contains(std::string_view name) const { return lines_.count(std::string(name)) > 0; }
  std::size_t size() const { return lines_.size(); }

 private:
  std::string what_;                          // "pop code", for messages
  std::unordered_map<std::string, int> lines_;  // name -> line it was first seen at
};

// The text of a configuration file; throws ConfigError ("path: cannot open file: ...") when it
// cannot be read.
std::string readConfigFile(const std::string& path);

// Why `path` cannot be read as a file (the OS's words: "No such file or directory", "Is a
// directory"), or nullopt when it looks readable.
std::optional<std::string> unreadableReason(const std::string& path);

// Joins names for "expected one of: a, b, c" messages.
std::string joinNames(const std::vector<std::string>& names);

}  // namespace cdnsim::core::config
