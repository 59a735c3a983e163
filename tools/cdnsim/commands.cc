#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

const std::vector<CommandRegistration>& commandRegistry() {
  static const std::vector<CommandRegistration> registry = {};
  return registry;
}

}  // namespace cdnsim::tools
