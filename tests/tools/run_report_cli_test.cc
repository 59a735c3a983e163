// report.html from `run --out`: written with the other outputs, Chart.js inlined from the system,
// and without Chart.js a page with a notice and a warning, the run still a success.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "sim/report/html_report.h"
#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("run --out writes report.html with Chart.js inlined from the system", "[cli][report]") {
  const auto charts = cdnsim::sim::loadChartLibrary();
  if (!charts.available()) {
    WARN("SKIPPED: " << charts.problem << " (bash tools/setup_deps.sh installs libjs-chart.js)");
    return;
  }
  TempDir dir("cdnsim-report-cli");
  const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                            " --requests 500 --no-trace --out " + dir.path().string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(r.output, !Catch::Contains("warning"));
  const std::string html = readFile(dir.path() / "report.html");
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>") && Catch::EndsWith("</html>\n"));
  CHECK_THAT(html, Catch::Contains("<!-- Chart.js, inlined from " + charts.path + " -->"));
  CHECK(html.find(charts.script) != std::string::npos);
  CHECK_THAT(html, Catch::Contains("cdnsim run: quickstart on quickstart"));
}

TEST_CASE("without Chart.js, run --out still succeeds and its page says the charts are missing", "[cli][report]") {
  TempDir dir("cdnsim-report-nochart");
  const auto r = runCommand("CDNSIM_CHART_JS=" + (dir.path() / "absent.js").string() + " " + cdnsimBinary() + " run " +
                            sourcePath("scenarios/quickstart.yaml") + " --requests 500 --no-trace --out " +
                            (dir.path() / "out").string());
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("cdnsim run: warning: report.html without charts: cannot read Chart.js from " +
                                       (dir.path() / "absent.js").string()));
  const std::string html = readFile(dir.path() / "out" / "report.html");
  CHECK_THAT(html, Catch::Contains("Charts are missing: cannot read Chart.js"));
  CHECK_THAT(html, Catch::Contains("<h2>Per POP</h2>") && Catch::Contains("<td>IAD89-C1</td>"));
}

}  // namespace cdnsim::testing
