#include "sim/report/html_report_assets.h"

namespace cdnsim::sim::report_assets {

// Fixed sizes: two columns of 560 x 300 charts, so a screenshot of a 1200-pixel-wide window holds
// them where the page says they are.
const std::string_view kStyle = R"css(
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; background: #fff;
       margin: 16px; width: 1160px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p.meta { color: #52606d; margin: 0 0 12px; }
.notice { border: 1px solid #d9822b; background: #fff4e5; padding: 8px 12px; margin: 12px 0; }
.charts { display: grid; grid-template-columns: 570px 570px; gap: 16px 20px; }
figure.chart { margin: 0; width: 570px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart canvas { display: block; width: 560px; height: 300px; border: 1px solid #e4e7eb; }
table { border-collapse: collapse; margin: 4px 0 12px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f5f7fa; }
td.up { color: #0b7a3e; } td.down { color: #b42318; }
details { margin: 6px 0; }
)css";

const std::string_view kErrorCatcher = R"js(
(function () {
  var status = document.getElementById('cdnsim-status');
  window.addEventListener('error', function (event) {
    if (status.dataset.state.indexOf('error') !== 0) status.dataset.state = 'error: ' + event.message;
  });
})();
)js";

const std::string_view kPageScript = R"js(
(function () {
  'use strict';
  var status = document.getElementById('cdnsim-status');
  var data = JSON.parse(document.getElementById('cdnsim-data').textContent);
  var canvases = Array.prototype.slice.call(document.querySelectorAll('figure.chart canvas'));
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
                 '#7f7f7f', '#bcbd22', '#17becf'];
  var tierColors = { edge: '#1f77b4', regional: '#ff7f0e', shield: '#2ca02c', origin: '#d62728' };
  function color(i) { return palette[i % palette.length]; }

  // A value of a summary.json object by its dotted path ("edge.hit_ratio"); null when absent.
  function get(summary, path) {
    var at = summary;
    var keys = path.split('.');
    for (var i = 0; i < keys.length; ++i) {
      if (at === null || typeof at !== 'object' || !(keys[i] in at)) return null;
      at = at[keys[i]];
    }
    return typeof at === 'number' ? at : null;
  }
  function ratio(part, whole) { return whole > 0 ? part / whole : null; }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  // Seconds since the run's start as h:mm:ss or m:ss.
  function clock(seconds) {
    var s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(s % 60);
  }
  function base(yTitle, extra) {
    var options = {
      animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'top', labels: { boxWidth: 12 } } },
      scales: { x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
                y: { beginAtZero: true, title: { display: true, text: yTitle } } }
    };
    if (extra) extra(options);
    return options;
  }
  function ratioAxis(options) { options.scales.y.max = 1; }
  function line(label, values, colour, dashed) {
    return { label: label, data: values, borderColor: colour, backgroundColor: colour, borderWidth: 2,
             pointRadius: values.length > 60 ? 0 : 2, spanGaps: true, borderDash: dashed ? [6, 4] : [] };
  }
  function bars(label, values, colour) {
    return { label: label, data: values, backgroundColor: colour, borderColor: colour, borderWidth: 1 };
  }

  var drawn = 0;
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, config);
    ++drawn;
  }

  // Per interval of one run's time series: f(counters of each named series, index) -> value.
  function overTime(series, name, f) {
    var s = series.series[name];
    if (!s) return null;
    return series.start_s.map(function (_, i) { return f(s, i); });
  }
  function hitRatio(s, i) { return ratio(s.hits[i], s.requests[i]); }
  function offloadOf(series, field) {
    var edge = series.series.edge, origin = series.series.origin;
    return series.start_s.map(function (_, i) {
      return edge[field][i] > 0 ? 1 - origin[field][i] / edge[field][i] : null;
    });
  }

  function drawRun(run) {
    var ts = run.series;
    var labels = ts.start_s.map(clock);
    var tiers = ['edge', 'regional', 'shield'].filter(function (t) { return ts.series[t]; });
    draw('chart-hit-ratio', { type: 'line', data: { labels: labels, datasets: tiers.map(function (t) {
      return line(t, overTime(ts, t, hitRatio), tierColors[t]);
    }) }, options: base('hit ratio', ratioAxis) });

    var layers = Object.keys(data.latency.layers);
    draw('chart-latency', { type: 'bar', data: { labels: data.latency.bins, datasets: layers.map(function (l) {
      return bars('answered by ' + l, data.latency.layers[l], tierColors[l]);
    }) }, options: base('viewer requests', function (o) {
      o.scales.x.stacked = true; o.scales.y.stacked = true;
      o.scales.x.title = { display: true, text: 'total time, ms (from)' };
    }) });

    draw('chart-errors', { type: 'line', data: { labels: labels,
      datasets: ['edge', 'regional', 'shield', 'origin'].filter(function (t) { return ts.series[t]; }).map(function (t) {
        return line(t, overTime(ts, t, function (s, i) { return s.errors[i]; }), tierColors[t]);
      }) }, options: base('errors per interval') });

    draw('chart-offload', { type: 'line', data: { labels: labels, datasets: [
      line('requests', offloadOf(ts, 'requests'), '#6b21a8'),
      line('bytes', offloadOf(ts, 'bytes'), '#0d9488', true)
    ] }, options: base('origin offload', ratioAxis) });

    var pops = run.summary.pops || [];
    draw('chart-pops', { type: 'bar', data: { labels: pops.map(function (p) { return p.code; }), datasets: [
      bars('hit ratio', pops.map(function (p) { return p.hit_ratio; }), '#1f77b4'),
      bars('byte hit ratio', pops.map(function (p) { return p.byte_hit_ratio; }), '#9ecae1')
    ] }, options: base('ratio', ratioAxis) });
  }

  function drawComparison(runs) {
    var names = runs.map(function (r) { return r.name; });
    var ratios = [['edge.hit_ratio', 'edge hit'], ['edge.byte_hit_ratio', 'edge byte hit'],
                  ['regional.hit_ratio', 'regional hit'], ['regional.byte_hit_ratio', 'regional byte hit'],
                  ['shield.hit_ratio', 'shield hit'], ['shield.byte_hit_ratio', 'shield byte hit'],
                  ['origin.offload', 'origin offload'], ['origin.byte_offload', 'origin byte offload']]
      .filter(function (m) { return runs.some(function (r) { return get(r.summary, m[0]) !== null; }); });
    draw('chart-ratios', { type: 'bar', data: { labels: ratios.map(function (m) { return m[1]; }),
      datasets: runs.map(function (r, i) {
        return bars(r.name, ratios.map(function (m) { return get(r.summary, m[0]); }), color(i));
      }) }, options: base('ratio', ratioAxis) });

    var percentiles = [['p50_ms', 'p50'], ['p90_ms', 'p90'], ['p99_ms', 'p99'], ['p999_ms', 'p99.9']];
    draw('chart-latency', { type: 'bar', data: { labels: percentiles.map(function (p) { return p[1]; }),
      datasets: runs.map(function (r, i) {
        return bars(r.name, percentiles.map(function (p) { return get(r.summary, 'latency.total.' + p[0]); }), color(i));
      }) }, options: base('total time, ms') });

    draw('chart-origin', { type: 'bar', data: { labels: names, datasets: [
      bars('origin requests', runs.map(function (r) { return get(r.summary, 'origin.requests'); }), '#d62728'),
      bars('viewer errors', runs.map(function (r) { return get(r.summary, 'viewer.errors'); }), '#7f7f7f')
    ] }, options: base('requests') });

    var timed = runs.filter(function (r) { return r.series; });
    if (timed.length === 0) return;
    // Runs may differ in length: the longest gives the axis.
    var longest = timed.reduce(function (a, r) { return r.series.start_s.length > a.series.start_s.length ? r : a; });
    var labels = longest.series.start_s.map(clock);
    function perRun(f, options) {
      return { type: 'line', data: { labels: labels, datasets: runs.map(function (r, i) {
        return r.series ? line(r.name, f(r.series), color(i)) : null;
      }).filter(function (d) { return d; }) }, options: options };
    }
    draw('chart-hit-ratio', perRun(function (ts) { return overTime(ts, 'edge', hitRatio); }, base('edge hit ratio', ratioAxis)));
    draw('chart-offload', perRun(function (ts) { return offloadOf(ts, 'requests'); }, base('origin offload', ratioAxis)));
    draw('chart-errors', perRun(function (ts) { return overTime(ts, 'edge', function (s, i) { return s.errors[i]; }); },
                                base('viewer errors per interval')));
  }

  if (typeof Chart === 'undefined') {
    status.dataset.state = 'no-chart-library';
    return;
  }
  if (data.kind === 'run') drawRun(data.runs[0]); else drawComparison(data.runs);
  var rects = canvases.map(function (c) {
    var r = c.getBoundingClientRect();
    return { id: c.id, x: Math.round(r.left + window.scrollX), y: Math.round(r.top + window.scrollY),
             w: Math.round(r.width), h: Math.round(r.height) };
  });
  status.dataset.charts = String(drawn);
  status.dataset.rects = JSON.stringify(rects);
  if (status.dataset.state === 'pending') {
    status.dataset.state = drawn === canvases.length ? 'ok' : 'error: ' + drawn + ' of ' + canvases.length + ' charts drawn';
  }
})();
)js";

}  // namespace cdnsim::sim::report_assets
