#pragma once
// Validators and Vary: entity tags (RFC 9110 §8.8.3) with their two comparison functions,
// If-None-Match matching (RFC 9110 §13.1.2), and the Vary field (RFC 9110 §12.5.5) with the
// response-selection check of RFC 9111 §4.1. Last-Modified is an HTTP date: parseHttpDate.
// Parsers never throw; malformed values are nullopt or skipped list members.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/headers.h"

namespace cdnsim::core::http {

// An entity tag as a view into the field value it was parsed from.
struct EntityTag {
  std::string_view opaque;  // between the quotes, quotes excluded
  bool weak = false;        // had the W/ prefix
  bool operator==(const EntityTag&) const = default;
};

// `"xyzzy"` or `W/"xyzzy"` with surrounding OWS; etagc excludes '"', controls and DEL (RFC 9110
// §8.8.3). We accept any other byte (obs-text included). Anything else: nullopt.
std::optional<EntityTag> parseEntityTag(std::string_view value);

// RFC 9110 §8.8.3.2: strong comparison needs both strong and the same opaque tag; weak comparison
// ignores the W/ flags.
bool strongMatch(const EntityTag& a, const EntityTag& b);
bool weakMatch(const EntityTag& a, const EntityTag& b);

// RFC 9110 §13.1.2 If-None-Match: true when the condition is false, i.e. when `current` matches
// the list ("*" matches any current representation) using weak comparison. A malformed list
// member matches nothing.
bool ifNoneMatchMatches(std::string_view ifNoneMatch, const EntityTag& current);

// RFC 9110 §12.5.5 Vary = "*" / #field-name.
struct Vary {
  bool any = false;                 // "*": no later request can be known to match (RFC 9111 §4.1)
  std::vector<std::string> fields;  // lower-cased field names, in order, duplicates removed
  bool empty() const { return !any && fields.empty(); }
  bool operator==(const Vary&) const = default;
};

// Junk members (not tokens) are skipped. "*" anywhere in the list means any.
Vary parseVary(std::string_view value);

// RFC 9111 §4.1: a stored response may serve a new request only if every field the Vary names
// has the same value in both requests (absent in both also matches). Values are compared after
// joining repeated lines (RFC 9110 §5.3) and trimming; no further normalisation. Vary: * never
// matches.
bool varyMatches(const Vary& vary, const Headers& storedRequest, const Headers& newRequest);

}  // namespace cdnsim::core::http
