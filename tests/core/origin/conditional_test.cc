#include "core/origin/conditional.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/http/http_date.h"

namespace cdnsim::core::origin {

namespace {

using OptSv = std::optional<std::string_view>;
const OptSv kAbsent;
const std::optional<TimePoint> kNoDate;

// Last-Modified of the representation in most rows.
const TimePoint kModified = *cdnsim::core::http::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");

struct Row {
  std::string name;
  ConditionalRequest request;
  RepresentationValidators current;
  bool notModified;
};

}  // namespace

// RFC 9110 §13.1.2 (If-None-Match, weak comparison), §13.1.3 (If-Modified-Since), §13.2.2 (order).
TEST_CASE("an origin answers 304 exactly when RFC 9110's conditions say so", "[origin][conditional]") {
  auto row = GENERATE(values<Row>({
      // No conditions: always the full response.
      {"no conditions", {kAbsent, kAbsent}, {R"("v1")", kModified}, false},
      {"no conditions, no validators", {kAbsent, kAbsent}, {kAbsent, kNoDate}, false},

      // If-None-Match, strong tags.
      {"same strong tag", {R"("v1")", kAbsent}, {R"("v1")", kNoDate}, true},
      {"different strong tag", {R"("v2")", kAbsent}, {R"("v1")", kNoDate}, false},
      {"tags are case-sensitive", {R"("V1")", kAbsent}, {R"("v1")", kNoDate}, false},
      {"OWS around the field", {"  \"v1\"\t", kAbsent}, {R"("v1")", kNoDate}, true},
      // Weak comparison: the W/ flags are ignored on either side.
      {"weak request, strong current", {R"(W/"v1")", kAbsent}, {R"("v1")", kNoDate}, true},
      {"strong request, weak current", {R"("v1")", kAbsent}, {R"(W/"v1")", kNoDate}, true},
      {"weak both", {R"(W/"v1")", kAbsent}, {R"(W/"v1")", kNoDate}, true},
      {"weak, different tag", {R"(W/"v2")", kAbsent}, {R"(W/"v1")", kNoDate}, false},
      // "*" matches any current representation, with or without an ETag.
      {"star", {"*", kAbsent}, {R"("v1")", kNoDate}, true},
      {"star, no ETag", {" * ", kAbsent}, {kAbsent, kNoDate}, true},
      {"star, malformed ETag", {"*", kAbsent}, {"v1", kNoDate}, true},
      // Lists.
      {"list containing the tag", {R"("a", "v1", "b")", kAbsent}, {R"("v1")", kNoDate}, true},
      {"list without the tag", {R"("a", W/"b")", kAbsent}, {R"("v1")", kNoDate}, false},
      {"list with a weak match", {R"("a",W/"v1")", kAbsent}, {R"("v1")", kNoDate}, true},
      {"tag containing a comma", {R"("a,b")", kAbsent}, {R"("a,b")", kNoDate}, true},
      {"star inside a list is not star", {R"("a", *)", kAbsent}, {R"("v1")", kNoDate}, false},
      // Malformed.
      {"unquoted member matches nothing", {"v1", kAbsent}, {R"("v1")", kNoDate}, false},
      {"malformed member skipped", {R"(v1, "v1")", kAbsent}, {R"("v1")", kNoDate}, true},
      {"empty If-None-Match", {"", kAbsent}, {R"("v1")", kNoDate}, false},
      {"malformed current ETag", {R"("v1")", kAbsent}, {"v1", kNoDate}, false},
      {"no current ETag", {R"("v1")", kAbsent}, {kAbsent, kModified}, false},

      // If-Modified-Since: 304 when Last-Modified <= the date.
      {"IMS equal", {kAbsent, "Sun, 06 Nov 1994 08:49:37 GMT"}, {kAbsent, kModified}, true},
      {"IMS later than Last-Modified", {kAbsent, "Sun, 06 Nov 1994 08:49:38 GMT"}, {kAbsent, kModified}, true},
      {"IMS earlier than Last-Modified", {kAbsent, "Sun, 06 Nov 1994 08:49:36 GMT"}, {kAbsent, kModified}, false},
      {"IMS in RFC 850 form", {kAbsent, "Sunday, 06-Nov-94 08:49:37 GMT"}, {kAbsent, kModified}, true},
      {"IMS in asctime form", {kAbsent, "Sun Nov  6 08:49:37 1994"}, {kAbsent, kModified}, true},
      {"IMS with an ETag present but no INM", {kAbsent, "Sun, 06 Nov 1994 08:49:37 GMT"}, {R"("v1")", kModified}, true},
      {"IMS unparsable is ignored", {kAbsent, "yesterday"}, {kAbsent, kModified}, false},
      {"IMS empty is ignored", {kAbsent, ""}, {kAbsent, kModified}, false},
      {"IMS without Last-Modified is ignored", {kAbsent, "Sun, 06 Nov 1994 08:49:37 GMT"}, {R"("v1")", kNoDate}, false},

      // If-Modified-Since is ignored whenever If-None-Match is present.
      {"INM mismatch, IMS would say 304", {R"("v2")", "Sun, 06 Nov 1994 08:49:37 GMT"}, {R"("v1")", kModified}, false},
      {"INM match, IMS would say 200", {R"("v1")", "Sun, 06 Nov 1994 08:49:36 GMT"}, {R"("v1")", kModified}, true},
      {"malformed INM still hides IMS", {"garbage", "Sun, 06 Nov 1994 08:49:37 GMT"}, {R"("v1")", kModified}, false},
      {"INM against no ETag hides IMS", {R"("v1")", "Sun, 06 Nov 1994 08:49:37 GMT"}, {kAbsent, kModified}, false},

      // No validators at all: nothing to compare, full response.
      {"no validators, INM", {R"("v1")", kAbsent}, {kAbsent, kNoDate}, false},
      {"no validators, IMS", {kAbsent, "Sun, 06 Nov 1994 08:49:37 GMT"}, {kAbsent, kNoDate}, false},
  }));
  CAPTURE(row.name);
  CHECK(answersNotModified(row.request, row.current) == row.notModified);
}

}  // namespace cdnsim::core::origin
