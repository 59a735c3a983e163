#pragma once
// The one error type of the configuration loaders: where (file:line:col) and what is wrong.
// The command line prints what() on one line and exits with status 2.

#include <stdexcept>
#include <string>

namespace cdnsim::core::config {

struct SourceMark {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

class ConfigError : public std::runtime_error {
 public:
  ConfigError(SourceMark mark, const std::string& message)
      : std::runtime_error(format(mark, message)), mark_(std::move(mark)), message_(message) {}

  const SourceMark& mark() const { return mark_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const SourceMark& mark, const std::string& message) {
    if (mark.line <= 0) return mark.file + ": " + message;
    return mark.file + ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column) + ": " +
           message;
  }

  SourceMark mark_;
  std::string message_;
};

}  // namespace cdnsim::core::config
