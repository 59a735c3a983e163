#include "core/http/cache_control.h"

#include <fmt/format.h>

#include "core/http/field_syntax.h"
#include "core/http/headers.h"

namespace cdnsim::core::http {

namespace {

struct Directive {
  std::string_view name;
  std::optional<std::string_view> argument;  // unquoted; nullopt when there was no '='
};

// One list member -> directive. Members whose name is not a token are junk: nullopt.
std::optional<Directive> splitDirective(std::string_view member) {
  std::size_t eq = member.find('=');
  std::string_view name = trimOws(member.substr(0, eq));
  if (!isToken(name)) return std::nullopt;
  if (eq == std::string_view::npos) return Directive{name, std::nullopt};
  return Directive{name, unquote(trimOws(member.substr(eq + 1)))};
}

// For max-age and s-maxage: invalid or conflicting values make the response stale (§4.2.1).
void setLifetime(std::optional<Duration>& field, bool& invalid,
                 const std::optional<std::string_view>& argument) {
  std::optional<Duration> parsed = argument ? parseDeltaSeconds(*argument) : std::nullopt;
  if (!parsed || (field && *field != *parsed)) {
    invalid = true;
    field = Duration::zero();
    return;
  }
  if (!invalid) field = parsed;
}

// For directives that can only widen what may be served: invalid -> ignored, repeats -> smallest.
void setWidening(std::optional<Duration>& field, const std::optional<std::string_view>& argument) {
  std::optional<Duration> parsed = argument ? parseDeltaSeconds(*argument) : std::nullopt;
  if (!parsed) return;
  if (!field || *parsed < *field) field = parsed;
}

}  // namespace

RequestCacheControl parseRequestCacheControl(std::string_view value) {
  RequestCacheControl cc;
  ListIterator members(value);
  while (auto member = members.next()) {
    auto d = splitDirective(*member);
    if (!d) continue;
    if (equalsIgnoreCase(d->name, "max-age")) {
      // An invalid request max-age is read as 0 (revalidate): the restrictive reading.
      std::optional<Duration> parsed = d->argument ? parseDeltaSeconds(*d->argument) : std::nullopt;
      Duration v = parsed.value_or(Duration::zero());
      if (!cc.maxAge || v < *cc.maxAge) cc.maxAge = v;
    } else if (equalsIgnoreCase(d->name, "max-stale")) {
      if (!d->argument) {
        cc.maxStaleAny = true;
      } else {
        setWidening(cc.maxStale, d->argument);
      }
    } else if (equalsIgnoreCase(d->name, "min-fresh")) {
      // min-fresh restricts; an invalid one is ignored rather than guessed.
      std::optional<Duration> parsed = d->argument ? parseDeltaSeconds(*d->argument) : std::nullopt;
      if (parsed && (!cc.minFresh || *parsed > *cc.minFresh)) cc.minFresh = parsed;
    } else if (equalsIgnoreCase(d->name, "no-cache")) {
      cc.noCache = true;
    } else if (equalsIgnoreCase(d->name, "no-store")) {
      cc.noStore = true;
    } else if (equalsIgnoreCase(d->name, "no-transform")) {
      cc.noTransform = true;
    } else if (equalsIgnoreCase(d->name, "only-if-cached")) {
      cc.onlyIfCached = true;
    }
    // Anything else is an extension we do not implement: ignored (RFC 9111 §5.2.3).
  }
  return cc;
}

ResponseCacheControl parseResponseCacheControl(std::string_view value) {
  ResponseCacheControl cc;
  bool maxAgeInvalid = false;
  bool sMaxAgeInvalid = false;
  ListIterator members(value);
  while (auto member = members.next()) {
    auto d = splitDirective(*member);
    if (!d) continue;
    const std::string_view n = d->name;
    if (equalsIgnoreCase(n, "max-age")) {
      setLifetime(cc.maxAge, maxAgeInvalid, d->argument);
    } else if (equalsIgnoreCase(n, "s-maxage")) {
      setLifetime(cc.sMaxAge, sMaxAgeInvalid, d->argument);
    } else if (equalsIgnoreCase(n, "no-cache")) {
      cc.noCache = true;
    } else if (equalsIgnoreCase(n, "no-store")) {
      cc.noStore = true;
    } else if (equalsIgnoreCase(n, "private")) {
      cc.isPrivate = true;
    } else if (equalsIgnoreCase(n, "public")) {
      cc.isPublic = true;
    } else if (equalsIgnoreCase(n, "must-revalidate")) {
      cc.mustRevalidate = true;
    } else if (equalsIgnoreCase(n, "proxy-revalidate")) {
      cc.proxyRevalidate = true;
    } else if (equalsIgnoreCase(n, "no-transform")) {
      cc.noTransform = true;
    } else if (equalsIgnoreCase(n, "must-understand")) {
      cc.mustUnderstand = true;
    } else if (equalsIgnoreCase(n, "immutable")) {
      cc.immutable = true;
    } else if (equalsIgnoreCase(n, "stale-while-revalidate")) {
      setWidening(cc.staleWhileRevalidate, d->argument);
    } else if (equalsIgnoreCase(n, "stale-if-error")) {
      setWidening(cc.staleIfError, d->argument);
    }
  }
  cc.invalidFreshness = maxAgeInvalid || sMaxAgeInvalid;
  return cc;
}

namespace {
void appendFlag(std::string& out, bool on, std::string_view name) {
  if (!on) return;
  if (!out.empty()) out += ", ";
  out += name;
}
void appendDelta(std::string& out, const std::optional<Duration>& d, std::string_view name) {
  if (!d) return;
  if (!out.empty()) out += ", ";
  out += fmt::format("{}={}", name, wholeSeconds(*d));
}
}  // namespace

std::string toString(const RequestCacheControl& cc) {
  std::string out;
  appendDelta(out, cc.maxAge, "max-age");
  appendFlag(out, cc.maxStaleAny, "max-stale");
  appendDelta(out, cc.maxStale, "max-stale");
  appendDelta(out, cc.minFresh, "min-fresh");
  appendFlag(out, cc.noCache, "no-cache");
  appendFlag(out, cc.noStore, "no-store");
  appendFlag(out, cc.noTransform, "no-transform");
  appendFlag(out, cc.onlyIfCached, "only-if-cached");
  return out;
}

std::string toString(const ResponseCacheControl& cc) {
  std::string out;
  appendDelta(out, cc.maxAge, "max-age");
  appendDelta(out, cc.sMaxAge, "s-maxage");
  appendFlag(out, cc.mustRevalidate, "must-revalidate");
  appendFlag(out, cc.proxyRevalidate, "proxy-revalidate");
  appendFlag(out, cc.noCache, "no-cache");
  appendFlag(out, cc.noStore, "no-store");
  appendFlag(out, cc.noTransform, "no-transform");
  appendFlag(out, cc.isPrivate, "private");
  appendFlag(out, cc.isPublic, "public");
  appendFlag(out, cc.mustUnderstand, "must-understand");
  appendFlag(out, cc.immutable, "immutable");
  appendDelta(out, cc.staleWhileRevalidate, "stale-while-revalidate");
  appendDelta(out, cc.staleIfError, "stale-if-error");
  appendFlag(out, cc.invalidFreshness, "(invalid freshness)");
  return out;
}

}  // namespace cdnsim::core::http
