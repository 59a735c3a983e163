// `cdnsim serve` as a process: it prints its port table and exits 0 soon after SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

extern char** environ;

TEST_CASE("cdnsim serve prints its nodes and exits 0 on SIGTERM", "[proxy][cli]") {
  const auto out = std::filesystem::temp_directory_path() /
                   ("cdnsim-serve-" + std::to_string(::getpid()) + ".txt");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const std::string binary = CDNSIM_BINARY;
  const std::string topology = std::string(CDNSIM_SOURCE_DIR) + "/topologies/quickstart.yaml";
  std::string a0 = binary, a1 = "serve", a2 = topology;
  char* argv[] = {a0.data(), a1.data(), a2.data(), nullptr};
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  std::string text;
  for (int i = 0; i < 100 && text.find("rec ") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(out);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  CHECK(text.find("IAD89-C1") != std::string::npos);
  CHECK(text.find("origin (s3, in-process)") != std::string::npos);
  ::kill(pid, SIGTERM);
  int status = -1;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (status == -1) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::filesystem::remove(out);
}
