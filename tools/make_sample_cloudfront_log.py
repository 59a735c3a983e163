#!/usr/bin/env python3
"""Writes the sample CloudFront standard access logs that scenarios/replay-cloudfront-log.yaml
replays: two gzip files covering one hour, as CloudFront delivers several files per period, each
with the `#Version`/`#Fields` header and the 33 tab-separated fields of
DG/standard-logs-reference.html. Lines inside a file are slightly out of time order, as in real
logs.

The traffic is synthetic and deterministic (its own PRNG, no dependence on Python's `random`):
viewers at the two-tier topology's six POPs and 1% at SEA19-C1, which that topology lacks; 400
images with Zipf(0.9) popularity; a third of the requests carry a tracking parameter
(`utm_source`), a few are HEAD, OPTIONS or PUT. Re-running the script rewrites the same bytes:
  python3 tools/make_sample_cloudfront_log.py scenarios/logs
"""

import gzip
import io
import math
import os
import sys

LINES = (1600, 1400)  # per file
START = 1767225600    # 2026-01-01T00:00:00Z
SECONDS = 3600
OBJECTS = 400
HOST = "d111111abcdef8.cloudfront.net"
POPS = [  # code, share, client prefix
    ("IAD89-C1", 0.24, "198.51.100."),
    ("JFK50-C1", 0.22, "203.0.113."),
    ("ORD52-C1", 0.12, "192.0.2."),
    ("FRA56-P2", 0.16, "2001:db8:f::"),
    ("CDG50-C1", 0.14, "2001:db8:c::"),
    ("AMS1-C1", 0.11, "2001:db8:a::"),
    ("SEA19-C1", 0.01, "2001:db8:5::"),
]
FIELDS = ("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
          "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
          "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
          "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
          "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
          "sc-range-start sc-range-end")


class Rng:
    """SplitMix64: the same numbers on every machine and Python version."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) / float(1 << 53)

    def below(self, n):
        return self.next() % n


def pick(rng, weights):
    u = rng.uniform() * sum(weights)
    for i, w in enumerate(weights):
        u -= w
        if u < 0:
            return i
    return len(weights) - 1


def main(out_dir):
    rng = Rng(20260101)
    zipf = [1.0 / (k ** 0.9) for k in range(1, OBJECTS + 1)]
    sizes = [int(2000 + 60000 * (rng.uniform() ** 3)) for _ in range(OBJECTS)]
    request_id_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    os.makedirs(out_dir, exist_ok=True)
    for index, count in enumerate(LINES):
        times = sorted(START + rng.below(SECONDS) for _ in range(count))
        lines = []
        for t in times:
            pop, _, prefix = POPS[pick(rng, [p[1] for p in POPS])]
            obj = pick(rng, zipf)
            r = rng.uniform()
            method = "GET" if r < 0.95 else "HEAD" if r < 0.985 else "OPTIONS" if r < 0.995 else "PUT"
            query = "-"
            if rng.uniform() < 0.33:
                query = "utm_source=" + ("news", "mail", "social")[rng.below(3)]
            size = sizes[obj] if method == "GET" else 350
            when = divmod(t, 86400)[1]
            date = "2026-01-01"
            clock = "%02d:%02d:%02d" % (when // 3600, (when // 60) % 60, when % 60)
            ip = prefix + str(1 + rng.below(250)) if "." in prefix else prefix + "%x" % (1 + rng.below(4000))
            rid = "".join(request_id_chars[rng.below(64)] for _ in range(54)) + "=="
            result = "Hit" if rng.uniform() < 0.8 else "Miss"
            lines.append("\t".join([
                date, clock, pop, str(size), ip, method, HOST, "/img/photo-%d.jpg" % obj, "200",
                "-", "Mozilla/5.0%20(X11;%20Linux%20x86_64)", query, "-", result, rid, HOST,
                "https", "180", "%.3f" % (0.001 + rng.uniform() / 20), "-", "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", result, "HTTP/2.0", "-", "-", str(1024 + rng.below(60000)),
                "%.3f" % (0.001 + rng.uniform() / 40), result, "image/jpeg", str(size), "-", "-"]))
        # Real logs are not in time order: swap neighbours a few lines apart.
        for i in range(0, len(lines) - 8, 5):
            j = i + rng.below(8)
            lines[i], lines[j] = lines[j], lines[i]
        text = "#Version: 1.0\n#Fields: " + FIELDS + "\n" + "\n".join(lines) + "\n"
        name = "E2SAMPLE.2026-01-01-00.%s.gz" % ("a1b2c3d4", "e5f6a7b8")[index]
        buf = io.BytesIO()
        # mtime=0 and no file name in the header: the same bytes on every run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
            gz.write(text.encode("ascii"))
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(buf.getvalue())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "scenarios/logs")
