// The slow path to an origin: CloudFront's connection attempts and timeouts, the origin model's
// answer, failover to a group's secondary, the 502/504 CloudFront generates; and the body sizes of
// error answers.
#include "sim/run/tiered_simulation.h"

#include <algorithm>
#include <cmath>

#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/origin/failover.h"
#include "core/origin/origin_answer.h"
#include "core/origin/origin_fetch.h"
#include "core/origin/s3_origin.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

namespace {

// Any request id has this length; the error page's size depends only on it.
constexpr char kSampleRequestId[core::emit::kRequestIdLength + 1] =
    "0000000000000000000000000000000000000000000000000000000=";

}  // namespace

// The result of one origin's fetch (exchangeWith).
struct TieredSimulation::Exchange {
  bool answered = true;       // the origin's answer arrived (else `generated` says why not)
  std::uint16_t status = 200;
  std::uint8_t generated = 0;
  Duration elapsed{0};        // from the fetch's start to the first byte back at the node
  TimePoint date{};
  std::uint64_t bodyBytes = 0;
  std::uint16_t profile = 0;
};

TieredSimulation::Exchange TieredSimulation::exchangeWith(std::uint32_t f, std::uint16_t origin,
                                                          Duration oneWay, TimePoint t0) {
  const Flight& fl = flights_[f];
  const auto& config = topology_.origins[origin];
  auto& state = originStates_[origin];
  const core::origin::OriginCondition condition = originConditions_[origin];
  Exchange ex;
  ex.profile = profileIndex(fl.object, origin);
  const AnswerProfile& profile = profiles_[ex.profile];
  const bool s3 = config.kind == core::config::OriginKind::S3;
  const std::uint32_t version = objects_[fl.object].version;
  const std::uint32_t storedVersion = fl.hops[fl.hop].storedVersion;
  const core::origin::ValidatorsSent validators =
      s3 ? core::origin::ValidatorsSent{} : config.validators;

  core::origin::OriginAnswerDecision decision;
  const auto originTime = [&](int, Duration arrival) {
    // The origin's time to its first byte: its fixed latency or a draw, times the condition's
    // factor, plus any wait in its queue.
    Duration think = config.firstByteLatency;
    if (config.responseTime) {
      const auto& rt = *config.responseTime;
      const double typical = static_cast<double>(rt.typical.count());
      double us = typical;
      switch (rt.kind) {
        case core::config::ResponseTimeKind::Fixed: break;
        case core::config::ResponseTimeKind::Lognormal:
          us = Lognormal{std::log(typical), rt.shape}(state.rng);
          break;
        case core::config::ResponseTimeKind::Exponential: us = Exponential{typical}(state.rng); break;
        case core::config::ResponseTimeKind::Pareto: us = Pareto{typical, rt.shape}(state.rng); break;
      }
      think = Duration(static_cast<std::int64_t>(std::min(us, static_cast<double>(rt.max.count()))));
    }
    if (condition.latencyFactor != 1.0) {
      think = Duration(static_cast<std::int64_t>(static_cast<double>(think.count()) *
                                                 condition.latencyFactor));
    }
    core::origin::OriginAnswerInput in;
    in.s3 = s3;
    in.held = profile.held;
    in.listBucket = config.listBucket;
    in.ruleStatus = profile.ruleStatus;
    if (condition.errorRate > 0 || !config.errors.empty()) {
      in.injected = core::origin::drawInjectedError(condition, config.errors, state.rng.uniform());
    }
    if (state.limit) {
      const auto admission = state.limit->admit(t0 + arrival, think);
      in.overloaded = !admission.admitted;
      think = admission.admitted ? think + admission.wait : Duration::zero();
    }
    in.notModified = core::origin::notModifiedFor(
        fl.object, {storedVersion, lastModified(fl.object, storedVersion)},
        {version, lastModified(fl.object, version)}, validators);
    decision = core::origin::decideOriginAnswer(in);
    return think;
  };
  // A read timeout is retried for GET and HEAD only (DG/DownloadDistValuesOrigin.html).
  const auto outcome = core::origin::planOriginFetch(config.connection, condition.reachability,
                                                     oneWay, cachedMethod(fl.method), originTime);
  summary_.originAttempts += static_cast<std::uint64_t>(outcome.attempts);
  if (condition.reachability == core::origin::Reachability::Silent) {
    summary_.originConnectTimeouts += static_cast<std::uint64_t>(outcome.connectFailures);
  } else {
    summary_.originRefused += static_cast<std::uint64_t>(outcome.connectFailures);
  }
  summary_.originReadTimeouts += static_cast<std::uint64_t>(outcome.readTimeouts);
  ex.elapsed = outcome.elapsed;
  ex.answered = outcome.answered;
  if (!outcome.answered) {
    if (outcome.failure == core::origin::AttemptFailure::DnsFailure) ++summary_.originDnsFailures;
    const auto error = core::origin::generatedErrorFor(outcome.failure);
    ex.status = static_cast<std::uint16_t>(error.status);
    ex.generated = static_cast<std::uint8_t>(static_cast<int>(error.detailed) + 1);
    ex.date = core::fromUnixSeconds(core::unixSeconds(t0 + outcome.elapsed));
    ex.bodyBytes = generatedErrorBytes(ex.status, ex.generated);
    return ex;
  }
  ex.status = decision.status;
  if (decision.reason == core::origin::AnswerReason::Overloaded) ++summary_.originOverloaded;
  if (ex.status >= 400) ++summary_.originErrors;
  // A Date has one-second resolution.
  ex.date = core::fromUnixSeconds(core::unixSeconds(t0 + outcome.sentAt + outcome.originTime));
  ex.bodyBytes = ex.status == 200   ? objects_[fl.object].bytes
                 : ex.status == 304 ? 0
                                    : originErrorBytes(fl.object, origin, ex.status);
  return ex;
}

void TieredSimulation::originExchange(std::uint32_t f) {
  const TimePoint now = queue_.now();
  Flight& fl = flights_[f];
  const std::uint8_t last = fl.hop;
  const auto& behavior = world_.behaviors()[fl.behavior];
  std::uint16_t origin = fl.route->origin;
  Exchange ex = exchangeWith(f, origin, fl.route->upLeg[last], now);
  if (behavior.secondary) {
    // GET, HEAD and OPTIONS fail over; other methods get the primary's answer.
    const auto decision = core::origin::decideFailover(
        behavior.failoverCodes, methodName(flights_[f].method), ex.answered, ex.status);
    if (decision.toSecondary) {
      ++summary_.failovers;
      timeSeries_.addFailover(now, originSeries_);
      const Duration spent = ex.elapsed;
      origin = *behavior.secondary;
      const Duration oneWay = world_.nodeToOrigin(fl.route->hops[last].node, origin);
      ex = exchangeWith(f, origin, oneWay, now + spent);
      ex.elapsed += spent;
    }
  }
  Flight& after = flights_[f];
  after.status = ex.status;
  after.generated = ex.generated;
  after.origin = origin;
  after.profile = ex.profile;
  after.version = objects_[after.object].version;
  after.date = ex.date;
  after.age = Duration::zero();
  after.bodyHop = kOriginHop;
  after.bodyRefreshed = false;
  if (ex.status != 304) after.bytes = ex.bodyBytes;

  const std::uint64_t bodyBytes = ex.status == 304 ? 0 : ex.bodyBytes;
  if (ex.status == 304) ++summary_.originNotModified;
  summary_.originBytes += ex.answered ? bodyBytes : 0;
  const TimePoint answered = now + ex.elapsed;
  const bool error = ex.status >= 400;
  timeSeries_.countRequest(answered, originSeries_, false, error, ex.answered ? bodyBytes : 0);
  if (error) {
    timeSeries_.addError(answered, originSeries_, ex.status,
                         ex.generated != 0
                             ? static_cast<core::emit::DetailedResultType>(ex.generated - 1)
                             : core::emit::DetailedResultType::Error);
  }
  // The fetch took as long as it took: back at the node after `elapsed`, plus nothing (the
  // answer's first byte is what `elapsed` ends with).
  queue_.schedule(ex.elapsed, [this, f] { answerAt(f); });
}

std::uint64_t TieredSimulation::originErrorBytes(std::uint64_t object, std::uint16_t origin,
                                                 int status) const {
  if (topology_.origins[origin].kind == core::config::OriginKind::S3) {
    pathScratch_.clear();
    appendPath(object, pathScratch_);
    return core::origin::s3ErrorBodyBytes(status, std::string_view(pathScratch_).substr(1));
  }
  const AnswerProfile& profile = profiles_[profileIndex(object, origin)];
  if (profile.ruleStatus == status && profile.size) return *profile.size;
  return core::origin::defaultErrorBodyBytes(status);
}

std::uint64_t TieredSimulation::generatedErrorBytes(int status, std::uint8_t generated) const {
  // CloudFront's page (core/emit/error_page.h); its request id has a fixed length.
  const auto detailed = static_cast<core::emit::DetailedResultType>(generated - 1);
  pageScratch_.clear();
  core::emit::appendDefaultErrorPage(status, core::emit::errorPageReason(detailed),
                                     std::string_view(kSampleRequestId), pageScratch_);
  return pageScratch_.size();
}

}  // namespace cdnsim::sim
