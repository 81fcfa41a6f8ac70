#!/usr/bin/env bash
# bench/domains.sh - issue 4 part 10: application domain figures, with the method of run.sh (server on cpu 1,
# wrk and the client side on cpu 0). Run on its own or from run.sh (TARGETS containing redeploy / session).
#
#   redeploy  changed jar -> first response served by the new domain: the isolation-a sample with greeting
#             library v1 in bin/greeting.jar; each round copies v2 (then v1, ...) over it and polls the
#             application until an answer says the new version. Median and max of REDEPLOY_N rounds, for an
#             in-process and an out-of-process pool.
#   session   what session support costs a request that uses no session: the /hello sample (its handler has
#             no session marker) with sessionState mode="Off" against the default mode (InProc in-process,
#             StateServer out-of-process): req/s and p99 of `wrk -t1 -c64`, median of REPS.
#
# Settings (environment, defaults in brackets): DOMAIN_TARGETS [redeploy session], REDEPLOY_N [20],
#   WARM [5] DUR [10] REPS [3] CONN [64], OUT [/tmp/lido-bench/domains-<date>] (table in $OUT/domains.md).
# Needs: wrk, curl, taskset; the distribution and sample jars (built with ./mvnw -DskipTests install).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOMAIN_TARGETS=${DOMAIN_TARGETS:-"redeploy session"}
REDEPLOY_N=${REDEPLOY_N:-20}
WARM=${WARM:-5}
DUR=${DUR:-10}
REPS=${REPS:-3}
CONN=${CONN:-64}
OUT=${OUT:-/tmp/lido-bench/domains-$(date +%Y%m%d-%H%M%S)}
PORT=${DOMAINS_PORT:-28110}

for tool in wrk curl taskset awk; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk curl util-linux)" >&2; exit 1; }
done
JAVA=$(LIDO_PRINT_JAVA=1 bash "$ROOT/lido-server/src/dist/bin/lido")
DIST=$ROOT/lido-server/target/lido
V=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
sample() { echo "$ROOT/samples/$1/target/$1-$V.jar"; }
for s in isolation-a greeting-lib-1 greeting-lib-2; do
    [[ -f $(sample "$s") && -d $DIST/lib ]] || (cd "$ROOT" && ./mvnw -B -q -DskipTests install)
done
mkdir -p "$OUT/raw"
SITE=$OUT/site
rm -rf "$SITE" && mkdir -p "$SITE/root"

# /redeploy (in-process) and /oredeploy (out-of-process): isolation-a with greeting library v1.
for app in redeploy oredeploy; do
    mkdir -p "$SITE/$app/bin"
    cp "$(sample isolation-a)" "$SITE/$app/bin/isolation-a.jar"
    cp "$(sample greeting-lib-1)" "$SITE/$app/bin/greeting.jar"
    cat >"$SITE/$app/web.config" <<'XML'
<configuration>
  <system.web><httpApplication type="samples.isolation.a.Global" /></system.web>
  <system.webServer>
    <handlers><add name="Greeting" path="greeting" verb="GET" type="samples.isolation.a.GreetingHandler" /></handlers>
  </system.webServer>
</configuration>
XML
done
# /soff, /son (in-process) and /osoff, /oson (out-of-process): the distribution's hello application, with
# sessionState mode="Off" (soff, osoff) or no sessionState element, the default (son, oson).
for app in soff son osoff oson; do
    cp -r "$DIST/wwwroot" "$SITE/$app"
    if [[ $app == *off ]]; then
        sed -i 's:<system.web>:<system.web>\n    <sessionState mode="Off" />:' "$SITE/$app/web.config"
    fi
done
app_xml() { printf '        <application path="/%s" applicationPool="%s"><virtualDirectory path="/" physicalPath="%s" /></application>\n' "$1" "$2" "$SITE/$1"; }
cat >"$OUT/applicationHost.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="DomainsInProcess" hostingModel="inProcess" />
      <add name="DomainsWorkers" hostingModel="outOfProcess" />
    </applicationPools>
    <sites>
      <site name="Domains" id="1">
        <application path="/" applicationPool="DomainsInProcess"><virtualDirectory path="/" physicalPath="$SITE/root" /></application>
$(app_xml redeploy DomainsInProcess; app_xml oredeploy DomainsWorkers; app_xml soff DomainsInProcess; app_xml son DomainsInProcess; app_xml osoff DomainsWorkers; app_xml oson DomainsWorkers)
        <bindings><binding protocol="http" bindingInformation="127.0.0.1:$PORT:" /></bindings>
        <logFile directory="$OUT/logs" />
      </site>
    </sites>
  </system.applicationHost>
</configuration>
XML

taskset -pc 0 $$ >/dev/null
# shellcheck source=lido-process.sh
source "$ROOT/bench/lido-process.sh"
launch_lido "$OUT/applicationHost.config" "$OUT/raw/lido.log"
URL=http://127.0.0.1:$PORT
wait_body() {  # URL TEXT TIMEOUT_S: polls until the body contains TEXT
    local deadline=$((SECONDS + $3))
    until curl -s --max-time 2 "$1" 2>/dev/null | grep -q -- "$2"; do
        ((SECONDS < deadline)) && kill -0 "$LIDO_PID" 2>/dev/null || return 1
    done
}
for app in redeploy oredeploy; do
    wait_body "$URL/$app/greeting" "lib=v1" 60 || { echo "Lido did not serve /$app, see $OUT/raw/lido.log" >&2; exit 1; }
done
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
max() { sort -g | tail -1; }

{
    echo "Application domains, $(date -u +%Y-%m-%dT%H:%M:%SZ), \`bench/$(basename "$0")\`; server on cpu 1, client on cpu 0."
    echo
} >"$OUT/domains.md"

if [[ " $DOMAIN_TARGETS " == *" redeploy "* ]]; then
    echo "| changed jar -> first response of the new domain | median ms | max ms | rounds |" >>"$OUT/domains.md"
    echo "|---|---:|---:|---:|" >>"$OUT/domains.md"
    for app in redeploy oredeploy; do
        times=()
        lib=1
        for ((i = 1; i <= REDEPLOY_N; i++)); do
            lib=$((3 - lib))
            t0=$EPOCHREALTIME
            cp "$(sample greeting-lib-$lib)" "$SITE/$app/bin/greeting.jar"
            wait_body "$URL/$app/greeting" "lib=v$lib " 30 || { echo "/$app never answered with v$lib" >&2; exit 1; }
            times+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.0f", (b - a) * 1000}')")
            sleep 0.5
        done
        printf '%s\n' "${times[@]}" >"$OUT/raw/$app-ms.txt"
        label=$([[ $app == o* ]] && echo out-of-process || echo in-process)
        echo "| isolation-a sample, $label | $(printf '%s\n' "${times[@]}" | median) | $(printf '%s\n' "${times[@]}" | max) | $REDEPLOY_N |" >>"$OUT/domains.md"
        echo "/$app: ${times[*]} ms"
    done
    echo >>"$OUT/domains.md"
fi

if [[ " $DOMAIN_TARGETS " == *" session "* ]]; then
    for app in soff son osoff oson; do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$URL/$app/hello") == 200 ]] || { echo "/$app/hello failed" >&2; exit 1; }
    done
    printf 'app\trep\trps\tp99\n' >"$OUT/session.tsv"
    for app in soff son osoff oson; do
        taskset -c 0 wrk -t1 -c"$CONN" -d"${WARM}s" "$URL/$app/hello" >"$OUT/raw/$app-warmup.txt" 2>&1 || true
    done
    # Rounds alternate the four applications, so drift on a shared machine hits them alike.
    for ((r = 1; r <= REPS; r++)); do
        for app in soff son osoff oson; do
            f=$OUT/raw/$app-r$r.txt
            taskset -c 0 wrk -t1 -c"$CONN" -d"${DUR}s" --latency "$URL/$app/hello" >"$f" 2>&1 || true
            rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
            p99=$(awk '$1 == "99%" {v = $2; n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n}' "$f")
            errs=$(awk '/Socket errors:/ {gsub(/,/, ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $NF} END {print s + 0}' "$f")
            printf '%s\t%s\t%s\t%s\n' "$app" "$r" "$rps" "$p99" >>"$OUT/session.tsv"
            echo "/$app/hello r$r: $rps rps, p99 $p99 ms, errors $errs"
            [[ $errs == 0 ]] || { echo "/$app/hello had $errs errors, see $f" >&2; exit 1; }
            sleep 1
        done
    done
    med() { awk -F'\t' -v a="$1" -v k="$2" '$1 == a {print $k}' "$OUT/session.tsv" | median; }
    {
        echo "| /hello (no session marker), wrk -c$CONN | req/s | p99 ms | x mode Off |"
        echo "|---|---:|---:|---:|"
        for pair in "soff son in-process InProc" "osoff oson out-of-process StateServer"; do
            read -r off on model mode <<<"$pair"
            echo "| $model, sessionState mode=\"Off\" | $(printf '%.0f' "$(med "$off" 3)") | $(med "$off" 4) | 1.00 |"
            echo "| $model, default mode ($mode) | $(printf '%.0f' "$(med "$on" 3)") | $(med "$on" 4) | $(awk -v a="$(med "$on" 3)" -v b="$(med "$off" 3)" 'BEGIN {printf "%.2f", a / b}') |"
        done
        echo
    } >>"$OUT/domains.md"
fi
echo "Raw output: \`$OUT\`." >>"$OUT/domains.md"
cat "$OUT/domains.md"
