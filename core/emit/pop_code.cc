// POP code formatting and parsing (X-Amz-Cf-Pop, x-edge-location; CLOUDFRONT.md §4, §8).

#include "core/emit/pop_code.h"

namespace cdnsim::core::emit {

namespace {

constexpr int kMaxNumber = 99999;

bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t writeInt(int v, char* out) {
  char tmp[8];
  std::size_t n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < sizeof(tmp));
  for (std::size_t i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

// Reads 1..5 digits without a leading zero into `v`; advances `text`.
bool readNumber(std::string_view& text, int& v) {
  std::size_t n = 0;
  while (n < text.size() && isDigit(text[n])) ++n;
  if (n == 0 || n > 5 || text[0] == '0') return false;
  v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + (text[i] - '0');
  text.remove_prefix(n);
  return true;
}

}  // namespace

bool PopCode::valid() const {
  if (iata.size() != 3 || !isUpper(iata[0]) || !isUpper(iata[1]) || !isUpper(iata[2])) return false;
  if (number < 1 || number > kMaxNumber) return false;
  if (kind == '\0') return suffix == 0;
  return (kind == 'C' || kind == 'P') && suffix >= 1 && suffix <= kMaxNumber;
}

std::size_t PopCode::write(char* out) const {
  std::size_t n = 0;
  for (char c : iata) out[n++] = c;
  n += writeInt(number, out + n);
  if (kind != '\0') {
    out[n++] = '-';
    out[n++] = kind;
    n += writeInt(suffix, out + n);
  }
  return n;
}

std::string PopCode::toString() const {
  if (!valid()) return {};
  char buf[kMaxLength];
  return std::string(buf, write(buf));
}

std::optional<PopCode> parsePopCode(std::string_view text) {
  if (text.size() < 4 || !isUpper(text[0]) || !isUpper(text[1]) || !isUpper(text[2])) {
    return std::nullopt;
  }
  PopCode p;
  p.iata = std::string(text.substr(0, 3));
  text.remove_prefix(3);
  if (!readNumber(text, p.number)) return std::nullopt;
  if (text.empty()) return p;
  if (text.size() < 3 || text[0] != '-' || (text[1] != 'C' && text[1] != 'P')) return std::nullopt;
  p.kind = text[1];
  text.remove_prefix(2);
  if (!readNumber(text, p.suffix) || !text.empty()) return std::nullopt;
  return p;
}

}  // namespace cdnsim::core::emit
