// Each policy's Config::validate(): defaults are valid (they are the published parameters) and
// out-of-range values are reported, never silently clamped.

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "core/store/policies/lirs.h"
#include "core/store/policies/s3fifo.h"
#include "core/store/policies/slru.h"
#include "core/store/policies/two_q.h"
#include "core/store/policies/w_tinylfu.h"

namespace cdnsim::core::store {

TEST_CASE("policy configs: defaults valid, impossible values rejected", "[store][config]") {
  using Check = std::function<std::optional<std::string>()>;
  using Row = std::tuple<const char*, Check, bool>;
  const auto [what, check, valid] = GENERATE(table<const char*, Check, bool>({
      Row{"S3-FIFO defaults", [] { return S3FifoConfig{}.validate(); }, true},
      Row{"S3-FIFO small queue 0%", [] { return S3FifoConfig{0.0}.validate(); }, false},
      Row{"S3-FIFO small queue 100%", [] { return S3FifoConfig{1.0}.validate(); }, false},
      Row{"S3-FIFO threshold 2 (libCacheSim)", [] { return S3FifoConfig{0.1, 0.9, 2}.validate(); }, true},
      Row{"S3-FIFO threshold 4 (beyond 2 bits)", [] { return S3FifoConfig{0.1, 0.9, 4}.validate(); }, false},
      Row{"S3-FIFO negative ghost", [] { return S3FifoConfig{0.1, -1.0}.validate(); }, false},
      Row{"SLRU defaults", [] { return SlruConfig{}.validate(); }, true},
      Row{"SLRU protected 100%", [] { return SlruConfig{1.0}.validate(); }, false},
      Row{"2Q defaults", [] { return TwoQConfig{}.validate(); }, true},
      Row{"2Q Kin 0", [] { return TwoQConfig{0.0}.validate(); }, false},
      Row{"W-TinyLFU defaults", [] { return WTinyLfuConfig{}.validate(); }, true},
      Row{"W-TinyLFU window 0", [] { return WTinyLfuConfig{0.0}.validate(); }, false},
      Row{"W-TinyLFU protected NaN", [] { return WTinyLfuConfig{0.01, std::nan("")}.validate(); }, false},
      Row{"LIRS defaults", [] { return LirsConfig{}.validate(); }, true},
      Row{"LIRS HIR 100%", [] { return LirsConfig{1.0}.validate(); }, false},
  }));
  CAPTURE(what);
  REQUIRE(check().has_value() == !valid);
}

}  // namespace cdnsim::core::store
