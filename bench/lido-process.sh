# bench/lido-process.sh - sourced by run.sh, domains.sh and profile.sh: one Lido host at a time, pinned to cpu 1,
# started through the distribution's own launcher (bin/lido: the flags and caches a user gets) with the peers'
# heap and GC flags unless JVM_OPTS says otherwise. Needs DIST set by the caller.
JVM_OPTS=${JVM_OPTS:-"-Xmx1g -XX:+UseG1GC"}
LIDO_PID=""

# launch_lido CONFIG LOG: starts `bin/lido run --config CONFIG` in the background, appending its output to LOG.
launch_lido() {
    LIDO_JAVA_OPTS="$JVM_OPTS" taskset -c 1 "$DIST/bin/lido" run --config "$1" >>"$2" 2>&1 &
    LIDO_PID=$!
}

# bench_site NAME ID POOL PHYSICAL_PATH PORT LOG_DIR: one <site> element of an applicationHost.config, its root
# application in POOL, bound to 127.0.0.1:PORT, its W3C log in LOG_DIR.
bench_site() {
    cat <<XML
      <site name="$1" id="$2">
        <application path="/" applicationPool="$3">
          <virtualDirectory path="/" physicalPath="$4" />
        </application>
        <bindings><binding protocol="http" bindingInformation="127.0.0.1:$5:" /></bindings>
        <logFile directory="$6" />
      </site>
XML
}

# stop_lido: SIGTERM (Lido drains and exits; a run that trains an AOT cache writes it first), SIGKILL after 30 s;
# nothing when none runs.
stop_lido() {
    [[ -n $LIDO_PID ]] || return 0
    kill -TERM "$LIDO_PID" 2>/dev/null || true
    for _ in $(seq 600); do kill -0 "$LIDO_PID" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$LIDO_PID" 2>/dev/null || true
    wait "$LIDO_PID" 2>/dev/null || true
    LIDO_PID=""
}
trap stop_lido EXIT
