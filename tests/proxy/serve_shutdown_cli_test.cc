// `cdnsim serve` as a process: it prints its port table (and, for a scenario, sample URLs of its
// catalogue) and exits 0 soon after SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

extern char** environ;

namespace {

struct Served {
  std::string text;  // what it printed before SIGTERM
  int status = -1;   // its wait status after SIGTERM
};

// Starts `cdnsim serve FILE`, waits until its output holds `until`, sends SIGTERM, reaps it.
Served serveUntil(const std::string& file, const std::string& until) {
  const auto out = std::filesystem::temp_directory_path() /
                   ("cdnsim-serve-" + std::to_string(::getpid()) + "-" +
                    std::to_string(std::hash<std::string>{}(file)) + ".txt");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const std::string binary = CDNSIM_BINARY;
  std::string a0 = binary, a1 = "serve", a2 = file;
  char* argv[] = {a0.data(), a1.data(), a2.data(), nullptr};
  pid_t pid = 0;
  Served served;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ) != 0) return served;
  posix_spawn_file_actions_destroy(&actions);
  for (int i = 0; i < 100 && served.text.find(until) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(out);
    std::stringstream ss;
    ss << in.rdbuf();
    served.text = ss.str();
  }
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid, &served.status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (served.status == -1) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &served.status, 0);
  }
  std::filesystem::remove(out);
  return served;
}

}  // namespace

TEST_CASE("cdnsim serve prints its nodes and exits 0 on SIGTERM", "[proxy][cli]") {
  const auto served =
      serveUntil(std::string(CDNSIM_SOURCE_DIR) + "/topologies/quickstart.yaml", "try: curl");
  CHECK(served.text.find("IAD89-C1") != std::string::npos);
  CHECK(served.text.find("origin (s3, in-process)") != std::string::npos);
  CHECK(WIFEXITED(served.status));
  CHECK(WEXITSTATUS(served.status) == 0);
}

TEST_CASE("cdnsim serve SCENARIO serves its topology and lists catalogue URLs", "[proxy][cli]") {
  const auto served =
      serveUntil(std::string(CDNSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml", "obj-2");
  CHECK(served.text.find("IAD89-C1") != std::string::npos);
  CHECK(served.text.find("sample URLs") != std::string::npos);
  CHECK(served.text.find("/assets/obj-0\n") != std::string::npos);
  CHECK(WIFEXITED(served.status));
  CHECK(WEXITSTATUS(served.status) == 0);
}
