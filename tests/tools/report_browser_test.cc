// report.html in a real browser (Debian's headless Chromium): the page opens offline, its scripts
// throw nothing, every chart is drawn, and the screenshot shows something inside each chart's
// rectangle (the rectangles are those the page reports in #cdnsim-status). Skipped, with a
// message, only when Chromium is not installed (tools/setup_deps.sh installs it, so CI runs it).
// CDNSIM_KEEP_SCREENSHOTS=DIR keeps the screenshots there, to look at.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/report/html_report.h"
#include "tests/scenarios/scenario_runner.h"
#include "tests/tools/headless_chromium.h"
#include "tests/tools/png_image.h"

namespace cdnsim::testing {

namespace {

constexpr int kWindowWidth = 1200;
constexpr int kWindowHeight = 1150;  // below the third row of charts
constexpr int kLegendHeight = 36;  // Chart.js's legend, at the top of each chart

// The value of attribute `name` in the first tag that starts with `tagStart`, unescaped.
std::string attribute(const std::string& html, const std::string& tagStart, const std::string& name) {
  const auto tag = html.find(tagStart);
  if (tag == std::string::npos) return {};
  const auto end = html.find('>', tag);
  const auto at = html.find(" " + name + "=\"", tag);
  if (at == std::string::npos || at > end) return {};
  const auto from = at + name.size() + 3;
  std::string value = html.substr(from, html.find('"', from) - from);
  for (const auto& [entity, text] : std::map<std::string, std::string>{{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}}) {
    for (auto p = value.find(entity); p != std::string::npos; p = value.find(entity, p)) value.replace(p, entity.size(), text);
  }
  for (auto p = value.find("&amp;"); p != std::string::npos; p = value.find("&amp;", p + 1)) value.replace(p, 5, "&");
  return value;
}

struct ChartArea {
  std::string id;
  int x, y, w, h;
};

// Opens `page`, checks the scripts' verdict, then the screenshot inside each chart. `dataColour`:
// for some charts, a dataset colour that must fill a good number of pixels (the data was drawn,
// not only the axes).
void checkInBrowser(const std::filesystem::path& page, std::size_t charts,
                    const std::map<std::string, Rgb>& dataColour) {
  const auto browser = chromiumBinary();
  if (!browser) {
    WARN("SKIPPED: Chromium is not installed (apt-get install chromium, or bash tools/setup_deps.sh)");
    return;
  }
  const std::string html = readFile(page);
  // Self-contained: nothing to fetch.
  CHECK(html.find("<script src") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);

  // The DOM and the screenshot at once, in two browsers: the charts sit at fixed places (two
  // columns of 300-pixel rows), so the window's height is known before the page reports them.
  TempDir shots("cdnsim-report-shot");
  const std::filesystem::path png = shots.path() / (page.parent_path().filename().string() + ".png");
  const auto [dom, shot] = openInChromium(*browser, page, png, kWindowWidth, kWindowHeight);
  INFO(dom.output.substr(0, 4000));
  REQUIRE(dom.exitCode == 0);
  CHECK(dom.output.find("Uncaught") == std::string::npos);
  const std::string status = "<div id=\"cdnsim-status\"";
  CHECK(attribute(dom.output, status, "data-state") == "ok");
  CHECK(attribute(dom.output, status, "data-charts") == std::to_string(charts));
  const auto rects = nlohmann::ordered_json::parse(attribute(dom.output, status, "data-rects"));
  REQUIRE(rects.size() == charts);
  std::vector<ChartArea> areas;
  for (const auto& r : rects) areas.push_back({r["id"], r["x"], r["y"], r["w"], r["h"]});

  INFO(shot.output.substr(0, 4000));
  REQUIRE(shot.exitCode == 0);
  if (const char* keep = std::getenv("CDNSIM_KEEP_SCREENSHOTS"); keep != nullptr) {
    std::filesystem::copy_file(png, std::filesystem::path(keep) / png.filename(),
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::string error;
  const auto image = decodePng(readFile(png), error);
  INFO(error);
  REQUIRE(image.has_value());
  REQUIRE(image->width == static_cast<std::uint32_t>(kWindowWidth));
  for (const auto& area : areas) {
    INFO(area.id << " at " << area.x << "," << area.y << " " << area.w << "x" << area.h);
    REQUIRE(area.x + area.w <= static_cast<int>(image->width));
    REQUIRE(area.y + area.h <= static_cast<int>(image->height));
    std::map<std::uint32_t, std::size_t> colours;
    for (int y = area.y + 3; y < area.y + area.h - 3; ++y) {
      for (int x = area.x + 3; x < area.x + area.w - 3; ++x) ++colours[image->at(x, y).key()];
    }
    std::size_t total = 0, most = 0;
    for (const auto& [colour, n] : colours) {
      total += n;
      most = std::max(most, n);
    }
    // Not blank: axes, labels and data put several percent of the area off the background.
    CHECK(colours.size() >= 3);
    CHECK(static_cast<double>(total - most) / static_cast<double>(total) > 0.02);
    if (const auto want = dataColour.find(area.id); want != dataColour.end()) {
      // Below the legend (whose swatch has the colour too), near the colour: lines are antialiased.
      std::size_t near = 0;
      for (int y = area.y + kLegendHeight; y < area.y + area.h - 3; ++y) {
        for (int x = area.x + 3; x < area.x + area.w - 3; ++x) {
          const Rgb p = image->at(x, y);
          const Rgb& c = want->second;
          near += std::abs(p.r - c.r) + std::abs(p.g - c.g) + std::abs(p.b - c.b) <= 60 ? 1 : 0;
        }
      }
      CHECK(near > 300);
    }
  }
}

const Rgb kEdgeBlue{0x1f, 0x77, 0xb4};  // the first dataset's colour (and the edge tier's)

}  // namespace

TEST_CASE("a run's report.html draws every chart in headless Chromium", "[report][browser]") {
  TempDir dir("cdnsim-report-run");
  const std::filesystem::path out = dir.path() / "run";
  const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                            " --requests 20000 --interval 10s --no-trace --out " + out.string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  checkInBrowser(out / "report.html", 5,
                 {{"chart-hit-ratio", kEdgeBlue}, {"chart-latency", kEdgeBlue}, {"chart-pops", kEdgeBlue},
                  {"chart-offload", Rgb{0x6b, 0x21, 0xa8}}});
}

TEST_CASE("compare's report.html of two run directories draws every chart in headless Chromium",
          "[report][browser]") {
  TempDir dir("cdnsim-report-compare");
  std::string runDirs;
  for (const std::string topology : {"quickstart", "small-edges"}) {
    const std::filesystem::path out = dir.path() / topology;
    const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") + " --topology " +
                              sourcePath("topologies/" + topology + ".yaml") +
                              " --requests 20000 --interval 10s --no-trace --out " + out.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    runDirs += " " + out.string();
  }
  const std::filesystem::path compared = dir.path() / "compare";
  const auto r = runCommand(cdnsimBinary() + " compare" + runDirs + " --out " + compared.string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  // The run directories' time series reach the page: its charts over time have both runs.
  const std::string html = readFile(compared / "report.html");
  CHECK(html.find("small-edges") != std::string::npos);
  checkInBrowser(compared / "report.html", 6,
                 {{"chart-ratios", kEdgeBlue}, {"chart-latency", kEdgeBlue}, {"chart-hit-ratio", kEdgeBlue},
                  {"chart-origin", Rgb{0xd6, 0x27, 0x28}}});
}

TEST_CASE("a sweep's report.html draws its points side by side in headless Chromium", "[report][browser]") {
  TempDir dir("cdnsim-report-sweep");
  const std::filesystem::path out = dir.path() / "sweep";
  const auto r = runCommand(cdnsimBinary() + " sweep " + sourcePath("scenarios/quickstart.yaml") +
                            " --requests 5000 --grid 'pops[*].cache.policy=lru,sieve' -j1 --out " + out.string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  const std::string html = readFile(out / "report.html");
  CHECK(html.find("pops[*].cache.policy=sieve") != std::string::npos);
  // Fresh runs carry no time series, so only the side-by-side charts are drawn.
  checkInBrowser(out / "report.html", 3, {{"chart-ratios", kEdgeBlue}});
}

}  // namespace cdnsim::testing
