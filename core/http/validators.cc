#include "core/http/validators.h"

#include <algorithm>

#include "core/http/field_syntax.h"

namespace cdnsim::core::http {

namespace {
// RFC 9110 §8.8.3 etagc = %x21 / %x23-7E / obs-text
bool isEtagc(char c) {
  auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u != 0x7F);
}

}  // namespace

std::optional<EntityTag> parseEntityTag(std::string_view value) {
  std::string_view s = trimOws(value);
  EntityTag tag;
  // The weak indicator is case-sensitive "W/" (RFC 9110 §8.8.3: %s"W/").
  if (s.size() >= 2 && s[0] == 'W' && s[1] == '/') {
    tag.weak = true;
    s.remove_prefix(2);
  }
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
  std::string_view opaque = s.substr(1, s.size() - 2);
  for (char c : opaque) {
    if (!isEtagc(c)) return std::nullopt;
  }
  tag.opaque = opaque;
  return tag;
}

bool strongMatch(const EntityTag& a, const EntityTag& b) {
  return !a.weak && !b.weak && a.opaque == b.opaque;
}

bool weakMatch(const EntityTag& a, const EntityTag& b) { return a.opaque == b.opaque; }

bool ifNoneMatchMatches(std::string_view ifNoneMatch, const EntityTag& current) {
  if (trimOws(ifNoneMatch) == "*") return true;
  ListIterator members(ifNoneMatch);
  while (auto member = members.next()) {
    auto tag = parseEntityTag(*member);
    if (tag && weakMatch(*tag, current)) return true;
  }
  return false;
}

Vary parseVary(std::string_view value) {
  Vary vary;
  ListIterator members(value);
  while (auto member = members.next()) {
    if (*member == "*") {
      vary.any = true;
      continue;
    }
    if (!isToken(*member)) continue;
    std::string name(*member);
    std::transform(name.begin(), name.end(), name.begin(), asciiLower);
    if (std::find(vary.fields.begin(), vary.fields.end(), name) == vary.fields.end()) {
      vary.fields.push_back(std::move(name));
    }
  }
  return vary;
}

bool varyMatches(const Vary& vary, const Headers& storedRequest, const Headers& newRequest) {
  if (vary.any) return false;
  for (const auto& name : vary.fields) {
    auto a = storedRequest.getCombined(name);
    auto b = newRequest.getCombined(name);
    if (a.has_value() != b.has_value()) return false;
    if (a && trimOws(*a) != trimOws(*b)) return false;
  }
  return true;
}

}  // namespace cdnsim::core::http
