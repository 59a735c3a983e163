// Builds the viewer response's header list (see response_headers.h for the order and sources).

#include "core/emit/response_headers.h"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <utility>

#include "core/cache/age.h"
#include "core/emit/request_id.h"

namespace cdnsim::core::emit {

namespace {

using http::equalsIgnoreCase;

// Fields an upstream CloudFront may have set that ours replace.
bool isOurs(std::string_view name) {
  return equalsIgnoreCase(name, "X-Cache") || equalsIgnoreCase(name, "X-Amz-Cf-Pop") ||
         equalsIgnoreCase(name, "X-Amz-Cf-Id") || equalsIgnoreCase(name, "Server-Timing");
}

XCacheType xCacheFor(const EmitInput& in) {
  switch (in.generatedBy) {
    case GeneratedBy::Function:
      return XCacheType::FunctionGeneratedResponse;
    case GeneratedBy::Lambda:
      return XCacheType::LambdaGeneratedResponse;
    default:
      return xCacheTypeFor(in.outcome.responseResult);
  }
}

void appendMillis(std::string& out, Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  fmt::format_to(std::back_inserter(out), "{}", ms < 0 ? 0 : ms);
}

// Whether `name` may be one of the fields emitInto() drops or rewrites (Server, Set-Cookie,
// Server-Timing, Trailer, Upgrade, X-Cache, X-Amz-Cf-*, Age, Vary, Via), by its first letter: every
// other field (Date, ETag, Content-Type, ...) skips the case-insensitive comparisons.
bool maybeSpecial(std::string_view name) {
  if (name.empty()) return false;
  switch (name[0] | 0x20) {  // ASCII lower case; only 'S' and 's' become 's', and so on
    case 'a':
    case 's':
    case 't':
    case 'u':
    case 'v':
    case 'x':
      return true;
    default:
      return false;
  }
}

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string filterVary(std::string_view vary, std::span<const std::string> forwardedHeaders) {
  std::string out;
  appendFilteredVary(vary, forwardedHeaders, out);
  return out;
}

void appendFilteredVary(std::string_view vary, std::span<const std::string> forwardedHeaders,
                        std::string& out) {
  const std::size_t start = out.size();
  while (!vary.empty()) {
    const auto comma = vary.find(',');
    const std::string_view name = trimOws(vary.substr(0, comma));
    vary = comma == std::string_view::npos ? std::string_view{} : vary.substr(comma + 1);
    if (name.empty()) continue;
    bool keep = equalsIgnoreCase(name, "Accept-Encoding") || equalsIgnoreCase(name, "Cookie");
    for (const auto& f : forwardedHeaders) keep = keep || equalsIgnoreCase(name, f);
    if (!keep) continue;
    if (out.size() != start) out.append(", ");
    out.append(name);
  }
}

std::string ageValue(Duration age) {
  std::string out;
  appendAgeValue(age, out);
  return out;
}

void appendAgeValue(Duration age, std::string& out) {
  char buf[24];
  // The value rule (whole seconds, never negative) is RFC 9111 §5.1's, kept in core/cache/age.
  const auto end = std::to_chars(buf, buf + sizeof buf, cache::ageHeaderSeconds(age)).ptr;
  out.append(buf, end);
}

void appendServerTimingValue(const ServerTiming& st, EdgeResultType result, const PopCode& pop,
                             std::string_view requestId, std::string& out) {
  bool first = true;
  auto metric = [&](std::string_view name) {
    if (!first) out.push_back(',');
    first = false;
    out.append(name);
  };
  auto desc = [&](std::string_view name, std::string_view value) {
    metric(name);
    out.append(";desc=\"").append(value).push_back('"');
  };
  auto dur = [&](std::string_view name, const std::optional<Duration>& d) {
    if (!d) return;
    metric(name);
    out.append(";dur=");
    appendMillis(out, *d);
  };
  if (st.upstreamLayer) desc("cdn-upstream-layer", toString(*st.upstreamLayer));
  dur("cdn-upstream-dns", st.upstreamDns);
  dur("cdn-upstream-connect", st.upstreamConnect);
  dur("cdn-upstream-fbl", st.upstreamFirstByte);
  switch (result) {
    case EdgeResultType::Hit:
      metric("cdn-cache-hit");
      break;
    case EdgeResultType::RefreshHit:
      metric("cdn-cache-refresh");
      break;
    case EdgeResultType::Miss:
      metric("cdn-cache-miss");
      break;
    default:
      break;
  }
  if (pop.valid()) desc("cdn-pop", pop.toString());
  if (!requestId.empty()) desc("cdn-rid", requestId);
  if (st.hitLayer) desc("cdn-hit-layer", toString(*st.hitLayer));
  dur("cdn-downstream-fbl", st.downstreamFirstByte);
}

namespace {

// Whether an upstream field reaches the viewer as it is. The others are dropped, except Vary
// (filtered) and Via (joined with ours); see the rules in response_headers.h.
bool passesAsIs(const EmitInput& in, std::string_view n) {
  if (!maybeSpecial(n)) return true;
  if (in.generatedBy != GeneratedBy::Origin && equalsIgnoreCase(n, "Server")) return false;
  if (equalsIgnoreCase(n, "Trailer") || equalsIgnoreCase(n, "Upgrade")) return false;
  if (!in.forwardCookies && equalsIgnoreCase(n, "Set-Cookie")) return false;
  if (isOurs(n)) return false;
  if (in.age && equalsIgnoreCase(n, "Age")) return false;
  return !equalsIgnoreCase(n, "Vary") && !equalsIgnoreCase(n, "Via");
}

// CloudFront's own fields, appended after the upstream ones. `upstream` (may be null) is searched
// for Via fields to join with ours only when `upstreamVia`.
template <class UpstreamFields>
void appendOurs(const EmitInput& in, const UpstreamFields* upstream, bool upstreamVia,
                http::HeaderFieldList& out) {
  out.add("X-Cache", xCacheValue(xCacheFor(in)));
  // An upstream Via is kept and ours appended to it (RFC 9110 §7.6.3).
  out.addWith("Via", [&](std::string& value) {
    if (upstreamVia) {
      for (const auto& f : upstream->fields()) {
        if (equalsIgnoreCase(std::string_view(f.name), "Via")) value.append(f.value).append(", ");
      }
    }
    appendViaValue(in.viaId, value);
  });
  if (in.pop.valid()) {
    char pop[PopCode::kMaxLength];
    out.add("X-Amz-Cf-Pop", std::string_view(pop, in.pop.write(pop)));
  }
  if (!in.requestId.empty()) out.add("X-Amz-Cf-Id", in.requestId);
  if (in.age) out.addWith("Age", [&](std::string& value) { appendAgeValue(*in.age, value); });
  if (in.serverTiming) {
    out.addWith("Server-Timing", [&](std::string& value) {
      appendServerTimingValue(*in.serverTiming, in.outcome.responseResult, in.pop, in.requestId,
                              value);
    });
  }
}

// The rules, once, over either form of the upstream fields (http::Headers or HeaderFieldList).
template <class UpstreamFields>
void emitInto(const EmitInput& in, const UpstreamFields* upstream, http::HeaderFieldList& out) {
  const bool cloudFrontMade = in.generatedBy != GeneratedBy::Origin;
  // CloudFront-made responses carry its own Server (CLOUDFRONT.md §4); origin ones keep theirs.
  if (cloudFrontMade) out.add("Server", "CloudFront");
  bool upstreamVia = false;
  if (upstream != nullptr) {
    for (const auto& f : upstream->fields()) {
      const std::string_view n = f.name;
      const std::string_view v = f.value;
      if (passesAsIs(in, n)) {
        out.add(n, v);
      } else if (equalsIgnoreCase(n, "Vary")) {
        std::string kept;  // S3 sends no Vary: this rare path may allocate
        appendFilteredVary(v, in.forwardedHeaders, kept);
        if (!kept.empty()) out.add(n, kept);
      } else if (equalsIgnoreCase(n, "Via")) {
        upstreamVia = true;  // joined with ours
      }
    }
  }
  appendOurs(in, upstream, upstreamVia, out);
}

// Lets emitInto() read a HeaderFieldList the way it reads http::Headers.
struct FieldListAdapter {
  const http::HeaderFieldList& list;
  const http::HeaderFieldList& fields() const { return list; }
};

}  // namespace

void emitResponseHeaders(const EmitInput& in, http::HeaderFieldList& out) {
  out.clear();
  if (in.upstreamFields != nullptr) {
    const FieldListAdapter upstream{*in.upstreamFields};
    emitInto(in, &upstream, out);
  } else {
    emitInto(in, in.upstreamHeaders, out);
  }
}

void emitResponseHeadersInPlace(const EmitInput& in, http::HeaderFieldList& fields,
                                http::HeaderFieldList& spare) {
  bool asIs = in.generatedBy == GeneratedBy::Origin;
  for (std::size_t i = 0; asIs && i < fields.size(); ++i) asIs = passesAsIs(in, fields[i].name);
  if (asIs) {  // the common case: nothing to drop or rewrite, ours go after the upstream's
    appendOurs<FieldListAdapter>(in, nullptr, false, fields);
    return;
  }
  std::swap(fields, spare);  // both keep their capacity
  fields.clear();
  const FieldListAdapter upstream{spare};
  emitInto(in, &upstream, fields);
}

http::Headers emitResponseHeaders(const EmitInput& in) {
  http::HeaderFieldList out;
  emitResponseHeaders(in, out);
  return out.toHeaders();
}

}  // namespace cdnsim::core::emit
