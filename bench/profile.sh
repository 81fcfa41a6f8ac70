#!/usr/bin/env bash
# bench/profile.sh - where one in-process Lido request spends its CPU: starts the built distribution pinned to
# cpu 1 on a private port (an inProcess pool serving a copy of its wwwroot and a 13-byte bench.txt, W3C log on),
# warms up with wrk on cpu 0, then records a JFR profile (1 ms execution samples) during WRK_SECONDS of
# `wrk -t1 -c64` and prints req/s, the server's CPU-seconds, requests per CPU-second and the hottest methods.
#
# Requests per CPU-second is the figure to compare before/after a change when the machine is shared: wrk's
# req/s moves with the load others put on it. Compare only runs made close together, and repeat them.
#
#   bench/profile.sh [PATH]        PATH defaults to /hello; /bench.txt profiles the static file handler
#
# Settings (environment, defaults in brackets): PORT [28150], DIST [lido-server/target/lido], WARM [8],
# WRK_SECONDS [8], OUT [/tmp/lido-profile/<date>] (the .jfr file stays there for `jfr view` / `jfr print`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${1:-/hello}
PORT=${PORT:-28150}
DIST=${DIST:-$ROOT/lido-server/target/lido}
WARM=${WARM:-8}
WRK_SECONDS=${WRK_SECONDS:-8}
OUT=${OUT:-/tmp/lido-profile/$(date +%Y%m%d-%H%M%S)}
for tool in wrk curl taskset awk; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk curl util-linux)" >&2; exit 1; }
done
[[ -d $DIST/lib ]] || { echo "no distribution in $DIST: build it first (see docs/performance.md)" >&2; exit 1; }
JAVA=$(LIDO_PRINT_JAVA=1 bash "$ROOT/lido-server/src/dist/bin/lido")
JFR_TOOL=$(dirname "$JAVA")/jfr
JCMD=$(dirname "$JAVA")/jcmd
mkdir -p "$OUT"
rm -rf "$OUT/wwwroot" && cp -r "$DIST/wwwroot" "$OUT/wwwroot"
printf 'Hello, World!' >"$OUT/wwwroot/bench.txt"
# shellcheck source=lido-process.sh
source "$ROOT/bench/lido-process.sh"
cat >"$OUT/applicationHost.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools><add name="ProfilePool" hostingModel="inProcess" /></applicationPools>
    <sites>
$(bench_site Profile 1 ProfilePool "$OUT/wwwroot" "$PORT" "$OUT/logs")
    </sites>
  </system.applicationHost>
</configuration>
XML

: >"$OUT/lido.log"
launch_lido "$OUT/applicationHost.config" "$OUT/lido.log"
URL="http://127.0.0.1:$PORT$TARGET"
for _ in $(seq 150); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL") == 200 ]] && break
    kill -0 "$LIDO_PID" 2>/dev/null || { echo "Lido did not start, see $OUT/lido.log" >&2; exit 1; }
    sleep 0.2
done
taskset -c 0 wrk -t1 -c64 -d"${WARM}s" "$URL" >/dev/null

"$JCMD" "$LIDO_PID" JFR.start name=profile settings=profile jdk.ExecutionSample#period=1ms \
    filename="$OUT/profile.jfr" >/dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$LIDO_PID/stat"; }
t0=$(cpu_ticks)
taskset -c 0 wrk -t1 -c64 -d"${WRK_SECONDS}s" "$URL" >"$OUT/wrk.txt"
t1=$(cpu_ticks)
"$JCMD" "$LIDO_PID" JFR.stop name=profile >/dev/null

requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
awk -v r="$requests" -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v rps="$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")" \
    'BEGIN { cpu = t / hz; printf "%s req/s, %.2f CPU-s for %d requests: %.0f requests per CPU-second\n", rps, cpu, r, r / cpu }'
"$JFR_TOOL" view --width 150 hot-methods "$OUT/profile.jfr" | head -30
echo "profile: $OUT/profile.jfr (jfr view --width 150 hot-methods|allocation-by-site ...)"
