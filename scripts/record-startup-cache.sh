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

record() { # java feature
  lwqueue_cache "$target" "$2"
  rm -f "$cache_file"
  if [ "$2" -ge 25 ]; then
    record_opts="-XX:AOTCacheOutput=$cache_file -Xlog:aot=off -Xlog:cds=off"
  else
    record_opts="-XX:ArchiveClassesAtExit=$cache_file -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  lwqueue_jdk_opts "$2"
  record_opts="$record_opts $jdk_opts"
  echo "lwqueue: recording the start-up cache for Java $2: $cache_file" >&2
  # The launcher's options (C1 only included), so the cache fits the runs that use it.
  # shellcheck disable=SC2086
  "$1" $record_opts -XX:TieredStopAtLevel=1 $LWQUEUE_BASE_JAVA_OPTS -cp "$jar" dev.lwqueue.cli.CdsTraining
}

lwqueue_jdk_feature "$build_home" || jdk_feature=17
build_feature=$jdk_feature
record "$build_home/bin/java" "$build_feature"
lwqueue_find_jdk
if [ "$jdk_feature" -ge 17 ] && [ "$jdk_feature" != "$build_feature" ]; then
  record "$jdk_java" "$jdk_feature"
fi
