#!/usr/bin/env bash
# bench/run.sh - Lido against its peers, in one run, with the method of ../shared/bench (see its README):
# server pinned to cpu 1, wrk pinned to cpu 0, `wrk -t1 -cC -dD --latency`, a warm-up, the median of REPS runs.
#
# It measures Lido on GET /hello (the sample handler, through the whole pipeline) in an in-process pool, on a
# small static file, and on GET /hello of the same application in an out-of-process pool (a second site on
# port 28101: a worker JVM behind the Unix-socket channel, pinned to the same cpu as the host), then runs the peers through ../shared/bench/run.sh in the same session, and writes the
# figures with their ratios to docs/performance.md (between the bench markers) and to $OUT.
#
# Settings (environment, defaults in brackets):
#   PEERS   peers from ../shared/bench to measure in the same run [jetty nginx-static nginx-proxy-jetty]; PEERS="" measures Lido alone
#   TARGETS Lido targets [hello static oop]; add `recycle` for the recycle-under-load step: each rep runs wrk on
#           the out-of-process site twice, once steady and once with `lido recycle apppool BenchWorkers` sent
#           halfway through, and reports errors and p99 of both (the recycle is overlapped: a new worker starts,
#           takes over once READY, the old one drains)
#   AOT     1: the out-of-process pool uses its JDK AOT cache (the default, trained by a first start before the
#           cold starts are measured); 0: jvmAotCache="false", for a before/after comparison [1]
#   AOT_LOAD 1: the pool has jvmAotTrainingUrl=/hello, so its cache is trained under load and carries request
#           profiles (JEP 515); 0: trained by a worker that served one request [1]. A cache is trained only when
#           none exists for the pool's JVM: delete lido-server/target/lido/work/aot/ to retrain
#   TARGETS may also name redeploy and session, the application domain figures of bench/domains.sh (changed
#           jar -> first response of the new domain; what session support costs a request without a session),
#           run after the others on a Lido of their own; both are in the default list
#   WARM [5] DUR [10] CONNS ["64 256"] REPS [3] COLD_N [3]   as in ../shared/bench/run.sh
#   OUT     raw output folder [/tmp/lido-bench/<date>]
#   WRITE   1: update docs/performance.md [1]
# Needs: wrk, curl, taskset, nginx (for nginx peers) - `apt-get install -y wrk nginx`; a JDK 25 under /usr/lib/jvm.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
PEERS=${PEERS-"jetty nginx-static nginx-proxy-jetty"}
TARGETS=${TARGETS:-"hello static oop redeploy session"}
DOMAIN_TARGETS=$(printf '%s\n' $TARGETS | grep -xE 'redeploy|session' | paste -sd' ' || true)
TARGETS=$(printf '%s\n' $TARGETS | grep -vxE 'redeploy|session' | paste -sd' ' || true)
WARM=${WARM:-5}
DUR=${DUR:-10}
CONNS=${CONNS:-"64 256"}
REPS=${REPS:-3}
COLD_N=${COLD_N:-3}
AOT=${AOT:-1}
AOT_ATTR=false
[[ $AOT == 1 ]] && AOT_ATTR=true
AOT_LOAD=${AOT_LOAD:-1}
TRAINING_ATTR=""
[[ $AOT == 1 && $AOT_LOAD == 1 ]] && TRAINING_ATTR=" jvmAotTrainingUrl=\"http://127.0.0.1:28101/hello\""
OUT=${OUT:-/tmp/lido-bench/$(date +%Y%m%d-%H%M%S)}
WRITE=${WRITE:-1}
PORT=28100

for tool in wrk curl taskset awk; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk curl util-linux)" >&2; exit 1; }
done
JAVA=$(LIDO_PRINT_JAVA=1 bash "$ROOT/lido-server/src/dist/bin/lido")
DIST=$ROOT/lido-server/target/lido
[[ -d $DIST/lib ]] || (cd "$ROOT" && ./mvnw -B -q -DskipTests install)
mkdir -p "$OUT/raw"

# shellcheck source=lido-process.sh
source "$ROOT/bench/lido-process.sh"

# A configuration of its own: the distribution's wwwroot (sample jar, web.config) on a fixed port, no access log
# writes to the repo's folders.
WWW=$OUT/wwwroot
rm -rf "$WWW" && cp -r "$DIST/wwwroot" "$WWW"
printf 'Hello, World!' >"$WWW/bench.txt"
cat >"$OUT/applicationHost.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="BenchPool" hostingModel="inProcess" />
      <add name="BenchWorkers" hostingModel="outOfProcess" jvmAotCache="$AOT_ATTR"$TRAINING_ATTR />
    </applicationPools>
    <sites>
$(bench_site Bench 1 BenchPool "$WWW" "$PORT" "$OUT/logs")
      <!-- A site of its own for the out-of-process pool: as a child application of the first site it
           would inherit that site's web.config and add the sample's module twice. -->
$(bench_site BenchWorkers 2 BenchWorkers "$WWW" "$((PORT + 1))" "$OUT/logs")
    </sites>
  </system.applicationHost>
</configuration>
XML

# A server left on the bench ports (an earlier run, a profile) would be measured instead of this build.
for p in "$PORT" "$((PORT + 1))"; do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$p/") != 000 ]]; then
        echo "port $p is already in use: stop the server there first" >&2
        exit 1
    fi
done
taskset -pc 0 $$ >/dev/null        # this script and its curl/wrk stay on cpu 0
start_lido() { launch_lido "$OUT/applicationHost.config" "$OUT/raw/lido.log"; }
wait_200() {
    local deadline=$((SECONDS + 60))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1") == 200 ]]; do
        ((SECONDS < deadline)) && kill -0 "$LIDO_PID" 2>/dev/null || return 1
    done
}
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
wrk_row() {  # FILE -> rps p50 p99 errors
    local f=$1
    echo "$(awk '/^Requests\/sec:/ {print $2}' "$f") $(ms "$(awk '$1 == "50%" {print $2}' "$f")") $(ms "$(awk '$1 == "99%" {print $2}' "$f")") $(awk '/Socket errors:/ {gsub(/,/, ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $NF} END {print s + 0}' "$f")"
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
url_of() {
    case $1 in
        hello) echo "http://127.0.0.1:$PORT/hello" ;;
        static) echo "http://127.0.0.1:$PORT/bench.txt" ;;
        oop) echo "http://127.0.0.1:$((PORT + 1))/hello" ;;
    esac
}
label_of() {
    case $1 in
        hello) echo "Lido /hello, in-process" ;;
        static) echo "Lido static file" ;;
        oop) echo "Lido /hello, out-of-process" ;;
        steady) echo "Lido /hello, out-of-process, steady (recycle step baseline)" ;;
        recycle) echo "Lido /hello, out-of-process, recycled mid-run" ;;
    esac
}
lido_cli() { "$DIST/bin/lido" "$@" --config "$OUT/applicationHost.config"; }
# One wrk run on the out-of-process site: FILE CONNS RECYCLE(0|1). With RECYCLE=1 the pool is recycled halfway.
wrk_oop() {
    local f=$1 c=$2 recycle=$3 wrk_pid
    taskset -c 0 wrk -t1 -c"$c" -d"${DUR}s" --latency "$(url_of oop)" >"$f" 2>&1 &
    wrk_pid=$!
    if [[ $recycle == 1 ]]; then
        sleep "$(awk -v d="$DUR" 'BEGIN {print d / 2}')"
        lido_cli recycle apppool BenchWorkers >>"$OUT/raw/recycle.log" 2>&1 || echo "recycle failed, see $OUT/raw/recycle.log" >&2
    fi
    wait "$wrk_pid" || true
}

printf 'target\tconns\trep\trps\tp50_ms\tp99_ms\terrors\n' >"$OUT/lido.tsv"
colds=()
oop_colds=()
aot_training=""
if [[ $AOT == 1 ]]; then
    # The pool's AOT cache is trained before the cold starts are measured, so that they are those of every later
    # start. With AOT_LOAD=1 the host's training worker serves the pool's jvmAotTrainingUrl load (20 s) and writes
    # the cache as it exits; otherwise the first request's worker trains it and a recycle makes it exit.
    start_lido
    wait_200 "$(url_of hello)" || { echo "Lido did not start, see $OUT/raw/lido.log" >&2; exit 1; }
    await_cache() {
        for _ in $(seq 900); do grep -q 'JDK AOT cache .* is ready\|JDK AOT cache .* does not load' "$OUT/raw/lido.log" && break; sleep 0.1; done
        grep -q 'JDK AOT cache .* is ready' "$OUT/raw/lido.log" || echo "no AOT cache was trained, see $OUT/raw/lido.log" >&2
    }
    if [[ $AOT_LOAD == 1 ]] && grep -q 'its JVM has no AOT cache yet' "$OUT/raw/lido.log"; then
        await_cache
        aot_training="trained under its jvmAotTrainingUrl load ($(grep -o 'AOT training load done: [0-9]* requests' "$OUT/raw/lido.log" | head -1 | sed 's/.*: //'))"
    else
        aot_training=$(curl -s -o /dev/null -w '%{time_total}' --max-time 30 "$(url_of oop)" | awk '{printf "%.0f", $1 * 1000}')
        if grep -q 'trains the JDK AOT cache' "$OUT/raw/lido.log"; then
            aot_training="${aot_training} ms, training the cache"
            lido_cli recycle apppool BenchWorkers >>"$OUT/raw/recycle.log" 2>&1
            await_cache
        else
            aot_training="${aot_training} ms, from a cache trained by an earlier run"
        fi
    fi
    stop_lido; sleep 0.5
fi
for ((i = 1; i <= COLD_N; i++)); do
    t0=$EPOCHREALTIME; start_lido
    wait_200 "$(url_of hello)" || { echo "Lido did not start, see $OUT/raw/lido.log" >&2; exit 1; }
    colds+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.0f", (b - a) * 1000}')")
    # the out-of-process pool is still stopped: its first request starts a worker (demand start)
    oop_colds+=("$(curl -s -o /dev/null -w '%{time_total}' --max-time 30 "$(url_of oop)" | awk '{printf "%.0f", $1 * 1000}')")
    stop_lido; sleep 0.5
done
log_from=$(($(wc -l <"$OUT/raw/lido.log") + 1))   # the measured run's lines of lido.log start here
start_lido
wait_200 "$(url_of hello)" || { echo "Lido did not start, see $OUT/raw/lido.log" >&2; exit 1; }
rss_start=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$LIDO_PID/status")
curl -s -o /dev/null "$(url_of oop)"      # the worker is up before the warm-ups
sleep 2                                    # its idle memory: started, one request served, nothing running
worker_rss_idle=$(for p in $(pgrep -P "$LIDO_PID"); do awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$p/status"; done | paste -sd+ | bc)
curl -s -i "$(url_of hello)" >"$OUT/raw/lido-hello-response.txt"
for t in $TARGETS; do
    if [[ $t == recycle ]]; then
        echo "=== lido-recycle ($(url_of oop), steady and recycled halfway)"
        taskset -c 0 wrk -t1 -c"${CONNS%% *}" -d"${WARM}s" --latency "$(url_of oop)" >"$OUT/raw/lido-recycle-warmup.txt" 2>&1 || true
        for c in $CONNS; do
            for ((r = 1; r <= REPS; r++)); do
                for kind in steady recycle; do
                    f=$OUT/raw/lido-$kind-c$c-r$r.txt
                    wrk_oop "$f" "$c" "$([[ $kind == recycle ]] && echo 1 || echo 0)"
                    read -r rps p50 p99 errs < <(wrk_row "$f")
                    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$c" "$r" "$rps" "$p50" "$p99" "$errs" >>"$OUT/lido.tsv"
                    echo "$kind c$c r$r: $rps rps, p50 $p50 ms, p99 $p99 ms, errors $errs"
                    sleep 1
                done
            done
        done
        continue
    fi
    url=$(url_of "$t")
    echo "=== lido-$t ($url)"
    taskset -c 0 wrk -t1 -c"${CONNS%% *}" -d"${WARM}s" --latency "$url" >"$OUT/raw/lido-$t-warmup.txt" 2>&1 || true
    for c in $CONNS; do
        for ((r = 1; r <= REPS; r++)); do
            f=$OUT/raw/lido-$t-c$c-r$r.txt
            taskset -c 0 wrk -t1 -c"$c" -d"${DUR}s" --latency "$url" >"$f" 2>&1 || true
            read -r rps p50 p99 errs < <(wrk_row "$f")
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$c" "$r" "$rps" "$p50" "$p99" "$errs" >>"$OUT/lido.tsv"
            echo "c$c r$r: $rps rps, p50 $p50 ms, p99 $p99 ms, errors $errs"
            sleep 1
        done
    done
done
sleep 2
rss_idle=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$LIDO_PID/status")
worker_rss=$(for p in $(pgrep -P "$LIDO_PID"); do awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$p/status"; done | paste -sd+ | bc)
stop_lido
# Each worker's start, phase by phase (JVM, configuration, host connection, applications) and its AOT cache use.
grep -h 'is ready:' "$OUT"/logs/AppPools/BenchWorkers/BenchWorkers.log >"$OUT/raw/worker-starts.txt" 2>/dev/null || true

# Application domain figures (issue 4), on a Lido of their own.
if [[ -n $DOMAIN_TARGETS ]]; then
    DOMAIN_TARGETS="$DOMAIN_TARGETS" WARM=$WARM DUR=$DUR REPS=$REPS CONN=${CONNS%% *} OUT=$OUT/domains \
        bash "$ROOT/bench/domains.sh" >"$OUT/raw/domains.log" 2>&1 || { echo "domains run failed, see $OUT/raw/domains.log" >&2; exit 1; }
fi

# The peers, in the same session, by the shared harness.
if [[ -n $PEERS ]]; then
    PEERS="$PEERS" WARM=$WARM DUR=$DUR CONNS="$CONNS" REPS=$REPS COLD_N=$COLD_N OUT=$OUT/peers \
        bash "$SHARED/bench/run.sh" >"$OUT/raw/peers.log" 2>&1 || { echo "peer run failed, see $OUT/raw/peers.log" >&2; exit 1; }
fi

# ---------- report ----------
peer_med() { [[ -f $OUT/peers/samples.tsv ]] || { echo -; return 0; }; awk -F'\t' -v p="$1" -v c="$2" -v k="$3" '$1 == p && $2 == c {print $k}' "$OUT/peers/samples.tsv" 2>/dev/null | median; }
lido_med() { awk -F'\t' -v t="$1" -v c="$2" -v k="$3" '$1 == t && $2 == c {print $k}' "$OUT/lido.tsv" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "-") print "-"; else printf "%.2f", a / b }'; }
first_peer=${PEERS%% *}
cold=$(printf '%s\n' "${colds[@]}" | median)
{
    echo "Run of $(date -u +%Y-%m-%dT%H:%M:%SZ), \`$(basename "$0")\` with WARM=$WARM DUR=$DUR CONNS=\"$CONNS\" REPS=$REPS;"
    echo "server on cpu 1, wrk on cpu 0; median of $REPS runs. Ratios are to ${first_peer:-the peer} in this same run."
    echo "Lido: cold start ${cold} ms (median of $COLD_N: ${colds[*]}), RSS ${rss_start} MiB started / ${rss_idle} MiB after load."
    echo "Out-of-process pool: first request to the stopped pool (worker demand start) $(printf '%s\n' "${oop_colds[@]}" | median) ms (median of $COLD_N: ${oop_colds[*]}; AOT cache $([[ $AOT == 1 ]] && echo "on; this run's first start: ${aot_training}" || echo off)); worker RSS idle ${worker_rss_idle:-?} MiB (started, one request served), after load ${worker_rss:-?} MiB."
    if [[ " $TARGETS " == *" recycle "* ]]; then
        echo "Recycle under load ($(tail -n +"$log_from" "$OUT/raw/lido.log" | grep -c 'administrator requested a recycle' || true) recycles logged, $REPS expected per connection count): errors $(awk -F'\t' '$1 == "recycle" {s += $7} END {print s + 0}' "$OUT/lido.tsv") recycled / $(awk -F'\t' '$1 == "steady" {s += $7} END {print s + 0}' "$OUT/lido.tsv") steady; p99 ms of each run: recycled $(awk -F'\t' '$1 == "recycle" {printf "%s ", $6}' "$OUT/lido.tsv")/ steady $(awk -F'\t' '$1 == "steady" {printf "%s ", $6}' "$OUT/lido.tsv")(the two rows below: medians)."
    fi
    echo
    hdr="| what |"; sep="|---|"
    for c in $CONNS; do hdr="$hdr c$c req/s | c$c p50 ms | c$c p99 ms | c$c x $first_peer |"; sep="$sep---:|---:|---:|---:|"; done
    echo "$hdr"; echo "$sep"
    for t in ${TARGETS/recycle/steady recycle}; do
        row="| $(label_of "$t") |"
        for c in $CONNS; do
            rps=$(lido_med "$t" "$c" 4)
            row="$row $(printf '%.0f' "$rps") | $(lido_med "$t" "$c" 5) | $(lido_med "$t" "$c" 6) | $(ratio "$rps" "$(peer_med "$first_peer" "$c" 4)") |"
        done
        echo "$row"
    done
    for p in $PEERS; do
        row="| $p |"
        for c in $CONNS; do
            rps=$(peer_med "$p" "$c" 4)
            [[ $rps == - ]] && { row="$row - | - | - | - |"; continue; }
            row="$row $(printf '%.0f' "$rps") | $(peer_med "$p" "$c" 5) | $(peer_med "$p" "$c" 6) | $(ratio "$rps" "$(peer_med "$first_peer" "$c" 4)") |"
        done
        echo "$row"
    done
    echo
    [[ -f $OUT/domains/domains.md ]] && { cat "$OUT/domains/domains.md"; echo; }
    echo "Raw output: \`$OUT\` (lido.tsv, peers/samples.tsv, raw/)."
} | tee "$OUT/table.md"

if [[ $WRITE == 1 ]]; then
    doc=$ROOT/docs/performance.md
    [[ -f $doc ]] || { echo "no $doc" >&2; exit 1; }
    awk -v table="$OUT/table.md" '
        /<!-- bench:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
        /<!-- bench:end -->/ { skip = 0 }
        !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
    echo "updated $doc"
fi
