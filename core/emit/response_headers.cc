// Builds the viewer response's header list (see response_headers.h for the order and sources).

#include "core/emit/response_headers.h"

#include <fmt/format.h>

#include <iterator>

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

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string filterVary(std::string_view vary, std::span<const std::string> forwardedHeaders) {
  std::string out;
  while (!vary.empty()) {
    const auto comma = vary.find(',');
    const std::string_view name = trimOws(vary.substr(0, comma));
    vary = comma == std::string_view::npos ? std::string_view{} : vary.substr(comma + 1);
    if (name.empty()) continue;
    bool keep = equalsIgnoreCase(name, "Accept-Encoding") || equalsIgnoreCase(name, "Cookie");
    for (const auto& f : forwardedHeaders) keep = keep || equalsIgnoreCase(name, f);
    if (!keep) continue;
    if (!out.empty()) out.append(", ");
    out.append(name);
  }
  return out;
}

std::string ageValue(Duration age) {
  const auto s = wholeSeconds(age);
  return fmt::format("{}", s < 0 ? 0 : s);
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

http::Headers emitResponseHeaders(const EmitInput& in) {
  http::Headers out;
  const bool cloudFrontMade = in.generatedBy != GeneratedBy::Origin;
  // CloudFront-made responses carry its own Server (CLOUDFRONT.md §4); origin ones keep theirs.
  if (cloudFrontMade) out.add("Server", "CloudFront");
  std::string upstreamVia;
  if (in.upstreamHeaders) {
    for (const auto& f : in.upstreamHeaders->fields()) {
      const std::string_view n = f.name;
      if (cloudFrontMade && equalsIgnoreCase(n, "Server")) continue;
      if (equalsIgnoreCase(n, "Trailer") || equalsIgnoreCase(n, "Upgrade")) continue;
      if (!in.forwardCookies && equalsIgnoreCase(n, "Set-Cookie")) continue;
      if (isOurs(n)) continue;
      if (in.age && equalsIgnoreCase(n, "Age")) continue;
      if (equalsIgnoreCase(n, "Vary")) {
        auto kept = filterVary(f.value, in.forwardedHeaders);
        if (!kept.empty()) out.add(f.name, std::move(kept));
        continue;
      }
      if (equalsIgnoreCase(n, "Via")) {
        if (!upstreamVia.empty()) upstreamVia.append(", ");
        upstreamVia.append(f.value);
        continue;
      }
      out.add(f.name, f.value);
    }
  }
  out.add("X-Cache", std::string(xCacheValue(xCacheFor(in))));
  std::string via = std::move(upstreamVia);
  if (!via.empty()) via.append(", ");
  appendViaValue(in.viaId, via);
  out.add("Via", std::move(via));
  if (in.pop.valid()) out.add("X-Amz-Cf-Pop", in.pop.toString());
  if (!in.requestId.empty()) out.add("X-Amz-Cf-Id", std::string(in.requestId));
  if (in.age) out.add("Age", ageValue(*in.age));
  if (in.serverTiming) {
    std::string st;
    appendServerTimingValue(*in.serverTiming, in.outcome.responseResult, in.pop, in.requestId, st);
    out.add("Server-Timing", std::move(st));
  }
  return out;
}

}  // namespace cdnsim::core::emit
