#pragma once
// Debian's Chromium, headless, for tests that open a page: the DOM after its scripts ran, and a
// screenshot. Each call uses a fresh profile folder and no network: every host name resolves to
// nothing, so a page that reached for one would fail to load it.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

// The browser, or nullopt when it is not installed (tools/setup_deps.sh installs it).
// CDNSIM_CHROMIUM names another binary.
inline std::optional<std::string> chromiumBinary() {
  if (const char* env = std::getenv("CDNSIM_CHROMIUM"); env != nullptr && *env != '\0') return std::string(env);
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (std::filesystem::exists(path)) return std::string(path);
  }
  return std::nullopt;
}

// The page's DOM after its scripts ran (--dump-dom) and a screenshot into `png`, taken by two
// browsers at once. Each output holds the browser's log too (--enable-logging=stderr: console
// messages and uncaught exceptions); the DOM's output starts with the DOM.
struct ChromiumResults {
  CommandResult dom;
  CommandResult screenshot;
};

inline ChromiumResults openInChromium(const std::string& binary, const std::filesystem::path& page,
                                      const std::filesystem::path& png, int width, int height) {
  TempDir work("cdnsim-chromium");
  auto browser = [&](const std::string& name, const std::string& action) {
    return "timeout 60 " + binary +
           " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
           " --disable-component-update --disable-sync --disable-extensions --hide-scrollbars"
           " --force-device-scale-factor=1 --host-resolver-rules='MAP * ~NOTFOUND' --enable-logging=stderr --v=0"
           " --user-data-dir=" + (work.path() / ("profile-" + name)).string() +
           " --window-size=" + std::to_string(width) + "," + std::to_string(height) + " " + action +
           " file://" + std::filesystem::absolute(page).string() + " > " + (work.path() / (name + ".out")).string() +
           " 2>&1; echo $? > " + (work.path() / (name + ".status")).string();
  };
  runCommand("(" + browser("shot", "--screenshot=" + png.string()) + ") & " + browser("dom", "--dump-dom") + "; wait");
  auto result = [&](const std::string& name) {
    CommandResult r;
    const std::string status = readFile(work.path() / (name + ".status"));
    r.exitCode = status.empty() ? -1 : std::stoi(status);
    r.output = readFile(work.path() / (name + ".out"));
    return r;
  };
  return {result("dom"), result("shot")};
}

}  // namespace cdnsim::testing
