# bench/lido-process.sh - sourced by run.sh, domains.sh and profile.sh: one Lido host at a time, pinned to cpu 1,
# with the peers' JVM flags unless JVM_OPTS says otherwise. Needs JAVA and DIST set by the caller.
JVM_OPTS=${JVM_OPTS:-"-Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"}
read -r -a JVM <<<"$JVM_OPTS"
LIDO_PID=""

# launch_lido CONFIG LOG: starts `lido run --config CONFIG` in the background, appending its output to LOG.
launch_lido() {
    taskset -c 1 "$JAVA" "${JVM[@]}" -Dlido.home="$DIST" -cp "$DIST/lib/*" io.lido.server.Main run \
        --config "$1" >>"$2" 2>&1 &
    LIDO_PID=$!
}

# stop_lido: SIGTERM (Lido drains and exits), SIGKILL after 5 s; nothing when none runs.
stop_lido() {
    [[ -n $LIDO_PID ]] || return 0
    kill -TERM "$LIDO_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$LIDO_PID" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$LIDO_PID" 2>/dev/null || true
    wait "$LIDO_PID" 2>/dev/null || true
    LIDO_PID=""
}
trap stop_lido EXIT
