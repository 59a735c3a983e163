#pragma once
// Makes a core type printable with fmt through its `toString` (found by argument-dependent
// lookup), so decisions print the same in logs, `explain` output and test failures.
// Use at global scope: CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::TtlRule)

#include <fmt/format.h>

#include <string_view>

#define CDNSIM_FORMAT_VIA_TO_STRING(Type)                                             \
  template <>                                                                         \
  struct fmt::formatter<Type> : fmt::formatter<std::string_view> {                    \
    template <typename FormatContext>                                                 \
    auto format(const Type& value, FormatContext& ctx) const -> decltype(ctx.out()) { \
      return fmt::formatter<std::string_view>::format(toString(value), ctx);          \
    }                                                                                 \
  }
