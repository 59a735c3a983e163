#!/usr/bin/env python3
"""Generates topologies/cloudfront-global.yaml: CloudFront's footprint as one topology.

  - one POP per CloudFront edge-location metro outside mainland China (100 metros), with its real
    IATA code and airport coordinates, tagged with the cheapest price class that includes it;
  - all 13 regional edge caches, each POP forwarding to the nearest one (great-circle);
  - one S3 origin in us-east-1 behind the CachingOptimized managed policy.

Usage: python3 tools/make_cloudfront_global.py [CSV]
  CSV defaults to ../shared/data/cloudfront-edge-locations.csv relative to the repository root
  (104 metros, 635 POPs, from github.com/tobilg/aws-edge-locations, MIT licence).
The output is deterministic (metros in the CSV's order); re-run it and commit the file.
Standard library only.
"""

import csv
import math
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "data", "cloudfront-edge-locations.csv")
OUT = os.path.join(ROOT, "topologies", "cloudfront-global.yaml")

# The cheapest price class that includes each country's edge locations (DG/PriceClass.html, and
# the AWS CDK's PriceClass reference, which lists the countries: PriceClass_100 = USA, Canada,
# Europe and Israel; PriceClass_200 adds South Africa, Kenya, the Middle East, Japan, Singapore,
# South Korea, Taiwan, Hong Kong, the Philippines, India, Indonesia, Thailand, Malaysia, Vietnam,
# Nigeria, Egypt and Türkiye; PriceClass_All adds the rest: South America, Australia and New
# Zealand). Mexico is in CloudFront's "United States, Mexico, & Canada" pricing region, so in 100.
PRICE_CLASS_BY_COUNTRY = {
    "PriceClass_100": "US CA MX DE FR IT NL GB IE AT SE DK FI GR BE HU PT NO RO CZ BG PL HR CH ES IL",
    "PriceClass_200": "TR ZA KE NG EG BH AE OM JP SG KR TW HK PH IN ID TH MY VN",
    "PriceClass_All": "BR CO AR CL PE AU NZ",
}
# Mainland China's edge locations belong to CloudFront in the China Regions, a separate service a
# global distribution does not use.
EXCLUDED_COUNTRIES = {"CN"}

# The 13 AWS Regions with a CloudFront regional edge cache (DG/HowCloudFrontWorks.html), placed at
# the metro the Region is named after (as in tools/bench/make_global_world.py).
REC_REGIONS = [
    ("us-east-1", "N. Virginia (Ashburn)", 38.94, -77.46),
    ("us-east-2", "Ohio (Columbus)", 39.96, -83.00),
    ("us-west-1", "N. California (San Jose)", 37.34, -121.89),
    ("us-west-2", "Oregon (Portland)", 45.52, -122.68),
    ("ap-south-1", "Mumbai", 19.08, 72.88),
    ("ap-northeast-1", "Tokyo", 35.68, 139.69),
    ("ap-northeast-2", "Seoul", 37.57, 126.98),
    ("ap-southeast-1", "Singapore", 1.35, 103.82),
    ("ap-southeast-2", "Sydney", -33.87, 151.21),
    ("eu-central-1", "Frankfurt", 50.03, 8.57),
    ("eu-west-1", "Ireland (Dublin)", 53.35, -6.26),
    ("eu-west-2", "London", 51.51, -0.13),
    ("sa-east-1", "Sao Paulo", -23.55, -46.63),
]
ORIGIN_REGION = "us-east-1"
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def price_class_of(country_code):
    for cls, countries in PRICE_CLASS_BY_COUNTRY.items():
        if country_code in countries.split():
            return cls
    return None


def read_metros(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    metros = []
    for r in rows:
        if r["country_code"] in EXCLUDED_COUNTRIES:
            continue
        cls = price_class_of(r["country_code"])
        if cls is None:
            sys.exit(f"{path}: no price class for {r['code']} in {r['country']} ({r['country_code']})")
        metros.append({
            "code": r["code"],
            "city": r["city"],
            "country": r["country"],
            "count": int(r["count"]),
            "lat": float(r["latitude"]),
            "lon": float(r["longitude"]),
            "class": cls,
        })
    return metros


def nearest_rec(lat, lon):
    return min(REC_REGIONS, key=lambda r: (haversine_km(lat, lon, r[2], r[3]), r[0]))[0]


def topology_yaml(metros):
    counts = {cls: 0 for cls in PRICE_CLASS_BY_COUNTRY}
    for m in metros:
        counts[m["class"]] += 1
    in100 = counts["PriceClass_100"]
    in200 = in100 + counts["PriceClass_200"]
    pops = sum(m["count"] for m in metros)
    lines = [
        "# cloudfront-global: CloudFront's worldwide footprint, to study what a global audience sees:",
        "# which POP and regional edge cache each viewer lands on, how far misses travel, and what a",
        "# cheaper price class costs viewers outside North America and Europe.",
        "#",
        f"#   {len(metros)} POPs, one per CloudFront edge-location metro outside mainland China (those",
        f"#   metros hold {pops} POPs; DNS picks the nearest location, so one POP stands for each metro);",
        "#   all 13 regional edge caches, each POP forwarding to the nearest one (great-circle);",
        "#   one S3 bucket in us-east-1. POPs whose regional edge cache is in us-east-1, the bucket's",
        "#   Region, skip that tier for it (DG/HowCloudFrontWorks.html).",
        "#",
        "# Price classes (DG/PriceClass.html): each POP carries `price_class:`, the cheapest class that",
        "# includes it, and the distribution's `price_class:` below keeps only the POPs of its class:",
        f"#   PriceClass_100  North America, Europe, Israel                            {in100:3d} POPs",
        f"#   PriceClass_200  + Middle East, Africa, Japan, India, the rest of Asia    {in200:3d} POPs",
        f"#   PriceClass_All  + South America, Australia, New Zealand                  {len(metros):3d} POPs",
        "# Viewers near a left-out POP are routed to the nearest POP of the class. Change the one line",
        "# (or copy the file) to compare classes: `cdnsim validate` prints how many POPs a class keeps.",
        "#",
        "# GENERATED by tools/make_cloudfront_global.py; edit the script, not this file. Keys are",
        "# explained in quickstart.yaml and docs/schema.md.",
        "#",
        "# POP codes and coordinates come from CloudFront's published edge locations as collected in",
        "# github.com/tobilg/aws-edge-locations (MIT licence), via ../shared/data/cloudfront-edge-locations.csv",
        "# (2024-02-24). The IATA code is the location's; the number after it is arbitrary, as",
        "# CloudFront's own are. Regional edge caches sit inside AWS Regions; their coordinates are",
        "# those of the Region's metro.",
        "",
        "name: cloudfront-global",
        "domain: d111111abcdef8.cloudfront.net",
        "price_class: PriceClass_All   # PriceClass_100 | PriceClass_200 | PriceClass_All",
        "",
        "network:",
        "  base_latency: 500us",
        "  km_per_ms: 100",
        "  bandwidth_mbps: 1000",
        "",
        "regional_edge_caches:",
    ]
    for region, metro, lat, lon in REC_REGIONS:
        lines += [
            f"  - name: {region}",
            f"    region: {region}   # {metro}",
            f"    location: {{lat: {lat}, lon: {lon}}}",
            "    cache: {capacity: 16GiB, policy: lru}",
        ]
    lines += ["", "pops:"]
    for m in metros:
        plural = "POP" if m["count"] == 1 else "POPs"
        lines += [
            f"  - code: {m['code']}50-C1   # {m['city']}, {m['country']}: {m['count']} {plural}",
            f"    location: {{lat: {m['lat']}, lon: {m['lon']}}}",
            f"    price_class: {m['class']}",
            f"    regional_edge_cache: {nearest_rec(m['lat'], m['lon'])}",
            "    cache: {capacity: 2GiB, policy: lru}",
        ]
    origin = next(r for r in REC_REGIONS if r[0] == ORIGIN_REGION)
    lines += [
        "",
        "origins:",
        "  - name: assets",
        "    type: s3",
        f"    domain: assets-bucket.s3.{ORIGIN_REGION}.amazonaws.com",
        f"    location: {{lat: {origin[2]}, lon: {origin[3]}}}",
        "    first_byte_latency: 20ms",
        "",
        "behaviors:",
        '  - path_pattern: "*"',
        "    origin: assets",
        "    cache_policy: CachingOptimized",
    ]
    return "\n".join(lines) + "\n"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CSV
    metros = read_metros(path)
    if len(metros) < 100:
        sys.exit(f"{path}: {len(metros)} metros outside mainland China, need at least 100")
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(topology_yaml(metros))
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({len(metros)} POPs)", file=sys.stderr)


if __name__ == "__main__":
    main()
