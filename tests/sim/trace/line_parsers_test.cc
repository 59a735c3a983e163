// The line parsers directly: the one-pass fast path must agree with the general parser on every
// line it accepts, and no input, however mangled, may crash or throw (house rule: malformed input
// never crashes a parser). Inputs come from a fixed-seed Rng, so every run checks the same lines.

#include "sim/trace/line_parsers.h"

#include <catch2/catch.hpp>
#include <string>

#include "sim/random/rng.h"

namespace {

// A line that is mostly well formed, with random damage: digits, delimiters, signs, spaces, '\r',
// letters and very long numbers.
std::string mangledLine(cdnsim::sim::Rng& rng, char delimiter) {
  static const std::string alphabet = "0123456789012345678901234567890123456789 \t\r-+.xX#";
  std::string line;
  const std::uint64_t fields = 1 + rng.below(4);
  for (std::uint64_t f = 0; f < fields; ++f) {
    if (f > 0) line += delimiter;
    const std::uint64_t len = rng.below(24);
    for (std::uint64_t i = 0; i < len; ++i) {
      line += rng.below(4) == 0 ? alphabet[rng.below(alphabet.size())]
                                : static_cast<char>('0' + rng.below(10));
    }
  }
  return line;
}

template <typename Parser>
void checkFastAgreesWithGeneral(char delimiter, Parser makeParser()) {
  cdnsim::sim::Rng rng(2026);
  int fastAccepted = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string line = mangledLine(rng, delimiter);
    const std::string withNewline = line + "\n";
    Parser fast = makeParser(), general = makeParser();
    cdnsim::sim::trace::TraceRequest a{}, b{};
    const char* p = withNewline.data();
    const bool fastOk = fast.parseFast(p, withNewline.data() + withNewline.size(), a);
    const cdnsim::sim::trace::LineResult r = general.parse(line, b);
    if (fastOk) {
      ++fastAccepted;
      CAPTURE(line);
      REQUIRE(r.kind == cdnsim::sim::trace::LineKind::Record);
      REQUIRE(a == b);
      REQUIRE(p == withNewline.data() + withNewline.size());  // consumed the line and its '\n'
    }
  }
  CHECK(fastAccepted > 1000);  // the generator does produce well-formed lines
}

}  // namespace

TEST_CASE("CSV fast path agrees with the general parser on every line it accepts",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  checkFastAgreesWithGeneral<CsvLineParser>(',', [] { return CsvLineParser(','); });
}

TEST_CASE("Text fast path agrees with the general parser on every line it accepts",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  checkFastAgreesWithGeneral<TextLineParser>(' ', [] { return TextLineParser(); });
}

TEST_CASE("Parsers survive arbitrary bytes", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::Rng;
  Rng rng(7);
  for (int i = 0; i < 100000; ++i) {
    std::string line(rng.below(80), '\0');
    for (char& c : line) c = static_cast<char>(rng.below(256));
    TraceRequest r;
    CsvLineParser csv;
    TextLineParser text;
    CloudFrontLineParser cloudfront;
    const char* p = line.data();
    csv.parseFast(p, line.data() + line.size(), r);
    CHECK_NOTHROW(csv.parse(line, r));
    CHECK_NOTHROW(text.parse(line, r));
    CHECK_NOTHROW(cloudfront.parse(line, r));
  }
}

// Digits: 1 to 20 of them, never more than 2^64 - 1.
TEST_CASE("digits() reads unsigned 64-bit decimals and refuses overflow", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  auto [text, ok, value] = GENERATE(table<std::string, bool, std::uint64_t>({
      {"0", true, 0},
      {"42,", true, 42},
      {"18446744073709551615", true, 18446744073709551615ULL},
      {"18446744073709551616", false, 0},
      {"99999999999999999999", false, 0},
      {"100000000000000000000", false, 0},
      {"0000000000000000000001", false, 0},  // 22 digits: refused even if small
      {"", false, 0},
      {"x1", false, 0},
  }));
  CAPTURE(text);
  const char* p = text.data();
  std::uint64_t v = 0;
  CHECK(digits(p, text.data() + text.size(), v) == ok);
  if (ok) CHECK(v == value);
}

// digits() (eight at a time) against digitsScalar() (one at a time) on random digit runs of every
// length, followed by assorted bytes, with the input ending at every distance from the run.
TEST_CASE("digits() agrees with digitsScalar() on every run length and tail", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::Rng;
  Rng rng(99);
  static const std::string after = ",\n \t\rx/:;";
  for (int i = 0; i < 300000; ++i) {
    std::string text;
    const std::uint64_t len = rng.below(24);
    for (std::uint64_t k = 0; k < len; ++k) text += static_cast<char>('0' + rng.below(10));
    if (rng.below(3) == 0 && !text.empty()) text[0] = '1';
    const std::uint64_t tail = rng.below(12);
    for (std::uint64_t k = 0; k < tail; ++k) text += after[rng.below(after.size())];
    const char* endAt = text.data() + rng.below(text.size() + 1);
    const char* a = text.data();
    const char* b = text.data();
    std::uint64_t va = 0, vb = 0;
    const bool okA = digits(a, endAt, va);
    const bool okB = digitsScalar(b, endAt, vb);
    CAPTURE(text, endAt - text.data());
    REQUIRE(okA == okB);
    if (okA) {
      REQUIRE(va == vb);
      REQUIRE(a == b);
    }
  }
}

TEST_CASE("daysFromCivil matches known dates", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  CHECK(daysFromCivil(1970, 1, 1) == 0);
  CHECK(daysFromCivil(2000, 3, 1) == 11017);
  CHECK(daysFromCivil(2019, 12, 4) == 18234);
  CHECK(daysFromCivil(1969, 12, 31) == -1);
  CHECK(daysFromCivil(2024, 2, 29) == 19782);
}
