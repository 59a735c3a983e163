#!/usr/bin/env bash
# serve_bench.sh: cache-hit throughput of `cdnsim serve` against nginx's proxy_cache, side by side,
# in front of the same origin (python3 http.server serving a 1 KiB file), both over loopback
# keep-alive, measured by the same wrk command. Bench-only packages: wrk, nginx (Debian).
#   tools/bench/serve_bench.sh [BUILD_DIR] [SECONDS] [ROUNDS]
# Both proxies run one event loop (nginx: worker_processes 1), wrk one thread, 32 connections.
# The two are measured in turn ROUNDS times (default 3) and each keeps its best round, so that a
# burst of other work on a shared machine does not decide the ratio.
set -euo pipefail
BUILD=${1:-build}
SECS=${2:-10}
ROUNDS=${3:-3}
CDNSIM=$(realpath "$BUILD/tools/cdnsim")
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ORIGIN=$(free_port); CDN=$(free_port); NGX=$(free_port)

mkdir -p "$WORK/www" "$WORK/nginx/cache"
# nginx workers drop root privileges: they must be able to write the cache.
chmod 755 "$WORK"; chmod -R 777 "$WORK/nginx"
head -c 1024 /dev/zero | tr '\0' 'x' > "$WORK/www/hit.bin"
(cd "$WORK/www" && exec python3 -m http.server "$ORIGIN" --bind 127.0.0.1 >/dev/null 2>&1) &
PIDS+=($!)

cat > "$WORK/topology.yaml" <<YAML
name: serve-bench
regional_edge_caches: []
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 64MiB, policy: lru}
origins:
  - name: web
    type: custom
    domain: 127.0.0.1:$ORIGIN
    location: {lat: 38.9, lon: -77.4}
behaviors:
  - path_pattern: "*"
    origin: web
    cache_policy: CachingOptimized
YAML
"$CDNSIM" serve "$WORK/topology.yaml" --listen "127.0.0.1:$CDN" >"$WORK/cdnsim.out" 2>&1 &
PIDS+=($!)

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  proxy_cache_path $WORK/nginx/cache keys_zone=c:10m;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGX;
    location / {
      proxy_pass http://127.0.0.1:$ORIGIN;
      proxy_http_version 1.1;
      proxy_cache c;
      proxy_cache_valid 200 1d;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
NGINX
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)

for p in $ORIGIN $CDN $NGX; do
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$p/hit.bin" && break; sleep 0.1; done
done
# Warm both caches and show that the measured requests are hits.
for p in $CDN $NGX; do curl -s -o /dev/null "http://127.0.0.1:$p/hit.bin"; done
CDN_XC=$(curl -s -D - -o /dev/null "http://127.0.0.1:$CDN/hit.bin" | grep -i '^x-cache' | tr -d '\r')
NGX_XC=$(curl -s -D - -o /dev/null "http://127.0.0.1:$NGX/hit.bin" | grep -i '^x-cache' | tr -d '\r')
echo "cdnsim: $CDN_XC"; echo "nginx:  $NGX_XC"
case "$CDN_XC" in *Hit*) ;; *) echo "cdnsim is not serving hits" >&2; exit 1;; esac
case "$NGX_XC" in *HIT*) ;; *) echo "nginx is not serving hits" >&2; cat "$WORK/nginx-error.log" >&2; exit 1;; esac

measure() {
  wrk -t1 -c32 -d"${SECS}s" --latency "http://127.0.0.1:$1/hit.bin" > "$WORK/$2.wrk"
  local rps p99
  if grep -q "Non-2xx" "$WORK/$2.wrk"; then echo "$2: non-2xx responses during the run" >&2; exit 1; fi
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$2.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$2.wrk")
  printf 'round %d  %-8s %12s req/s   p99 %s\n' "$3" "$2" "$rps" "$p99" >&2
  echo "$rps $p99" >> "$WORK/$2.rounds"
}
for round in $(seq "$ROUNDS"); do
  measure "$CDN" cdnsim "$round"
  measure "$NGX" nginx "$round"
done
# The best round of each (highest req/s), with that round's p99.
best() { sort -g -r -k1,1 "$WORK/$1.rounds" | head -1; }
read -r CDN_RPS CDN_P99 <<<"$(best cdnsim)"
read -r NGX_RPS NGX_P99 <<<"$(best nginx)"
printf '%-8s %12s req/s   p99 %s\n' cdnsim "$CDN_RPS" "$CDN_P99" nginx "$NGX_RPS" "$NGX_P99"
awk -v a="$CDN_RPS" -v b="$NGX_RPS" \
  'BEGIN { printf "ratio    %.2fx nginx hit throughput (floor 1.2x)\n", a / b }'
# wrk prints latencies as 850.00us, 1.11ms or 1.20s.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; print n }'; }
awk -v a="$(ms "$CDN_P99")" -v b="$(ms "$NGX_P99")" \
  'BEGIN { printf "p99      %.3f ms vs %.3f ms: %s\n", a, b, (a <= b ? "no worse than nginx" : "WORSE than nginx") }'
