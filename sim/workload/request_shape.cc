#include "sim/workload/request_shape.h"

#include <charconv>

#include "core/http/headers.h"
#include "sim/random/rng.h"

namespace cdnsim::sim {

namespace {

using core::config::FieldValuesConfig;
using core::config::RequestMethod;

void addFields(const std::vector<core::config::RequestFieldConfig>& configs, FieldFamily family,
               std::vector<RequestField>& out) {
  for (const auto& c : configs) {
    RequestField f;
    f.family = family;
    f.name = c.name;
    f.probability = c.probability;
    f.kind = c.values.kind;
    f.count = c.values.count;
    f.values = c.values.values;
    if (c.values.kind == FieldValuesConfig::Kind::List) f.choice = WeightedChoice(c.values.weights);
    out.push_back(std::move(f));
  }
}

}  // namespace

RequestShape::RequestShape(const core::config::ObjectGroupConfig& group) {
  if (!group.methods.empty()) {
    methods_.clear();
    std::vector<double> shares;
    for (const auto& m : group.methods) {
      methods_.push_back(m.method);
      shares.push_back(m.share);
    }
    methodChoice_ = WeightedChoice(shares);
  }
  addFields(group.query, FieldFamily::Query, fields_);
  addFields(group.cookies, FieldFamily::Cookie, fields_);
  addFields(group.headers, FieldFamily::Header, fields_);
}

bool RequestShape::sendsOptions() const {
  for (const auto m : methods_) {
    if (m == RequestMethod::Options) return true;
  }
  return false;
}

RequestVariant RequestShape::draw(std::uint64_t seed) const {
  Rng rng(seed);
  RequestVariant v;
  v.method = methods_.size() == 1 ? methods_.front() : methods_[methodChoice_(rng)];
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const RequestField& f = fields_[i];
    if (f.probability < 1.0 && !(rng.uniform() < f.probability)) continue;
    v.present |= 1U << i;
    switch (f.kind) {
      case FieldValuesConfig::Kind::Count: v.value[i] = rng.below(f.count); break;
      case FieldValuesConfig::Kind::List: v.value[i] = f.choice(rng); break;
      case FieldValuesConfig::Kind::Unique: v.value[i] = rng.next(); break;
    }
  }
  return v;
}

std::string_view RequestShape::value(std::size_t field, const RequestVariant& v,
                                     std::array<char, 24>& buffer) const {
  const RequestField& f = fields_[field];
  switch (f.kind) {
    case FieldValuesConfig::Kind::List:
      return f.values[v.value[field]];
    case FieldValuesConfig::Kind::Count: {
      const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v.value[field]).ptr;
      return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
    }
    case FieldValuesConfig::Kind::Unique: {
      constexpr char kHex[] = "0123456789abcdef";
      for (int i = 0; i < 16; ++i) buffer[static_cast<std::size_t>(i)] = kHex[(v.value[field] >> (60 - 4 * i)) & 15];
      return {buffer.data(), 16};
    }
  }
  return {};
}

void RequestShape::appendQuery(const RequestVariant& v, std::string& out) const {
  std::array<char, 24> buffer;
  bool first = true;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].family != FieldFamily::Query || !v.has(i)) continue;
    if (!first) out.push_back('&');
    first = false;
    out.append(fields_[i].name).push_back('=');
    out.append(value(i, v, buffer));
  }
}

void RequestShape::appendCookieHeader(const RequestVariant& v, std::string& out) const {
  std::array<char, 24> buffer;
  bool first = true;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].family != FieldFamily::Cookie || !v.has(i)) continue;
    if (!first) out.append("; ");
    first = false;
    out.append(fields_[i].name).push_back('=');
    out.append(value(i, v, buffer));
  }
}

std::string_view RequestShape::headerValue(const RequestVariant& v, std::string_view name,
                                           std::array<char, 24>& buffer) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].family == FieldFamily::Header && v.has(i) &&
        core::http::equalsIgnoreCase(fields_[i].name, name)) {
      return value(i, v, buffer);
    }
  }
  return {};
}

std::uint64_t RequestShape::headerBytes(const RequestVariant& v) const {
  std::array<char, 24> buffer;
  std::uint64_t bytes = 0;
  std::uint64_t cookieBytes = 0;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (!v.has(i)) continue;
    const auto size = fields_[i].name.size() + value(i, v, buffer).size();
    if (fields_[i].family == FieldFamily::Header) bytes += size + 4;  // ": " and CRLF
    if (fields_[i].family == FieldFamily::Cookie) cookieBytes += (cookieBytes == 0 ? 0 : 2) + size + 1;
  }
  if (cookieBytes > 0) bytes += sizeof("Cookie: \r\n") - 1 + cookieBytes;
  return bytes;
}

void RequestShape::buildRequest(const RequestVariant& v, std::string_view host, std::string_view path,
                                core::http::Request& out) const {
  out.method = core::config::toString(v.method);
  out.host = host;
  out.path = path;
  out.query.clear();
  appendQuery(v, out.query);
  out.headers = core::http::Headers{};
  std::array<char, 24> buffer;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].family == FieldFamily::Header && v.has(i)) {
      out.headers.add(fields_[i].name, std::string(value(i, v, buffer)));
    }
  }
  std::string cookie;
  appendCookieHeader(v, cookie);
  if (!cookie.empty()) out.headers.add("Cookie", std::move(cookie));
}

// ---------------------------------------------------------------------------------------------

KeyPlan::KeyPlan(const RequestShape& shape, const core::cache::CachePolicyConfig& policy)
    : shape_(&shape) {
  const auto& fields = shape.fields();
  bool anyCookie = false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const RequestField& f = fields[i];
    const auto index = static_cast<std::uint8_t>(i);
    if (f.family == FieldFamily::Query &&
        policy.queryStrings.behavior != core::cache::KeyBehavior::None &&
        core::cache::keyIncludesQuery(policy.queryStrings, f.name)) {
      queryFields_.push_back(index);
    }
    if (f.family == FieldFamily::Cookie) {
      anyCookie = true;
      if (policy.cookies.behavior != core::cache::KeyBehavior::None &&
          core::cache::keyIncludesCookie(policy.cookies, f.name)) {
        cookieFields_.push_back(index);
      }
    }
    if (f.family == FieldFamily::Header && core::http::equalsIgnoreCase(f.name, "Accept-Encoding")) {
      encodingField_ = static_cast<int>(i);
    }
  }
  gzip_ = policy.enableAcceptEncodingGzip;
  brotli_ = policy.enableAcceptEncodingBrotli;
  encoding_ = (gzip_ || brotli_) && encodingField_ >= 0;
  if (encoding_) {
    for (const auto& value : fields[static_cast<std::size_t>(encodingField_)].values) {
      encodingByValue_.push_back(core::cache::normalizeAcceptEncoding(value, gzip_, brotli_));
    }
  }
  if (policy.headers.behavior == core::cache::KeyBehavior::AllowList) {
    for (const auto& name : policy.headers.names) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].family == FieldFamily::Header && core::http::equalsIgnoreCase(fields[i].name, name)) {
          headers_.push_back(HeaderPart{name, static_cast<int>(i)});
        }
      }
      // The request's Cookie field comes after the other headers.
      if (anyCookie && core::http::equalsIgnoreCase(name, "Cookie")) {
        headers_.push_back(HeaderPart{name, kCookieField});
      }
    }
  }
  cookies_ = policy.cookies.behavior != core::cache::KeyBehavior::None;
  varies_ = !queryFields_.empty() || encoding_ || !headers_.empty() || !cookieFields_.empty();
}

core::cache::CacheKeyHash KeyPlan::finish(core::cache::CacheKeyHasher head, const RequestVariant& v) const {
  std::array<char, 24> buffer;
  const auto& fields = shape_->fields();
  for (const std::uint8_t i : queryFields_) {
    if (v.has(i)) head.query({fields[i].name, "=", shape_->value(i, v, buffer)});
  }
  if (encoding_ && v.has(static_cast<std::size_t>(encodingField_))) {
    const auto field = static_cast<std::size_t>(encodingField_);
    const auto e = fields[field].kind == core::config::FieldValuesConfig::Kind::List
                       ? encodingByValue_[v.value[field]]
                       : core::cache::normalizeAcceptEncoding(shape_->value(field, v, buffer), gzip_, brotli_);
    if (e != core::cache::NormalizedEncoding::None) head.encoding(e);
  }
  for (const auto& part : headers_) {
    if (part.field == kCookieField) {
      scratch_.clear();
      shape_->appendCookieHeader(v, scratch_);
      if (!scratch_.empty()) head.header(part.policyName, scratch_);
      continue;
    }
    const auto field = static_cast<std::size_t>(part.field);
    if (v.has(field)) head.header(part.policyName, shape_->value(field, v, buffer));
  }
  if (cookies_) {
    std::uint64_t count = 0, sum = 0;
    for (const std::uint8_t i : cookieFields_) {
      if (!v.has(i)) continue;
      ++count;
      sum += core::cache::CacheKeyHasher::cookieHash(fields[i].name, shape_->value(i, v, buffer));
    }
    head.cookies(count, sum);
  }
  return head.finish();
}

}  // namespace cdnsim::sim
