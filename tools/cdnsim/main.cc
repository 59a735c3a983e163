// cdnsim: the command-line entry. Each subcommand lives in its own file and registers itself here.
#include <CLI/CLI.hpp>

#include "tools/cdnsim/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"cdnsim: a tiered CDN simulator modelled on Amazon CloudFront"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cdnsim 0.1.0");
  int status = 0;
  for (const auto& registerCommand : cdnsim::tools::commandRegistry()) registerCommand(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 exits 0 for --help; usage errors are bad input: status 2.
    return code == 0 ? 0 : 2;
  }
  return status;
}
