#pragma once
// Runs the real cdnsim binary on a scenario into a fresh temporary folder, for end-to-end tests.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cdnsim::testing {

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult runCommand(const std::string& command) {
  // One capture file per call: test processes run in parallel and may run the same command.
  static int calls = 0;
  const auto capture = std::filesystem::temp_directory_path() /
                       ("cdnsim-test-output-" + std::to_string(::getpid()) + "-" +
                        std::to_string(calls++) + "-" +
                        std::to_string(std::hash<std::string>{}(command)));
  const int raw = std::system((command + " > " + capture.string() + " 2>&1").c_str());
  CommandResult result;
  result.exitCode = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(capture);
  std::stringstream text;
  text << in.rdbuf();
  result.output = text.str();
  std::filesystem::remove(capture);
  return result;
}

// A temporary folder removed when the object goes.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              (name + "-" + std::to_string(::getpid()) + "-" +
               std::to_string(reinterpret_cast<std::uintptr_t>(this)))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string cdnsimBinary() { return CDNSIM_BINARY; }
inline std::string sourcePath(const std::string& relative) {
  return std::string(CDNSIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace cdnsim::testing
