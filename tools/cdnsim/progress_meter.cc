#include "tools/cdnsim/progress_meter.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace cdnsim::tools {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kEvery = std::chrono::milliseconds(250);

// Work shorter than this shows nothing: a second, or CDNSIM_PROGRESS_AFTER milliseconds (tests set
// 0 to see the line at once).
std::chrono::milliseconds quietTime() {
  if (const char* text = std::getenv("CDNSIM_PROGRESS_AFTER")) {
    char* end = nullptr;
    const long ms = std::strtol(text, &end, 10);
    if (end != text && *end == '\0' && ms >= 0) return std::chrono::milliseconds(ms);
  }
  return std::chrono::seconds(1);
}

// 950, 12.3k, 4.56M, 1.23G
std::string shortCount(double n) {
  if (n < 1e3) return fmt::format("{:.0f}", n);
  if (n < 1e6) return fmt::format("{:.1f}k", n / 1e3);
  if (n < 1e9) return fmt::format("{:.2f}M", n / 1e6);
  return fmt::format("{:.2f}G", n / 1e9);
}

std::string clockText(double seconds) {
  const auto s = static_cast<std::uint64_t>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressMeter::ProgressMeter(std::string what, std::uint64_t totalRequests, std::size_t totalRuns)
    : what_(std::move(what)), totalRequests_(totalRequests), totalRuns_(totalRuns) {
  if (::isatty(STDERR_FILENO) == 1) thread_ = std::thread([this] { loop(); });
}

ProgressMeter::~ProgressMeter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::string ProgressMeter::line(const std::string& what, std::uint64_t requests,
                                std::uint64_t totalRequests, std::size_t runs,
                                std::size_t totalRuns, double seconds) {
  std::string out = what + ": ";
  if (totalRuns > 1) out += fmt::format("{}/{} runs, ", runs, totalRuns);
  const double fraction =
      totalRequests == 0 ? 0.0 : static_cast<double>(requests) / static_cast<double>(totalRequests);
  out += fmt::format("{} of {} requests ({:.0f}%)", shortCount(static_cast<double>(requests)),
                     shortCount(static_cast<double>(totalRequests)), 100 * fraction);
  if (seconds > 0 && requests > 0) {
    const double rate = static_cast<double>(requests) / seconds;
    out += fmt::format(
        ", {} requests/s, ETA {}", shortCount(rate),
        clockText(static_cast<double>(totalRequests - std::min(requests, totalRequests)) / rate));
  }
  return out;
}

void ProgressMeter::loop() {
  const auto start = Clock::now();
  const auto quiet = quietTime();
  bool shown = false;
  std::unique_lock lock(mutex_);
  for (bool first = true; first || !wake_.wait_for(lock, kEvery, [this] { return stop_; });
       first = false) {
    if (stop_) break;
    const auto elapsed = Clock::now() - start;
    if (elapsed < quiet) continue;
    const std::string text = line(what_, requests_.load(std::memory_order_relaxed), totalRequests_,
                                  runs_.load(std::memory_order_relaxed), totalRuns_,
                                  std::chrono::duration<double>(elapsed).count());
    // \r back to the line's start, \033[K erases what a longer previous line left.
    std::fprintf(stderr, "\r%s\033[K", text.c_str());
    std::fflush(stderr);
    shown = true;
  }
  if (shown) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

}  // namespace cdnsim::tools
