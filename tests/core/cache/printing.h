#pragma once
// Lets Catch2 print core decision types in failure messages through their fmt formatters.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#define CDNSIM_CATCH_PRINT_VIA_FMT(Type)                                           \
  namespace Catch {                                                                \
  template <>                                                                      \
  struct StringMaker<Type> {                                                       \
    static std::string convert(const Type& value) { return fmt::format("{}", value); } \
  };                                                                               \
  }
