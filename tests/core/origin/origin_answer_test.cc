// decideOriginAnswer() and the error documents: what an S3-like bucket or a custom origin answers.

#include "core/origin/origin_answer.h"

#include <catch2/catch.hpp>

#include <string>

#include "core/origin/concurrency_limit.h"

namespace cdnsim::core::origin {

TEST_CASE("a missing key: S3 says 404 NoSuchKey with list permission, 403 AccessDenied without",
          "[origin][s3]") {
  OriginAnswerInput in;
  in.held = false;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{403, AnswerReason::AccessDenied});
  in.listBucket = true;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{404, AnswerReason::NoSuchKey});
  in.s3 = false;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{404, AnswerReason::NotFound});
}

TEST_CASE("the answer's precedence: overload, injected error, path rule, missing, 304, 200",
          "[origin]") {
  OriginAnswerInput in;
  in.s3 = false;
  in.notModified = true;
  CHECK(origin::decideOriginAnswer(in).status == 304);
  in.ruleStatus = 410;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{410, AnswerReason::PathRule});
  in.injected = 500;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{500, AnswerReason::InjectedError});
  in.overloaded = true;
  CHECK(origin::decideOriginAnswer(in) == OriginAnswerDecision{503, AnswerReason::Overloaded});
}

TEST_CASE("an error draw takes the condition's rate first, then the origin's rates in order",
          "[origin]") {
  origin::OriginCondition burst;
  burst.errorRate = 0.2;
  burst.errorStatus = 503;
  const origin::StatusRate rates[] = {{500, 0.1}, {502, 0.1}};
  CHECK(origin::drawInjectedError(burst, rates, 0.0) == 503);
  CHECK(origin::drawInjectedError(burst, rates, 0.19) == 503);
  CHECK(origin::drawInjectedError(burst, rates, 0.25) == 500);
  CHECK(origin::drawInjectedError(burst, rates, 0.35) == 502);
  CHECK_FALSE(origin::drawInjectedError(burst, rates, 0.4).has_value());
  CHECK_FALSE(origin::drawInjectedError({}, {}, 0.0).has_value());
}

TEST_CASE("S3's error document names the key for NoSuchKey, and its length is known in advance",
          "[origin][s3]") {
  std::string body;
  origin::appendS3ErrorBody(404, "site/missing-3", "0123456789ABCDEF", std::string(76, 'x'), body);
  CHECK(body.find("<Code>NoSuchKey</Code>") != std::string::npos);
  CHECK(body.find("<Key>site/missing-3</Key>") != std::string::npos);
  CHECK(body.size() == origin::s3ErrorBodyBytes(404, "site/missing-3"));
  body.clear();
  origin::appendS3ErrorBody(403, "site/missing-3", "0123456789ABCDEF", std::string(76, 'x'), body);
  CHECK(body.find("<Code>AccessDenied</Code>") != std::string::npos);
  CHECK(body.find("missing-3") == std::string::npos);  // a 403 does not reveal the key
  CHECK(body.size() == origin::s3ErrorBodyBytes(403, "site/missing-3"));
  std::string page;
  origin::appendDefaultErrorBody(503, page);
  CHECK(page.find("503 Service Unavailable") != std::string::npos);
  CHECK(page.size() == origin::defaultErrorBodyBytes(503));
}

TEST_CASE("a concurrency limit queues, then refuses; a queued request waits for a slot",
          "[origin][concurrency]") {
  const TimePoint t0 = fromUnixSeconds(1767225600);
  origin::ConcurrencyLimit limit(2, 1);
  CHECK(limit.admit(t0, seconds(10)).wait == Duration::zero());
  CHECK(limit.admit(t0, seconds(4)).wait == Duration::zero());
  const auto queued = limit.admit(t0 + seconds(1), seconds(1));
  CHECK(queued.admitted);
  CHECK(queued.wait == seconds(3));  // the 4 s request frees its slot at t0 + 4 s
  CHECK(limit.queuedAt(t0 + seconds(2)) == 1);
  CHECK_FALSE(limit.admit(t0 + seconds(2), seconds(1)).admitted);  // slots and queue full: 503
  CHECK(limit.queuedAt(t0 + seconds(4)) == 0);
  CHECK(limit.admit(t0 + seconds(5), seconds(1)).admitted);  // the queued one finished at 5 s
}

}  // namespace cdnsim::core::origin
