// cdnsim: the command-line entry. Each subcommand lives in its own file and registers itself here.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include "tools/cdnsim/commands.h"
#include "tools/cdnsim/huge_pages.h"

namespace {

// "cdnsim frobnicate": CLI11 would only say "A subcommand is required"; name the word and the
// commands instead. Empty when argv[1] is an option or a known subcommand.
std::string unknownCommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string_view word = argv[1];
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return {};
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return "cdnsim: unknown command '" + std::string(word) + "'; commands: " + names;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cdnsim::tools;
  reexecWithHugePagesFor(argc, argv);  // may not return: the same command, on huge pages
  CLI::App app{"cdnsim: a tiered CDN simulator modelled on Amazon CloudFront"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cdnsim 0.1.0");
  int status = 0;
  for (const auto& registerCommand : commandRegistry()) registerCommand(app, status);
  if (std::string error = unknownCommand(app, argc, argv); !error.empty()) {
    std::cerr << error << "\n";
    return kExitBadInput;
  }
  // Subcommands run inside parse(). Whatever escapes them ends here, so the stack unwinds (temporary
  // output files are removed by their destructors) and the user reads one line, not "terminate
  // called after throwing an instance of ...".
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 exits 0 for --help; usage errors are bad input: status 2.
    return code == 0 ? kExitOk : kExitBadInput;
  } catch (const std::bad_alloc& e) {
    std::cerr << "cdnsim: out of memory: " << e.what()
              << " (a smaller run, catalogue or cache, or a wider --interval, needs less)\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "cdnsim: " << e.what() << "\n";
    return kExitFailure;
  }
  return status;
}
