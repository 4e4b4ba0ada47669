#!/usr/bin/env sh
# Records the start-up caches ./lwqueue uses, from a training run of the shaded jar (CdsTraining):
# one for the JDK running the build and one for the JDK the launcher picks, when they differ.
# Called by the build (lwqueue-cli's pom, phase package; -Dlwqueue.cds.skip skips it).
#   scripts/record-startup-cache.sh TARGET_DIR BUILD_JAVA_HOME
set -e
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
target=$1
build_home=$2
jar="$target/lwqueue.jar"
. "$here/scripts/jdk.sh"

# The Pub/Sub part of the training runs against an emulator when there is one: PUBSUB_EMULATOR_HOST,
# else Debian's google-cloud-cli-pubsub-emulator started here for the training; without either,
# against a closed port, which still covers the client's start-up.
emulator_pid=
start_emulator() {
  [ -z "${PUBSUB_EMULATOR_HOST:-}" ] || return 0
  emulator_jar=${LWQUEUE_PUBSUB_EMULATOR_JAR:-$(dpkg -L google-cloud-cli-pubsub-emulator 2>/dev/null | grep 'cloud-pubsub-emulator.*-all\.jar$' | head -n 1)}
  [ -n "$emulator_jar" ] && [ -f "$emulator_jar" ] || return 0
  port=$((20000 + $$ % 20000))
  log="$target/training-emulator.log"
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$emulator_jar" --host=127.0.0.1 --port="$port" > "$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 300); do
    if grep -q 'Server started' "$log" 2>/dev/null; then
      export PUBSUB_EMULATOR_HOST=127.0.0.1:$port
      return 0
    fi
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "lwqueue: the Pub/Sub emulator did not start for the training: the cache covers the client's start-up only" >&2
}
stop_emulator() { [ -z "$emulator_pid" ] || kill "$emulator_pid" 2>/dev/null || true; }
trap stop_emulator EXIT

record() { # java feature [backend]
  lwqueue_cache "$target" "$2" "${3:-}"
  rm -f "$cache_file"
  if [ "$2" -ge 25 ]; then
    record_opts="-XX:AOTCacheOutput=$cache_file -Xlog:aot=off -Xlog:cds=off"
  else
    record_opts="-XX:ArchiveClassesAtExit=$cache_file -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  lwqueue_jdk_opts "$2"
  record_opts="$record_opts $jdk_opts"
  case ${3:-} in
    oneshot) training_args=--oneshot ;;
    pubsub) training_args=--pubsub ;;
    *) training_args= ;;
  esac
  # JDK 25 also stores the training's method profiles (JEP 515), and the JIT then compiles each
  # method with a profile as soon as it runs: in a one-shot send on RabbitMQ C1 took more CPU
  # (151 ms) than the command's own thread, in Pub/Sub's 140 ms more than without them. Their gain,
  # a faster way to C2, is for long loops; the one-shot and Pub/Sub caches (the variants) are kept
  # without them.
  # A diagnostic option, hence the unlock, and ignored by a JDK that no longer knows it.
  if [ "$2" -ge 25 ] && [ -n "${3:-}" ]; then
    record_opts="$record_opts -XX:+UnlockDiagnosticVMOptions -XX:+IgnoreUnrecognizedVMOptions -XX:-AOTRecordTraining"
  fi
  echo "lwqueue: recording the start-up cache for Java $2: $cache_file" >&2
  # The launcher's options (C1 only included), so the cache fits the runs that use it.
  # shellcheck disable=SC2086
  # A cache that cannot be recorded costs start-up time, not the build.
  "$1" $record_opts -XX:TieredStopAtLevel=1 $LWQUEUE_BASE_JAVA_OPTS -cp "$jar" dev.lwqueue.cli.CdsTraining $training_args \
    || { rm -f "$cache_file"; echo "lwqueue: could not record $cache_file: ./lwqueue runs without it" >&2; }
}

record_all() { # java feature
  record "$1" "$2"
  record "$1" "$2" pubsub
  [ "$2" -lt 25 ] || record "$1" "$2" oneshot
}

start_emulator
lwqueue_jdk_feature "$build_home" || jdk_feature=17
build_feature=$jdk_feature
record_all "$build_home/bin/java" "$build_feature"
lwqueue_find_jdk
if [ "$jdk_feature" -ge 17 ] && [ "$jdk_feature" != "$build_feature" ]; then
  record_all "$jdk_java" "$jdk_feature"
fi
