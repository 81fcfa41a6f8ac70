# shellcheck shell=bash disable=SC2154,SC2034 # variables shared with bin/lido, which sources this file
# Sourced by bin/lido for "lido run": chooses what the host JVM does with its JDK AOT cache (JEPs 483, 514,
# 515) and puts the matching JVM options in aot_options. It reads java_bin, lido_home, base_options,
# user_options, home_option and class_path from bin/lido. The policy is the workers' (lido-activation's
# AotCache; docs/activation.md, "The host's AOT cache"), in work/aot/ of the distribution:
#   host-<key>.aot          the cache; <key> hashes the JDK, lib/*.jar (path, size, modification time), the
#                           JVM options and the environment variables that add options
#   host-<key>.aot.ok       the cache's size, written once a JVM with these options mapped it (-XX:AOTMode=on)
#   host-<key>.training/    a training run: pid (its JVM), serving (written by Lido once it listens) and
#                           cache.aot, which the JVM writes when it exits normally (SIGTERM, SIGINT)
# The run after a training checks its cache.aot and only then makes it host-<key>.aot: bin/lido execs the JVM,
# so nothing of it is left to do that when the JVM exits. Nothing here stops Lido from starting: a problem is
# reported and the JVM starts without a cache.

host_aot_unused_days=30
host_aot_kept=3

host_aot_say() {
  printf 'lido: %s\n' "$*" >&2
}

# The options a cache is made for, less -Xlog: logging does not change whether a cache maps, and
# LIDO_JAVA_OPTS=-Xlog:aot must be able to show what the JVM does with the cache without a new key.
host_aot_options() {
  local option
  for option in "${base_options[@]}" "${user_options[@]}" "$home_option"; do
    [[ "$option" == -Xlog* ]] || printf '%s\n' "$option"
  done
}

# Whether the options choose a cache or class-data archive of their own: then Lido adds none.
host_aot_options_own_one() {
  local option
  # shellcheck disable=SC2086 # the variables are lists of options
  for option in "${user_options[@]}" ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} ${_JAVA_OPTIONS:-}; do
    case "$option" in
      -XX:AOT* | -XX:SharedArchiveFile* | -Xshare* | -XX:ArchiveClassesAtExit* | -XX:+AutoCreateSharedArchive)
        return 0 ;;
    esac
  done
  return 1
}

# Everything the JVM checks when it maps a cache; a change of any gives a new key, so a stale cache is never
# offered. The JDK is its java binary, module image and libjvm (path, size, time) and its release file.
host_aot_key() {
  local java_real java_home name
  java_real=$(readlink -f "$java_bin") || return 1
  java_home=${java_real%/bin/java}
  {
    stat -L -c 'jdk %n|%s|%Y' "$java_real" "$java_home/lib/modules" "$java_home"/lib/server/libjvm.* || exit 1
    printf 'release %s\n' "$(cat "$java_home/release" 2>/dev/null)"
    stat -c 'jar %n|%s|%Y' "$lido_home"/lib/*.jar || exit 1
    host_aot_options | sed 's/^/option /'
    for name in JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS; do
      [[ -z "${!name:-}" ]] || printf 'env %s=%s\n' "$name" "${!name}"
    done
  } | sha256sum | cut -c1-24
}

# Whether a JVM with Lido's options starts from a cache file: with -XX:AOTMode=on it refuses to start when it
# cannot map it, where a run's default (auto) would start without it. Sets host_aot_problem when not.
host_aot_maps() {
  local output status=0 options
  mapfile -t options < <(host_aot_options)
  output=$(timeout 60 "$java_bin" "${options[@]}" "-XX:AOTCache=$1" -XX:AOTMode=on -cp "$class_path" -version 2>&1) \
    || status=$?
  if ((status != 0)); then
    host_aot_problem="exit status $status: $(grep -v '^Picked up' <<<"$output" | tr '\n' ' ' | cut -c1-400)"
    return 1
  fi
}

host_aot_size() {
  stat -c %s "$1" 2>/dev/null
}

# Whether a JVM was seen to map this very file: host-<key>.aot.ok holds its size.
host_aot_proven() {
  [[ -f "$1.ok" && "$(cat "$1.ok" 2>/dev/null)" == "$(host_aot_size "$1")" ]]
}

# Whether the training folder belongs to a JVM that still runs (another Lido on this home is training).
host_aot_training_elsewhere() {
  local training=$1 pid
  pid=$(cat "$training/pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-XX:AOTCacheOutput=$training/cache.aot"
}

# Keeps what the last training run wrote, once a JVM has mapped it; says why not otherwise.
host_aot_promote() {
  local training=$1 cache=$2 output=$1/cache.aot
  if [[ ! -f "$output" || -e "$output.config" ]]; then
    host_aot_say "the run that trained JDK AOT cache $cache stopped without writing it (killed, or it crashed);" \
      "this run trains it again"
    return 1
  fi
  if [[ ! -f "$training/serving" ]]; then
    host_aot_say "discarded the JDK AOT cache trained by the last run: it stopped before it served (a bad" \
      "configuration, a port in use); this run trains it again"
    return 1
  fi
  if ! host_aot_maps "$output"; then
    host_aot_say "discarded the JDK AOT cache trained by the last run: a JVM cannot start from it" \
      "($host_aot_problem); this run trains it again"
    return 1
  fi
  # Readable by everyone, like the workers' caches; moved within work/aot, so the rename is atomic.
  chmod 644 "$output" && mv -f "$output" "$cache" && host_aot_size "$cache" >"$cache.ok" || return 1
  host_aot_say "JDK AOT cache $cache is ready ($(($(host_aot_size "$cache") / 1024)) KB), trained by the last run"
  rm -rf "$training"
  host_aot_delete_unused "$(dirname "$cache")"
}

# Host caches no run started from for a month (those of an older JDK, older jars or other options), trainings
# as old, and all but the most recently used few caches: every rebuild of a development tree gives new jars,
# so a new key and 30 MB.
host_aot_delete_unused() {
  local old
  while IFS= read -r old; do
    rm -f "$old" "$old.ok" && host_aot_say "deleted JDK AOT cache $old: unused for $host_aot_unused_days days"
  done < <(find "$1" -maxdepth 1 -name 'host-*.aot' -mtime +"$host_aot_unused_days" 2>/dev/null)
  # Trainings that no run of their key came back to keep (the options or the jars changed in between), unless
  # their JVM still runs (a Lido up for a month).
  while IFS= read -r old; do
    if ! host_aot_training_elsewhere "$old" && rm -rf "$old"; then
      host_aot_say "deleted $old: a training of $host_aot_unused_days days ago that no run kept"
    fi
  done < <(find "$1" -maxdepth 1 -type d -name 'host-*.training' -mtime +"$host_aot_unused_days" 2>/dev/null)
  while IFS= read -r old; do
    rm -f "$old" "$old.ok" && host_aot_say "deleted JDK AOT cache $old: $host_aot_kept newer host caches are kept"
  done < <(find "$1" -maxdepth 1 -name 'host-*.aot' -printf '%T@ %p\n' 2>/dev/null | sort -rn \
    | tail -n +"$((host_aot_kept + 1))" | cut -d' ' -f2-)
}

host_aot_use() {
  # A cache's modification time is when a run last started from it: the clean-up goes by it.
  touch -c "$1" 2>/dev/null || true
  host_aot_log_to "$(dirname "$1")" warning
  aot_options=("-XX:AOTCache=$1" "-Dlido.aotCache=use:$1" "${host_aot_log_options[@]}")
}

# The JVM's [aot] lines (a cache it cannot map, classes it cannot cache) are the cache's business, not the
# operator's: they go to work/aot/host-aot.log instead of Lido's log. LIDO_JAVA_OPTS come after and may override.
host_aot_log_to() {
  host_aot_log_options=("-Xlog:aot*=off,cds*=off" "-Xlog:aot*=$2,cds*=$2:file=$1/host-aot.log::filecount=0")
}

host_aot_train() {
  local training=$1
  if ! { rm -rf "$training" && mkdir -p "$training" && printf '%s\n' "$$" >"$training/pid"; }; then
    host_aot_say "starting without a JDK AOT cache: cannot prepare $training"
    return 0
  fi
  # The JVM prints a warning per class it cannot cache when it writes the cache: expected, and not Lido's news.
  # What it prints as it exits (the child JVM that assembles the cache) Lido sends to host-aot-exit.log
  # (HostAotCache).
  host_aot_log_to "$(dirname "$training")" error
  aot_options=("-XX:AOTCacheOutput=$training/cache.aot" "-Dlido.aotCache=train:$training/cache.aot"
    "${host_aot_log_options[@]}")
}

# Called as "host_aot_cache ARGS || ..." by bin/lido, so that no failing step here stops the launcher.
host_aot_cache() {
  local arg key folder cache training
  for arg in "$@"; do
    case "$arg" in
      -h | --help | -V | --version) return 0 ;; # a short-lived run: a cache would hold nothing of a server
    esac
  done
  host_aot_options_own_one && return 0
  if ! key=$(host_aot_key) || [[ ${#key} -ne 24 ]]; then
    host_aot_say "starting without a JDK AOT cache: cannot read the JDK or the jars in $lido_home/lib"
    return 0
  fi
  folder="$lido_home/work/aot"
  cache="$folder/host-$key.aot"
  training="$folder/host-$key.training"
  if ! mkdir -p "$folder" || [[ ! -w "$folder" ]]; then
    host_aot_say "starting without a JDK AOT cache: cannot write to $folder"
    return 0
  fi
  if [[ -d "$training" ]] && host_aot_training_elsewhere "$training"; then
    host_aot_say "starting without a JDK AOT cache: another Lido (pid $(cat "$training/pid")) is training $cache"
    return 0
  fi
  if [[ -f "$cache" ]]; then
    if host_aot_proven "$cache"; then
      rm -rf "$training"
      host_aot_use "$cache"
      return 0
    fi
    # Not seen mapped yet (a copy, a file put there by hand): checked once, and deleted if no JVM maps it.
    if host_aot_maps "$cache"; then
      host_aot_size "$cache" >"$cache.ok"
      rm -rf "$training"
      host_aot_use "$cache"
      return 0
    fi
    rm -f "$cache" "$cache.ok"
    host_aot_say "deleted JDK AOT cache $cache: a JVM cannot start from it ($host_aot_problem); this run trains" \
      "it again"
  elif [[ -d "$training" ]] && host_aot_promote "$training" "$cache"; then
    host_aot_use "$cache"
    return 0
  fi
  host_aot_train "$training"
}
