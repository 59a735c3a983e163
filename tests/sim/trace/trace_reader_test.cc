#include "sim/trace/trace_reader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "tests/sim/trace/trace_test_files.h"

namespace {

struct ReadOutcome {
  std::vector<cdnsim::sim::trace::TraceRequest> records;
  std::optional<cdnsim::sim::trace::TraceError> error;
  std::uint64_t skipped{0};
};

ReadOutcome readFile(const std::string& path, cdnsim::sim::trace::ReaderOptions options) {
  cdnsim::sim::trace::OpenedTrace opened = cdnsim::sim::trace::openTrace(path, options);
  REQUIRE(opened.reader);
  ReadOutcome out;
  out.records = cdnsim::sim::trace::testing::readAll(*opened.reader);
  out.error = opened.reader->error();
  out.skipped = opened.reader->skippedLines();
  return out;
}

const std::vector<cdnsim::sim::trace::TraceRequest> kThree = {{1, 10, 100}, {2, 20, 200}, {3, 10, 100}};

}  // namespace

TEST_CASE("CSV reader: records with and without a header line, CRLF and blank lines",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  auto [name, content] = GENERATE(table<std::string, std::string>({
      {"plain", "1,10,100\n2,20,200\n3,10,100\n"},
      {"header", "timestamp,object_id,size\n1,10,100\n2,20,200\n3,10,100\n"},
      {"no final newline", "1,10,100\n2,20,200\n3,10,100"},
      {"crlf and spaces", "1, 10 ,100\r\n2,20,200\r\n\r\n3,10,100\r\n"},
      {"extra columns ignored", "1,10,100,x\n2,20,200,y\n3,10,100,z\n"},
      {"fractional timestamps truncated", "1.5,10,100\n2.25,20,200\n3.0,10,100\n"},
  }));
  CAPTURE(name);
  ReadOutcome out = readFile(dir.write("t.csv", content), {TraceFormat::Csv});
  CHECK_FALSE(out.error);
  CHECK(out.records == kThree);
}

TEST_CASE("CSV reader: 64-bit ids up to the largest, 20 digits", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReadOutcome out =
      readFile(dir.write("t.csv", "1,18446744073709551615,5\n2,9999999999999999999,6\n"),
               {TraceFormat::Csv});
  CHECK_FALSE(out.error);
  const std::vector<TraceRequest> expected = {{1, 18446744073709551615ULL, 5},
                                              {2, 9999999999999999999ULL, 6}};
  CHECK(out.records == expected);
}

TEST_CASE("CSV reader: the delimiter option", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReaderOptions options{TraceFormat::Csv, ';'};
  ReadOutcome out =
      readFile(dir.write("t.csv", "ts;id;size\n1;10;100\n2;20;200\n3;10;100\n"), options);
  CHECK_FALSE(out.error);
  CHECK(out.records == kThree);
}

// Issue item 4: a malformed line is reported with its line number; --skip-bad-lines counts it.
TEST_CASE("CSV reader: malformed lines stop the reader with their line number", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  auto [content, badLine, message] = GENERATE(table<std::string, std::uint64_t, std::string>({
      {"1,10,100\n2,x,200\n3,10,100\n", 2, "bad object id"},
      {"1,10,100\n2,20\n3,10,100\n", 2, "missing size"},
      {"1,10,100\n2,20,200\n3,10,-1\n", 3, "bad size"},
      {"1,10,100\nabc,20,200\n", 2, "bad timestamp"},
      {"1,10,100\n7\n", 2, "missing object id and size"},
      {"1,10,100\n2,20,99999999999999999999999\n", 2, "bad size"},
      {"1,10,100\n2,18446744073709551616,5\n", 2, "bad object id"},  // 2^64: one past the top
  }));
  CAPTURE(content);
  ReadOutcome out = readFile(dir.write("t.csv", content), {TraceFormat::Csv});
  REQUIRE(out.error);
  CHECK(out.error->line == badLine);
  CHECK_THAT(out.error->message, Catch::Matchers::StartsWith(message));
  CHECK(out.records.size() == badLine - 1);  // records before the bad line were delivered

  ReadOutcome skipping = readFile(dir.write("t.csv", content), {TraceFormat::Csv, ',', true});
  CHECK_FALSE(skipping.error);
  CHECK(skipping.skipped == 1);
}

TEST_CASE("CSV reader: a header is only recognised on the first line", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReadOutcome out =
      readFile(dir.write("t.csv", "1,10,100\ntimestamp,id,size\n"), {TraceFormat::Csv});
  REQUIRE(out.error);
  CHECK(out.error->line == 2);
}

TEST_CASE("CSV reader: gzip input is inflated, whatever the file is called", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string content = "timestamp,object_id,size\n";
  std::vector<TraceRequest> expected;
  // Enough lines to cross the 1 MiB inflate chunk several times, so lines straddle refills.
  for (std::uint64_t i = 0; i < 200000; ++i) {
    content += fmt::format("{},{},{}\n", i, i * 7919 % 1000, 1 + i % 5000);
    expected.push_back({static_cast<std::int64_t>(i), i * 7919 % 1000, 1 + i % 5000});
  }
  ReadOutcome out = readFile(dir.writeGzip("t.csv", content), {TraceFormat::Csv});
  CHECK_FALSE(out.error);
  CHECK(out.records == expected);
}

TEST_CASE("CSV reader: mapped files larger than several 8 MiB windows lose no line",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string content;
  std::uint64_t expectedSum = 0, lines = 1300000;
  for (std::uint64_t i = 0; i < lines; ++i) {
    content += fmt::format("{},{},{}\n", 1000000000 + i, 123456789012 + i * 31, 1 + i % 977);
    expectedSum += (123456789012 + i * 31) ^ (1 + i % 977);
  }
  REQUIRE(content.size() > (std::size_t{34} << 20));
  OpenedTrace opened = openTrace(dir.write("big.csv", content), {TraceFormat::Csv});
  REQUIRE(opened.reader);
  std::vector<TraceRequest> batch(1000);
  std::uint64_t count = 0, sum = 0;
  while (std::size_t n = opened.reader->nextBatch(batch)) {
    for (std::size_t i = 0; i < n; ++i) sum += batch[i].id ^ batch[i].size;
    count += n;
  }
  CHECK_FALSE(opened.reader->error());
  CHECK(count == lines);
  CHECK(sum == expectedSum);
}

TEST_CASE("gzip reader: a truncated stream is an error, not a silent end", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string content;
  for (int i = 0; i < 50000; ++i) content += fmt::format("{},{},{}\n", i, i, 100);
  std::string path = dir.writeGzip("t.csv.gz", content);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  ReadOutcome out = readFile(path, {TraceFormat::Csv});
  REQUIRE(out.error);
  CHECK_THAT(out.error->message, Catch::Matchers::StartsWith("gzip:"));
}

TEST_CASE("gzip reader: damage inside the stream is reported as gzip damage, not a bad line",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string content;
  for (int i = 0; i < 50000; ++i) content += fmt::format("{},{},{}\n", i, i % 977, 100 + i % 13);
  const std::string path = dir.writeGzip("t.csv.gz", content);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  REQUIRE(bytes.size() > 1000);
  // Where the damage is: a run of bytes in the middle of the deflate data (zlib notices a bad code
  // or distance, possibly after inflating garbage lines), or the trailer's CRC-32 (every line parses;
  // only the check at the end fails).
  auto [where, at, length] = GENERATE(table<std::string, std::size_t, std::size_t>({
      {"middle", 0, 16},
      {"crc", 1, 4},
  }));
  const std::size_t offset = at == 0 ? bytes.size() / 2 : bytes.size() - 8;
  for (std::size_t i = 0; i < length; ++i) bytes[offset + i] = static_cast<char>(~bytes[offset + i]);
  const bool skip = GENERATE(false, true);
  INFO(where << (skip ? ", skipping bad lines" : ""));
  ReadOutcome out = readFile(dir.write("damaged.csv", bytes), {TraceFormat::Csv, ',', skip});
  REQUIRE(out.error);
  CHECK_THAT(out.error->message, Catch::Matchers::StartsWith("gzip: damaged stream: "));
  CHECK_THAT(out.error->message, Catch::Matchers::Contains("bytes inflated, near byte "));
  if (where == "crc") CHECK_THAT(out.error->message, Catch::Matchers::Contains("incorrect data check"));
}

TEST_CASE("Text reader: webcachesim's space-separated `timestamp id size`", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReadOutcome out =
      readFile(dir.write("t.txt", "1 10 100\n2\t20  200\n# comment\n\n3 10 100 extra\n"),
               {TraceFormat::Text});
  CHECK_FALSE(out.error);
  CHECK(out.records == kThree);

  ReadOutcome bad = readFile(dir.write("u.txt", "1 10 100\n2 20\n"), {TraceFormat::Text});
  REQUIRE(bad.error);
  CHECK(bad.error->line == 2);
  CHECK_THAT(bad.error->message, Catch::Matchers::StartsWith("missing size"));
}

TEST_CASE("oracleGeneral reader: 24-byte little-endian records", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  const std::vector<TraceRequest> records = {
      {1, 10, 100}, {2, 0xFFFFFFFFFFFFFFF0ULL, 4000000000ULL}, {3, 10, 0}, {4294967295LL, 7, 1}};
  ReadOutcome out =
      readFile(dir.writeOracle("t.oracleGeneral", records), {TraceFormat::OracleGeneral});
  CHECK_FALSE(out.error);
  CHECK(out.records == records);
}

TEST_CASE("oracleGeneral reader: a truncated last record is reported as record N+1",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string path = dir.writeOracle("t.bin", kThree, 10);
  ReadOutcome out = readFile(path, {TraceFormat::OracleGeneral});
  CHECK(out.records == kThree);
  REQUIRE(out.error);
  CHECK(out.error->line == 4);
  CHECK_THAT(out.error->message, Catch::Matchers::StartsWith("truncated record"));

  ReadOutcome skipping = readFile(path, {TraceFormat::OracleGeneral, ',', true});
  CHECK_FALSE(skipping.error);
  CHECK(skipping.skipped == 1);
}

TEST_CASE("oracleGeneral reader: compressed files are refused with a hint", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  auto [bytes, message] = GENERATE(table<std::string, std::string>({
      {std::string("\x1F\x8B\x08\x00", 4) + std::string(44, 'x'), "gzip-compressed"},
      {std::string("\x28\xB5\x2F\xFD", 4) + std::string(44, 'x'), "zstd-compressed"},
  }));
  OpenedTrace opened =
      openTrace(dir.write("t.oracleGeneral.zst", bytes), {TraceFormat::OracleGeneral});
  CHECK_FALSE(opened.reader);
  CHECK_THAT(opened.error, Catch::Matchers::StartsWith(message));
}

TEST_CASE("Empty files are empty traces", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  auto format = GENERATE(TraceFormat::Csv, TraceFormat::Text, TraceFormat::OracleGeneral,
                         TraceFormat::CloudFront);
  ReadOutcome out = readFile(dir.write("empty", ""), {format});
  CHECK_FALSE(out.error);
  CHECK(out.records.empty());
}

TEST_CASE("Opening a missing file fails with a message", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  OpenedTrace opened = openTrace(dir.file("missing.csv"), {TraceFormat::Csv});
  CHECK_FALSE(opened.reader);
  CHECK_THAT(opened.error, Catch::Matchers::Contains("No such file"));
}

// CLOUDFRONT.md §8: tab-separated W3C log, `#` header lines, date+time, sc-bytes, host + uri-stem.
TEST_CASE("CloudFront log reader: standard access log lines, plain and gzip", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  const std::string log =
      "#Version: 1.0\n"
      "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status\n"
      "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/"
      "index.html\t200"
      "\t-\tMozilla\tq=1\n"
      "2019-12-04\t21:02:31\tLAX1\t7600\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/"
      "img.png\t200"
      "\t-\tMozilla\t-\n"
      "1970-01-02\t00:00:01\tSEA19-C1\t0\t192.0.2.1\tGET\td111111abcdef8.cloudfront.net\t/"
      "index.html\t304"
      "\t-\tMozilla\tq=2\n";
  auto gzip = GENERATE(false, true);
  const std::string path =
      gzip ? dir.writeGzip("E2.2019-12-04-21.abcd.gz", log) : dir.write("a.log", log);
  ReadOutcome out = readFile(path, {TraceFormat::CloudFront});
  CHECK_FALSE(out.error);
  const std::uint64_t index = fnv1a64("/index.html", fnv1a64("d111111abcdef8.cloudfront.net"));
  const std::uint64_t img = fnv1a64("/img.png", fnv1a64("d111111abcdef8.cloudfront.net"));
  const std::vector<TraceRequest> expected = {
      {1575493351, index, 392}, {1575493351, img, 7600}, {86401, index, 0}};
  CHECK(out.records == expected);
}

TEST_CASE("CloudFront log reader: malformed lines", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  auto [line, message] = GENERATE(table<std::string, std::string>({
      {"2019-12-04\t21:02:31\tLAX1\t392", "fewer than 8"},
      {"2019-13-04\t21:02:31\tLAX1\t392\tip\tGET\thost\t/a", "bad date or time"},
      {"2019-12-04\t21:02\tLAX1\t392\tip\tGET\thost\t/a", "bad date or time"},
      {"2019-12-04\t21:02:31\tLAX1\tmany\tip\tGET\thost\t/a", "bad sc-bytes"},
      {"2019-12-04\t21:02:31\tLAX1\t392\tip\tGET\t\t/a", "empty host"},
  }));
  ReadOutcome out =
      readFile(dir.write("a.log", "#Version: 1.0\n" + line + "\n"), {TraceFormat::CloudFront});
  REQUIRE(out.error);
  CHECK(out.error->line == 2);
  CHECK_THAT(out.error->message, Catch::Matchers::StartsWith(message));
}

TEST_CASE("FNV-1a 64 matches the reference vectors", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  // From the FNV reference test suite (Fowler/Noll/Vo): "" and "a".
  CHECK(fnv1a64("") == 0xCBF29CE484222325ULL);
  CHECK(fnv1a64("a") == 0xAF63DC4C8601EC8CULL);
  CHECK(fnv1a64("foobar") == 0x85944171F73967E8ULL);
}

TEST_CASE("Trace format guessed from the file name", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  auto [path, expected] = GENERATE(table<std::string, std::optional<TraceFormat>>({
      {"traces/a.csv", TraceFormat::Csv},
      {"a.CSV.gz", TraceFormat::Csv},
      {"a.txt", TraceFormat::Text},
      {"cluster52.oracleGeneral.zst", TraceFormat::OracleGeneral},
      {"w44.oracleGeneral", TraceFormat::OracleGeneral},
      {"t.bin", TraceFormat::OracleGeneral},
      {"E2ABC.2019-12-04-21.abcd.gz", TraceFormat::CloudFront},
      {"access.log", TraceFormat::CloudFront},
      {"trace.parquet", std::nullopt},
      {"csv/trace", std::nullopt},
  }));
  CAPTURE(path);
  CHECK(guessTraceFormat(path) == expected);
}

TEST_CASE("Trace format names", "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  auto format = GENERATE(TraceFormat::Csv, TraceFormat::Text, TraceFormat::OracleGeneral,
                         TraceFormat::CloudFront);
  CHECK(parseTraceFormat(toString(format)) == format);
  CHECK(parseTraceFormat("OracleGeneral") == TraceFormat::OracleGeneral);
  CHECK(parseTraceFormat("parquet") == std::nullopt);
}

TEST_CASE("lineOfRecord names the line of the n-th record, past headers, blanks and skipped lines",
          "[sim][trace]") {
  using namespace cdnsim::sim::trace;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  const std::string path =
      dir.write("t.csv", "timestamp,id,size\n1,1,1\n\n2,2,2\n3,x,3\n4,4,4\n");
  auto [ordinal, skip, line] = GENERATE(table<std::uint64_t, bool, std::optional<std::uint64_t>>({
      {1, false, 2},
      {2, false, 4},
      {3, false, std::nullopt},  // line 5 is bad: the reader stops there
      {3, true, 6},
      {4, true, std::nullopt},
      {0, false, std::nullopt},
  }));
  CHECK(lineOfRecord(path, {TraceFormat::Csv, ',', skip}, ordinal) == line);
  // oracleGeneral: records are numbered from 1.
  const std::string oracle = dir.writeOracle("t.oracleGeneral", kThree);
  CHECK(lineOfRecord(oracle, {TraceFormat::OracleGeneral}, 2) == 2);
}
