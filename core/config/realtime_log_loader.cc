// readRealtimeLogConfig(): one `realtime_log_configs:` entry of a topology file.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/config/did_you_mean.h"
#include "core/config/realtime_log_yaml.h"

namespace cdnsim::core::config {

// `realtime_log_configs:` entry: a name usable in a file name, a sampling rate of 1..100 percent,
// and fields CloudFront knows, each once (DG/real-time-logs.html).
RealtimeLogConfig readRealtimeLogConfig(const YamlNode& node, UniqueNames& names) {
  YamlMap m(node, "real-time log configuration", keys::kRealtimeLogConfig);
  RealtimeLogConfig c;
  const auto name = m.require("name");
  c.name = name.asString("real-time log configuration name");
  const bool fileNameSafe =
      !c.name.empty() && c.name.size() <= 64 &&
      std::all_of(c.name.begin(), c.name.end(), [](unsigned char ch) {
        return std::isalnum(ch) != 0 || ch == '-' || ch == '_';
      });
  if (!fileNameSafe) {
    name.fail(fmt::format("real-time log configuration name '{}' must be 1 to 64 letters, digits, "
                          "'-' or '_' (it names the output file realtime-<name>.log)",
                          c.name));
  }
  names.add(c.name, name);
  c.samplingRate = static_cast<int>(m.require("sampling_rate").asInt("sampling_rate", 1, 100));
  const auto fieldsNode = m.require("fields");
  const auto fields = fieldsNode.asSequence("fields");
  if (fields.empty()) fieldsNode.fail("fields must name at least one real-time log field");
  std::vector<std::string_view> known(record::realtimeLogFieldNames().begin(),
                                      record::realtimeLogFieldNames().end());
  for (const auto& f : fields) {
    const std::string text = f.asString("real-time log field");
    const auto field = record::parseRealtimeLogField(text);
    if (!field) {
      const auto hint = closestName(text, known);
      f.fail(fmt::format("unknown real-time log field '{}'; {}expected one of: {}", text,
                         hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                         joinNames(std::vector<std::string>(known.begin(), known.end()))));
    }
    if (c.fields.contains(*field)) {
      f.fail(fmt::format("real-time log field '{}' is listed twice; expected each field once", text));
    }
    c.fields.add(*field);
  }
  return c;
}

}  // namespace cdnsim::core::config
