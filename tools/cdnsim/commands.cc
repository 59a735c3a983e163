#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

const std::vector<CommandRegistration>& commandRegistry() {
  static const std::vector<CommandRegistration> registry = {
      &registerRunCommand,
      &registerValidateCommand,
      &registerCachesimCommand,
  };
  return registry;
}

}  // namespace cdnsim::tools
