// report.html without a browser: the embedded data reads back as what was given, no text can
// close a <script> early, the charts' inputs add up, and the page says when Chart.js is missing.
// tests/tools/report_browser_test.cc opens real pages in headless Chromium.
#include "sim/report/html_report.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "sim/report/summary_format.h"
#include "tests/sim/report/consistent_summary.h"

namespace {

const cdnsim::sim::ChartLibrary kFakeCharts{"window.Chart = function () {};", "/fake/chart.js", ""};
const cdnsim::sim::ChartLibrary kNoCharts{"", "", "Chart.js is not installed (test)"};

// The JSON of <script type="application/json" id="cdnsim-data">.
nlohmann::ordered_json pageData(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"cdnsim-data\">";
  const auto from = html.find(open);
  REQUIRE(from != std::string::npos);
  const auto to = html.find("</script>", from);
  return nlohmann::ordered_json::parse(html.substr(from + open.size(), to - from - open.size()));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

cdnsim::sim::TimeSeries smallSeries(std::size_t intervals) {
  const auto start = cdnsim::core::fromUnixSeconds(1'767'225'600);
  cdnsim::sim::TimeSeries ts(start, cdnsim::sim::TimeSeriesConfig{std::chrono::seconds(10), 1'000'000},
                {"edge", "IAD89-C1", "FRA56-C2", "regional", "shield", "origin"});
  for (std::size_t i = 0; i < intervals; ++i) {
    const auto when = start + std::chrono::seconds(10 * static_cast<std::int64_t>(i) + 1);
    for (std::size_t s = 0; s < 6; ++s) ts.add(when, s, cdnsim::sim::IntervalCounters{10 + i % 7, 4 + s % 3, i % 2, 1000 * (s + 1), 100});
  }
  return ts;
}

}  // namespace

TEST_CASE("JSON in a script element cannot end it, and reads back the same", "[report][html]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  const ordered_json value = {{"name", "</script><script>alert(1)</script> <!-- & \"quoted\" 'single'"},
                              {"n", 1.5},
                              {"bad utf-8", std::string("a\xff" "b")}};
  const std::string text = jsonForScript(value);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find('>') == std::string::npos);
  CHECK(text.find('&') == std::string::npos);
  const auto back = ordered_json::parse(text);
  CHECK(back["name"] == value["name"]);
  CHECK(back["n"] == 1.5);
  CHECK(back["bad utf-8"] == "a\xEF\xBF\xBD" "b");  // replaced, not thrown
}

TEST_CASE("text in HTML is escaped", "[report][html]") {
  using namespace cdnsim::sim;
  CHECK(htmlEscape(R"(<a href="x">Tom & 'Jerry'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  CHECK(htmlEscape("plain IAD89-C1") == "plain IAD89-C1");
}

TEST_CASE("a run's page holds its summary, its tier series and its latency bins", "[report][html]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  RunSummary summary = cdnsim::sim::testing::consistentSummary();
  summary.scenario = "</script><b>x</b>";
  const TimeSeries ts = smallSeries(12);
  const std::string html = renderRunReport(summary, ts, kFakeCharts);
  CHECK(count(html, "<script") == count(html, "</script>"));  // every script element ends where it should
  CHECK(html.find("<b>x</b>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"));
  CHECK(count(html, kFakeCharts.script) == 1);
  CHECK_THAT(html, !Catch::Contains("Charts are missing"));
  for (const char* id : {"chart-hit-ratio", "chart-latency", "chart-errors", "chart-offload", "chart-pops"}) {
    CHECK(count(html, std::string("<canvas id=\"") + id + "\"") == 1);
  }
  CHECK_THAT(html, Catch::Contains("<td>IAD89-C1</td>") && Catch::Contains("<td>FRA56-C2</td>"));

  const auto data = pageData(html);
  CHECK(data["kind"] == "run");
  CHECK(data["runs"][0]["summary"] == ordered_json::parse(formatSummaryJson(summary)));
  const auto& series = data["runs"][0]["series"];
  CHECK(series["start_s"].size() == 12);
  CHECK(series["interval_s"] == 10.0);
  // The tiers only: POP rows are in the summary.
  std::vector<std::string> names;
  for (const auto& [name, _] : series["series"].items()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"edge", "regional", "shield", "origin"});
  CHECK(series["series"]["regional"]["requests"][3] == ts.at(3, 3).requests);
  // Each viewer request is in one latency bin, under the layer that answered it.
  std::uint64_t binned = 0;
  for (const auto& [layer, counts] : data["latency"]["layers"].items()) {
    CHECK(counts.size() == data["latency"]["bins"].size());
    for (const auto& c : counts) binned += c.get<std::uint64_t>();
  }
  CHECK(binned == summary.viewerRequests);
}

TEST_CASE("without Chart.js the page is written with a notice and its tables", "[report][html]") {
  using namespace cdnsim::sim;
  const std::string html = renderRunReport(cdnsim::sim::testing::consistentSummary(), smallSeries(3), kNoCharts);
  CHECK_THAT(html, Catch::Contains("Charts are missing: Chart.js is not installed (test)"));
  CHECK_THAT(html, Catch::Contains("<h2>Per POP</h2>"));
  CHECK(count(html, "<script") == 3);  // the error catcher, the data, the page script
}

TEST_CASE("long time series are summed into at most 1500 points per line", "[report][html]") {
  using namespace cdnsim::sim;
  const TimeSeries ts = smallSeries(4000);
  const auto data = pageData(renderRunReport(cdnsim::sim::testing::consistentSummary(), ts, kFakeCharts));
  const auto& series = data["runs"][0]["series"];
  CHECK(series["start_s"].size() == 1334);  // groups of 3
  CHECK(series["interval_s"] == 30.0);
  std::uint64_t sum = 0;
  for (const auto& n : series["series"]["edge"]["requests"]) sum += n.get<std::uint64_t>();
  CHECK(sum == ts.total(0).requests);
}

TEST_CASE("timeseries.csv reads back into the counters it was written from", "[report][html]") {
  using namespace cdnsim::sim;
  const TimeSeries ts = smallSeries(5);
  std::string csv;
  ts.appendCsv(csv);
  std::string error;
  const auto parsed = parseTimeSeriesCsv(csv, error);
  INFO(error);
  REQUIRE(parsed.has_value());
  const auto direct = reportTimeSeries(ts);
  CHECK(parsed->names == direct.names);
  CHECK(parsed->startSeconds == direct.startSeconds);
  CHECK(parsed->cells == direct.cells);
  CHECK(parsed->intervalSeconds == 10.0);
}

TEST_CASE("a file that is not a timeseries.csv is refused with the line", "[report][html]") {
  using namespace cdnsim::sim;
  const std::string header = "time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps\n";
  const auto [csv, reason] = GENERATE_COPY(table<std::string, std::string>({
      {"", "empty"},
      {"a,b\n", "line 1: expected the header"},
      {header, "no rows"},
      {header + "0,1,edge,1,1,1,0,5\n", "line 2: expected 10 fields"},
      {header + "0,1,edge,x,1,1,0,5,0,0\n", "line 2: expected 10 fields"},
      {header + "0,1,edge,1,1,1,0,5,0,0\n0,1,origin,1,0,0,0,5,0,0\n10,1,edge,1,1,1,0,5,0,0\n10,1,pop,1,1,1,0,5,0,0\n",
       "line 5: series 'pop' where the first interval had 'origin'"},
      {header + "10,1,edge,1,1,1,0,5,0,0\n0,1,edge,1,1,1,0,5,0,0\n", "line 3: time_s goes back"},
      {header + "0,1,edge,1,1,1,0,5,0,0\n0,1,origin,1,0,0,0,5,0,0\n10,1,edge,1,1,1,0,5,0,0\n", "the last interval has 1 series"},
  }));
  std::string error;
  CHECK_FALSE(parseTimeSeriesCsv(csv, error).has_value());
  CHECK_THAT(error, Catch::Contains(reason));
}

TEST_CASE("a comparison's page puts the runs side by side with changes against the first", "[report][html]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  RunSummary a = cdnsim::sim::testing::consistentSummary();
  RunSummary b = a;
  b.edge.hits += 1;
  b.edge.misses -= 1;
  b.originRequests = 8;  // +100%
  std::vector<NamedSummary> runs = {
      {"lru", "topologies/a.yaml", ordered_json::parse(formatSummaryJson(a)), std::nullopt},
      {"s3fifo <new>", "", ordered_json::parse(formatSummaryJson(b)), std::nullopt},
  };
  std::string html = renderComparisonReport("compare <2> policies", runs, kFakeCharts);
  CHECK_THAT(html, Catch::Contains("<title>compare &lt;2&gt; policies</title>"));
  CHECK_THAT(html, Catch::Contains("<th>lru</th><th>s3fifo &lt;new&gt;</th><th>change</th>"));
  CHECK_THAT(html, Catch::Contains("<tr><td>origin requests</td><td>4</td><td>8</td><td class=\"up\">+100.0%</td></tr>"));
  CHECK_THAT(html, Catch::Contains("<tr><td>edge hit ratio</td><td>0.5000</td><td>0.6000</td><td class=\"up\">+0.1000</td></tr>"));
  CHECK_THAT(html, Catch::Contains("<tr><td>viewer requests</td><td>10</td><td>10</td><td>=</td></tr>"));
  const auto canvas = [](const char* id) { return std::string("<canvas id=\"") + id + "\""; };
  for (const char* id : {"chart-ratios", "chart-latency", "chart-origin"}) CHECK_THAT(html, Catch::Contains(canvas(id)));
  CHECK_THAT(html, !Catch::Contains(canvas("chart-hit-ratio")));  // no time series given
  CHECK(pageData(html)["runs"][1]["name"] == "s3fifo <new>");

  runs[1].timeSeries = reportTimeSeries(smallSeries(4));
  html = renderComparisonReport("with series", runs, kFakeCharts);
  for (const char* id : {"chart-hit-ratio", "chart-offload", "chart-errors"}) CHECK_THAT(html, Catch::Contains(canvas(id)));
  CHECK(pageData(html)["runs"][0]["series"].is_null());
  CHECK(pageData(html)["runs"][1]["series"]["start_s"].size() == 4);

  CHECK_THROWS_AS(renderComparisonReport("none", {}, kFakeCharts), std::invalid_argument);
}

TEST_CASE("writeComparisonReport writes the page whole", "[report][html]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  const auto dir = std::filesystem::temp_directory_path() / ("cdnsim-html-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::vector<NamedSummary> runs = {
      {"a", "", ordered_json::parse(formatSummaryJson(cdnsim::sim::testing::consistentSummary())), std::nullopt}};
  REQUIRE(writeComparisonReport(dir / "report.html", "one", runs, kFakeCharts).ok());
  std::ifstream in(dir / "report.html", std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(written == renderComparisonReport("one", runs, kFakeCharts));
  CHECK_FALSE(writeComparisonReport(dir / "no" / "such" / "report.html", "one", runs, kFakeCharts).ok());
  std::filesystem::remove_all(dir);
}

TEST_CASE("Chart.js is read from CDNSIM_CHART_JS when set, and refused if it could end its script element",
          "[report][html]") {
  using namespace cdnsim::sim;
  const auto dir = std::filesystem::temp_directory_path() / ("cdnsim-chartjs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "good.js") << "window.Chart = 1;";
  std::ofstream(dir / "bad.js") << "var s = '</SCRIPT>';";
  ::setenv("CDNSIM_CHART_JS", (dir / "good.js").c_str(), 1);
  auto lib = loadChartLibrary();
  CHECK(lib.available());
  CHECK(lib.script == "window.Chart = 1;");
  ::setenv("CDNSIM_CHART_JS", (dir / "bad.js").c_str(), 1);
  lib = loadChartLibrary();
  CHECK_FALSE(lib.available());
  CHECK_THAT(lib.problem, Catch::Contains("bad.js contains </script"));
  ::setenv("CDNSIM_CHART_JS", (dir / "absent.js").c_str(), 1);
  lib = loadChartLibrary();
  CHECK_FALSE(lib.available());
  CHECK_THAT(lib.problem, Catch::Contains("cannot read Chart.js from") && Catch::Contains("absent.js"));
  ::unsetenv("CDNSIM_CHART_JS");
  std::filesystem::remove_all(dir);
}
