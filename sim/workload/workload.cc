#include "sim/workload/workload.h"

#include "core/http/cache_control.h"

namespace cdnsim::sim {

namespace {

// Stream ids of the run's independent random sources: population c draws from kClientStreamBase
// + c (the stream it has always had), flash crowd k from kFlashStreamBase + k.
constexpr std::uint64_t kClientStreamBase = 0xC11E0000;
constexpr std::uint64_t kFlashStreamBase = 0xF1A50000;

}  // namespace

Workload::Workload(const core::config::ScenarioConfig& scenario, std::string_view host,
                   std::vector<core::cache::CachePolicyConfig> policies)
    : catalogue_(scenario), host_(host), policies_(std::move(policies)) {
  std::vector<double> rates;
  for (std::uint32_t c = 0; c < scenario.clients.size(); ++c) {
    const auto& client = scenario.clients[c];
    const DiurnalCurve curve = client.diurnal ? DiurnalCurve(*client.diurnal) : DiurnalCurve();
    sources_.push_back(Source{Rng::stream(scenario.seed, kClientStreamBase + c),
                              Population{PopulationArrivals(client.requestsPerSecond, curve, client.utcOffset)}});
    rates.push_back(client.requestsPerSecond);
  }
  flashClients_ = WeightedChoice(rates);

  std::vector<double> shares;
  if (scenario.objectGroups.empty()) {
    shapes_.emplace_back();
    Popularity p;
    p.config.alpha = scenario.catalogue.zipfAlpha;
    popularity_.push_back(p);
    core::cache::ResponseFreshnessInput f;
    f.cacheControl = core::http::parseResponseCacheControl(scenario.catalogue.cacheControl);
    freshness_.push_back(f);
    shares.push_back(1.0);
  }
  std::uint64_t flashes = 0;
  for (std::uint32_t g = 0; g < scenario.objectGroups.size(); ++g) {
    const auto& config = scenario.objectGroups[g];
    shapes_.emplace_back(config);
    Popularity p;
    p.config = config.popularity;
    popularity_.push_back(p);
    core::cache::ResponseFreshnessInput f;
    f.cacheControl = core::http::parseResponseCacheControl(config.origin.cacheControl);
    f.expires = config.origin.expiresAt;
    freshness_.push_back(f);
    shares.push_back(config.share);
    if (config.release && config.release->flashCrowd) {
      const CatalogueGroup& cg = catalogue_.group(g);
      const auto& crowd = *config.release->flashCrowd;
      sources_.push_back(Source{
          Rng::stream(scenario.seed, kFlashStreamBase + flashes++),
          Flash{FlashCrowdArrivals(cg.releaseStart, crowd.requestsPerSecond, crowd.decay), g,
                cg.first + cg.initial, cg.batch}});
    }
  }
  groupChoice_ = WeightedChoice(shares);
  for (std::uint32_t g = 0; g < shapes_.size(); ++g) {
    for (const auto& policy : policies_) plans_.emplace_back(shapes_[g], policy);
  }
}

std::optional<core::TimePoint> Workload::nextArrival(std::uint32_t source, core::TimePoint now) {
  Source& s = sources_[source];
  if (auto* p = std::get_if<Population>(&s.kind)) return p->arrivals.next(s.rng, now);
  return std::get<Flash>(s.kind).arrivals.next(s.rng);
}

std::uint64_t Workload::drawObject(std::uint32_t group, Rng& rng, core::TimePoint now) {
  Popularity& p = popularity_[group];
  const std::uint64_t n = catalogue_.available(group, now);
  if (n != p.n) {  // a release: the ranks now cover more objects
    p.n = n;
    if (p.config.kind == core::config::PopularityKind::ZipfMandelbrot && p.config.q > 0) {
      p.sampler = ZipfMandelbrotSampler(n, p.config.alpha, p.config.q);
    } else {
      p.sampler = ZipfSampler(n, p.config.alpha);
    }
  }
  const std::uint64_t rank = std::visit([&](const auto& sampler) { return sampler(rng); }, p.sampler);
  return catalogue_.objectAtRank(group, rank, n - catalogue_.group(group).initial);
}

Workload::Arrival Workload::draw(std::uint32_t source, core::TimePoint now) {
  Source& s = sources_[source];
  Arrival a;
  if (const auto* flash = std::get_if<Flash>(&s.kind)) {
    a.client = static_cast<std::uint32_t>(flashClients_(s.rng));
    a.group = flash->group;
    a.object = flash->firstObject + (flash->objects > 1 ? s.rng.below(flash->objects) : 0);
  } else {
    a.client = source;
    a.group = static_cast<std::uint32_t>(groupChoice_(s.rng));
    a.object = drawObject(a.group, s.rng, now);
  }
  if (shapes_[a.group].varies()) a.variant = s.rng.next();
  return a;
}

std::uint64_t Workload::objectKey(std::uint64_t object, std::string_view path, std::uint32_t behavior) const {
  const std::uint32_t group = catalogue_.groupOf(object);
  const core::cache::CacheKeyHasher head(false, host_, path);
  if (plan(group, behavior).varies()) return head.state();
  core::http::Request request;
  request.host = host_;
  request.path = path;
  return core::cache::cacheKeyHash(request, policies_[behavior]);
}

core::cache::CacheKeyHash Workload::requestKey(std::uint64_t object, std::uint32_t group,
                                               std::uint32_t behavior, const RequestVariant& v,
                                               std::uint64_t stored) {
  const KeyPlan& p = plan(group, behavior);
  if (v.method == core::config::RequestMethod::Options) {
    // OPTIONS is cached apart (DG/understanding-the-cache-key.html): its head differs, so it is
    // hashed from the path, which the few OPTIONS requests may afford.
    scratchPath_.clear();
    catalogue_.appendPath(object, scratchPath_);
    return p.finish(core::cache::CacheKeyHasher(true, host_, scratchPath_), v);
  }
  if (!p.varies()) return stored;
  return p.finish(core::cache::CacheKeyHasher::resume(stored), v);
}

core::cache::ResponseFreshnessInput Workload::freshnessFor(std::uint32_t group, core::TimePoint date) const {
  core::cache::ResponseFreshnessInput f = freshness_[group];
  f.date = date;
  const auto& after = catalogue_.group(group).origin.expiresAfter;
  if (after) f.expires = date + *after;
  return f;
}

}  // namespace cdnsim::sim
