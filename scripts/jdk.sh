# Sourced by ./lwqueue and scripts/record-startup-cache.sh: which JDK runs lwqueue, with what options.
# POSIX sh, and no process started: the launcher's own time counts in a one-shot command's.

# The JVM options every run starts from (README, "Performance", the launcher's JVM options).
LWQUEUE_BASE_JAVA_OPTS="-XX:+UseSerialGC -Xss512k -Xms8m"

# From JDK 24 the JVM warns on stderr, into the chat's terminal, when a library uses
# sun.misc.Unsafe's memory access (protobuf did, for the Pub/Sub backend before its REST driver) or
# loads native code (DuckDB's driver, for the archive): both allowed, quietly, as on JDK 17.
# lwqueue_jdk_opts FEATURE: sets jdk_opts to the options that JDK version needs.
lwqueue_jdk_opts() {
  if [ "$1" -ge 24 ]; then
    jdk_opts="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  else
    jdk_opts=
  fi
}

# lwqueue_jdk_feature HOME: sets jdk_feature to HOME's Java feature version (17, 25, ...) and
# jdk_update to its update (15 of 17.0.15; 0 when the release names none) from its release file,
# or returns 1 when HOME holds no usable JDK.
lwqueue_jdk_feature() {
  jdk_feature= jdk_update=0
  [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*)
        line=${line#JAVA_VERSION=}
        line=${line#\"}
        jdk_feature=${line%%[!0-9]*}
        line=${line#"$jdk_feature"}
        case $line in
          .[0-9]*.[0-9]*)
            line=${line#.*.}
            jdk_update=${line%%[!0-9]*}
            ;;
        esac
        break
        ;;
    esac
  done < "$1/release"
  [ -n "$jdk_feature" ]
}

# lwqueue_trim_opts FEATURE UPDATE: sets trim_opts to the options that hand freed C heap back to
# the system every 5 s, for the commands that wait (the launcher), when that JDK has them: 17.0.9,
# 21.0.1 and 22 on (experimental before 17.0.12 and 23, hence the unlock, harmless after). The
# JIT's arenas of start-up stay with glibc's malloc otherwise: 4 to 7 MB of an idle subscriber.
lwqueue_trim_opts() {
  trim_opts=
  if [ "$1" -ge 22 ] || { [ "$1" = 21 ] && [ "$2" -ge 1 ]; } || { [ "$1" = 17 ] && [ "$2" -ge 9 ]; }; then
    trim_opts="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"
  fi
}

# lwqueue_find_jdk: sets jdk_java (a java executable), jdk_feature (its version; 0 if unknown) and
# jdk_update.
# The newest JDK 17 or later among $JAVA_HOME, then the usual places ($LWQUEUE_JDK_SEARCH replaces
# them); on a tie the first found wins, so $JAVA_HOME beats an equal JDK elsewhere. Without any,
# the java on the PATH. LWQUEUE_JAVA names the java executable outright.
lwqueue_find_jdk() {
  if [ -n "${LWQUEUE_JAVA:-}" ]; then
    jdk_java=$LWQUEUE_JAVA
    if lwqueue_jdk_feature "$(dirname -- "$(dirname -- "$jdk_java")")"; then :; else jdk_feature=0 jdk_update=0; fi
    return 0
  fi
  best_java= best_feature=0 best_update=0
  # shellcheck disable=SC2086 # the search list is split and its globs expanded on purpose
  for home in ${JAVA_HOME:+"$JAVA_HOME"} \
      ${LWQUEUE_JDK_SEARCH-/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* /opt/java/* /usr/local/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home}; do
    if lwqueue_jdk_feature "$home" && [ "$jdk_feature" -ge 17 ] && [ "$jdk_feature" -gt "$best_feature" ]; then
      best_java=$home/bin/java best_feature=$jdk_feature best_update=$jdk_update
    fi
  done
  if [ -n "$best_java" ]; then
    jdk_java=$best_java jdk_feature=$best_feature jdk_update=$best_update
  else
    jdk_java=java jdk_feature=0 jdk_update=0
  fi
}

# lwqueue_cache TARGET FEATURE [VARIANT]: sets cache_file to the start-up cache the build records
# for that JDK version in TARGET, and cache_opts to the options that use it: from JDK 25 an AOT
# cache (JEP 483, 514, 515: classes loaded and linked ahead of time), before it an AppCDS archive.
# Each JDK gets a cache for RabbitMQ and one that holds the Pub/Sub client's 5,000 classes instead
# (VARIANT pubsub); JDK 25 also a lean one with only what one-shot commands load (VARIANT
# oneshot), since an AOT cache loads all of its classes at every start. Every kind becomes
# resident whole, however few of its classes a run uses: the JVM relocates the mapping at start
# (ASLR), which writes to nearly every page. On JDK 17 one archive for both backends made an idle
# RabbitMQ subscriber 78 MB resident, one of its own 57 MB. The JVM checks a cache against its jar
# and its own build and runs without one that does not match; its logging is off so that such a
# run stays quiet.
lwqueue_cache() {
  if [ "$2" -ge 25 ]; then
    cache_file=$1/lwqueue-java$2${3:+-$3}.aot
    cache_opts="-XX:AOTCache=$cache_file -Xlog:aot=off -Xlog:cds=off"
  else
    cache_file=$1/lwqueue-java$2${3:+-$3}.jsa
    cache_opts="-XX:SharedArchiveFile=$cache_file -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}
