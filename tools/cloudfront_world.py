"""What the topology generators share: CloudFront's regional edge caches, great-circle distance,
the edge-location CSV, and the YAML blocks every generated topology writes the same way.

Used by tools/make_cloudfront_global.py and tools/bench/make_global_world.py. Standard library only.
"""

import csv
import math
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "data", "cloudfront-edge-locations.csv")

# The 13 AWS Regions with a CloudFront regional edge cache (DG/HowCloudFrontWorks.html), placed at
# the metro the Region is named after (approximate city-centre coordinates, to two decimals;
# us-east-1 and eu-central-1 as in topologies/quickstart.yaml). Only distances matter here: they
# pick each POP's nearest REC and give the network model its propagation delays.
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
# The Region of the generated topologies' S3 bucket.
ORIGIN_REGION = "us-east-1"

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_rec(lat, lon):
    """The name of the regional edge cache nearest to (lat, lon); ties by name."""
    return min(REC_REGIONS, key=lambda r: (haversine_km(lat, lon, r[2], r[3]), r[0]))[0]


def origin_location():
    """(lat, lon) of the bucket's Region."""
    origin = next(r for r in REC_REGIONS if r[0] == ORIGIN_REGION)
    return origin[2], origin[3]


def read_csv_metros(path):
    """The CSV's metros in its order: code, city, country, country_code, count, lat, lon."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "code": r["code"],
            "city": r["city"],
            "country": r["country"],
            "country_code": r["country_code"],
            "count": int(r["count"]),
            "lat": float(r["latitude"]),
            "lon": float(r["longitude"]),
        }
        for r in rows
    ]


def network_and_rec_lines(rec_capacity):
    """The `network:` block and every regional edge cache, each with a cache of `rec_capacity`."""
    lines = [
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
            f"    cache: {{capacity: {rec_capacity}, policy: lru}}",
        ]
    return lines


def pop_lines(m, capacity, price_class=None):
    """One POP for metro `m` (from read_csv_metros), forwarding to its nearest regional edge cache;
    with `price_class`, tagged with it."""
    plural = "POP" if m["count"] == 1 else "POPs"
    lines = [
        f"  - code: {m['code']}50-C1   # {m['city']}, {m['country']}: {m['count']} {plural}",
        f"    location: {{lat: {m['lat']}, lon: {m['lon']}}}",
    ]
    if price_class is not None:
        lines.append(f"    price_class: {price_class}")
    lines += [
        f"    regional_edge_cache: {nearest_rec(m['lat'], m['lon'])}",
        f"    cache: {{capacity: {capacity}, policy: lru}}",
    ]
    return lines


def default_behavior_lines():
    """The one default behaviour: every path to the `assets` origin under CachingOptimized."""
    return [
        "behaviors:",
        '  - path_pattern: "*"',
        "    origin: assets",
        "    cache_policy: CachingOptimized",
    ]
