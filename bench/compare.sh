#!/usr/bin/env bash
# lwqueue against the references, in one sitting, on the local RabbitMQ: RabbitMQ PerfTest
# (com.rabbitmq:perf-test from Maven Central), a pika pair written the way the RabbitMQ tutorial
# and the original exercise write it, and amqp-publish (Debian's amqp-tools). Prints one markdown
# table: each lwqueue figure, the reference figure, the ratio and the issue's target.
#
#   bench/compare.sh                 # or: make compare
#   BENCH_QUICK=1 bench/compare.sh   # shorter runs, for trying the script out
#
# Needs: java 17, mvn, /usr/bin/python3 with pika (python3-pika), amqp-publish (amqp-tools),
# curl, GNU time, and a RabbitMQ with the management plugin on 127.0.0.1; for the Pub/Sub rows the
# emulator of Debian's google-cloud-cli-pubsub-emulator (or BENCH_PUBSUB_EMULATOR_JAR). Everything runs on
# exchanges of its own (bench-*), never on the chat's. Figures are steady-state rates: each side's
# start-up and first seconds are left out the same way (see the README's "Performance" section).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

url=${BENCH_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}
api=${BENCH_MANAGEMENT_API:-http://127.0.0.1:15672/api}
api_auth=${BENCH_MANAGEMENT_AUTH:-guest:guest}
if [ -n "${BENCH_QUICK:-}" ]; then
  seconds=${BENCH_SECONDS:-6} messages=${BENCH_MESSAGES:-60000}
  latency_seconds=${BENCH_LATENCY_SECONDS:-10} runs=${BENCH_RUNS:-10} rounds=${BENCH_ROUNDS:-1}
  scale_seconds=${BENCH_SCALE_SECONDS:-5} tui_seconds=${BENCH_TUI_SECONDS:-10}
else
  seconds=${BENCH_SECONDS:-10} messages=${BENCH_MESSAGES:-200000}
  latency_seconds=${BENCH_LATENCY_SECONDS:-20} runs=${BENCH_RUNS:-30} rounds=${BENCH_ROUNDS:-3}
  scale_seconds=${BENCH_SCALE_SECONDS:-15} tui_seconds=${BENCH_TUI_SECONDS:-30}
fi
# Other work on a shared 2-core machine makes single runs swing by tens of percent: sections 1-4
# run $rounds times, each lwqueue figure right after its reference, and the table shows medians.
python=/usr/bin/python3 # Debian's, which sees python3-pika (a pyenv python3 may not)
body=$root/bench/chat-message.json
work=$root/bench/target/compare
perftest_lib=$root/bench/target/perftest
mkdir -p "$work"
export LWQUEUE_LOG_FILE=$work/lwqueue.log

say() { echo "compare: $*" >&2; }
# A pause before each measurement, so the broker has finished with the previous one (deleting
# queues, collecting garbage) and no side pays for what the other left behind.
settle() { sleep "${BENCH_SETTLE:-3}"; }
die() { say "$*"; exit 1; }

for tool in java mvn curl; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v amqp-publish >/dev/null || missing+=(amqp-tools)
$python -c 'import pika' 2>/dev/null || missing+=(python3-pika)
[ ${#missing[@]} -eq 0 ] || die "missing Debian packages: apt-get install -y ${missing[*]}"
curl -sf -u "$api_auth" "$api/overview" -o "$work/overview.json" \
  || die "no RabbitMQ management API at $api (rabbitmq-plugins enable rabbitmq_management)"

# --- tools -----------------------------------------------------------------------------------
if [ ! -f "$root/lwqueue-cli/target/lwqueue.jar" ] || ! ls "$root"/lwqueue-cli/target/lwqueue-java*.* >/dev/null 2>&1; then
  say "building lwqueue"
  mvn -q -B install -DskipTests >&2
fi
if ! ls "$perftest_lib"/perf-test-*.jar >/dev/null 2>&1; then
  say "fetching PerfTest from Maven Central into $perftest_lib"
  mvn -q -B -f bench/perftest/pom.xml dependency:copy-dependencies -DoutputDirectory="$perftest_lib" >&2
fi
perftest_command=(java -cp "$perftest_lib/*" com.rabbitmq.perf.PerfTest -h "$url")
perftest() { "${perftest_command[@]}" "$@"; }


# Mean of PerfTest's per-second "<field>: N msg/s" samples after its first 2 s (its warm-up).
perftest_rate() { # field log
  awk -v field="$1" '
    /, time [0-9.]+ s,/ {
      t = $0; sub(/.*, time /, "", t); sub(/ s,.*/, "", t)
      v = $0; sub(".*" field ": ", "", v); sub(/ msg\/s.*/, "", v)
      if (t + 0 > 2.5) { sum += v; n++ }
    }
    END { if (n == 0) print 0; else printf "%.0f\n", sum / n }' "$2"
}

# p50 and p99 in ms of PerfTest's closing "consumer latency min/median/75th/95th/99th" line.
perftest_latency() { # log
  grep 'consumer latency min/median/75th/95th/99th' "$1" | tail -1 \
    | sed 's/.*99th //; s/ µs//' | awk -F/ '{ printf "%.3f %.3f\n", $2 / 1000, $5 / 1000 }'
}

median() { # figures...; prints the median with as many decimals as $decimals (default 0)
  printf '%s\n' "$@" | sort -g | awk -v d="${decimals:-0}" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%." d "f\n", m }'
}

json() { $python -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

delete_exchange() { curl -s -u "$api_auth" -X DELETE "$api/exchanges/%2F/$1" -o /dev/null || true; }

wait_for_line() { # file text
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  die "'$2' never appeared in $1"
}

# The JDK the launcher picks (scripts/jdk.sh), the hello-world reference compiled for it, and a
# JDK 17 for the rows of a machine that has only that.
. "$root/scripts/jdk.sh"
lwqueue_find_jdk
launcher_java=$jdk_java launcher_feature=$jdk_feature
hello_dir=$root/bench/target/hello
if [ ! -f "$hello_dir/Hello.class" ] || [ bench/Hello.java -nt "$hello_dir/Hello.class" ]; then
  mkdir -p "$hello_dir"
  javac=$(dirname "$(command -v "$launcher_java")")/javac
  "$javac" --release 17 -d "$hello_dir" bench/Hello.java
fi
java17=
for candidate in ${BENCH_JAVA17:-} /usr/lib/jvm/*17*/bin/java; do
  if [ -x "$candidate" ] && lwqueue_jdk_feature "$(dirname "$(dirname "$candidate")")" && [ "$jdk_feature" = 17 ]; then
    java17=$candidate
    break
  fi
done
[ "$launcher_feature" = 17 ] && java17=

# The Pub/Sub emulator, on a port of its own, for the Pub/Sub rows (skipped without it).
emulator_jar=${BENCH_PUBSUB_EMULATOR_JAR:-$(dpkg -L google-cloud-cli-pubsub-emulator 2>/dev/null | grep 'cloud-pubsub-emulator.*-all\.jar$' | head -n 1 || true)}
emulator_pid= emulator=
broker_watch_pid=
cleanup() {
  [ -z "$emulator_pid" ] || kill "$emulator_pid" 2>/dev/null || true
  [ -z "$broker_watch_pid" ] || kill "$broker_watch_pid" 2>/dev/null || true
}
trap cleanup EXIT
if [ -n "$emulator_jar" ] && [ -f "$emulator_jar" ]; then
  emulator_port=$($python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$emulator_jar" --host=127.0.0.1 --port="$emulator_port" \
    > "$work/emulator.log" 2>&1 &
  emulator_pid=$!
  wait_for_line "$work/emulator.log" 'Server started'
  emulator=127.0.0.1:$emulator_port
else
  say "no Pub/Sub emulator (apt-get install google-cloud-cli-pubsub-emulator): the Pub/Sub rows stay empty"
fi
pubsub="--backend pubsub --emulator-host $emulator"

# The broker's own figures from the management API: its memory (mem_used, sampled every second,
# the highest kept) and the CPU time of its process (os_pid) over a run, when it runs here.
broker_pid=$(curl -s -u "$api_auth" "$api/nodes" \
  | $python -c 'import json,sys; print(json.load(sys.stdin)[0]["os_pid"])' 2>/dev/null || true)
broker_cpu() { # CPU seconds the broker process used so far
  if [ -n "$broker_pid" ] && [ -r "/proc/$broker_pid/stat" ]; then
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$broker_pid/stat"
  else
    echo 0
  fi
}
broker_watch_start() { # file: samples mem_used every second into file until broker_watch_stop
  broker_cpu_before=$(broker_cpu)
  (while :; do
    curl -s -u "$api_auth" "$api/nodes" | $python -c 'import json,sys; print(json.load(sys.stdin)[0]["mem_used"])' 2>/dev/null
    sleep 1
  done) > "$1" &
  broker_watch_pid=$!
}
broker_watch_stop() { # file; sets broker_mem_mb (highest sample) and broker_cpu_s (CPU over the run)
  kill "$broker_watch_pid" 2>/dev/null || true
  wait "$broker_watch_pid" 2>/dev/null || true
  broker_mem_mb=$(awk 'NF { if ($1 > m) m = $1 } END { printf "%.0f\n", m / 1048576 }' "$1")
  broker_cpu_s=$(awk -v a="$broker_cpu_before" -v b="$(broker_cpu)" 'BEGIN { printf "%.1f\n", b - a }')
}
# client_run LABEL COMMAND...: runs under GNU time; sets client_cpu_s and client_rss_mb.
client_run() {
  local label=$1
  shift
  /usr/bin/time -f '%U %S %M' -o "$work/$label.time" "$@"
  read -r u s m < "$work/$label.time"
  client_cpu_s=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f\n", u + s }')
  client_rss_mb=$(awk -v m="$m" 'BEGIN { printf "%.0f\n", m / 1024 }')
}

lines_file=$work/lines.txt
$python - "$messages" "$lines_file" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write(f"line {i:07d} from the send-message --stdin benchmark, an ordinary chat line\n")
EOF

rm -f "$work/rounds.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

declare -a PT_RECEIVED LW_RECEIVED PIKA_RECEIVED PIKA_SENT PT_CONFIRM LW_STDIN PT_SHAPE_SENT PT_SHAPE_RECEIVED \
  LW_BENCH_SENT LW_BENCH_RECEIVED PT_P50 PT_P99 LW_P50 LW_P99 LW_LOST \
  PT_CLASS_P99 LW_CLASS_P99 PT_CLASS_P50 LW_CLASS_P50 LW_CLASS_LOST PT_CLASS_BMEM LW_CLASS_BMEM PT_CLASS_BCPU LW_CLASS_BCPU \
  PT_CLASS_CPU LW_CLASS_CPU PT_CLASS_RSS LW_CLASS_RSS
for round in $(seq 1 "$rounds"); do
say "round $round of $rounds"

# --- 1. receiving: 1 -> 1 fanout, publisher flat out -------------------------------------------
say "1/6 PerfTest 1 -> 1 fanout, ${seconds} s"
settle
perftest -t fanout -e bench-pt-fanout -x 1 -y 1 -z "$seconds" -B "$body" > "$work/perftest-fanout.log" 2>&1
pt_received=$(perftest_rate received "$work/perftest-fanout.log")

say "1/6 lwqueue subscribe --mode print into a file, $messages messages from a PerfTest publisher"
out=$work/subscribe.out
rm -f "$out"
settle
./lwqueue subscribe --url "$url" --mode print --exchange bench-subscribe --max-messages "$messages" > "$out" 2> "$work/subscribe.err" &
sub_pid=$!
wait_for_line "$out" 'Waiting for messages'
bench/linerate.py "$out" "$messages" 0.2 300 > "$work/subscribe.rate" &
rate_pid=$!
perftest -p -t fanout -e bench-subscribe -x 1 -y 0 -C "$messages" -B "$body" > "$work/perftest-producer.log" 2>&1
wait "$rate_pid" || true
wait "$sub_pid" || die "lwqueue subscribe failed: $(cat "$work/subscribe.err")"
lw_received=$(cut -d' ' -f1 "$work/subscribe.rate")

say "1/6 pika pair (tutorial style), $messages messages"
out=$work/pika-receive.out
rm -f "$out"
settle
env -u PYTHONUNBUFFERED $python bench/pika_receive.py "$url" bench-pika > "$out" 2> "$work/pika-receive.err" &
pika_pid=$!
wait_for_line "$out" 'Waiting for messages'
# Python block-buffers a redirected stdout: the last few lines wait for the exit, so the rate is
# taken up to 1000 lines short of the end.
bench/linerate.py "$out" $((messages - 1000)) 0.2 300 > "$work/pika-receive.rate" &
rate_pid=$!
env -u PYTHONUNBUFFERED $python bench/pika_send.py "$url" bench-pika "$messages" "$body" > "$work/pika-send.rate"
wait "$rate_pid" || true
kill "$pika_pid" 2>/dev/null || true
wait "$pika_pid" 2>/dev/null || true
pika_received=$(cut -d' ' -f1 "$work/pika-receive.rate")
pika_sent=$(cut -d' ' -f1 "$work/pika-send.rate")

# --- 2. sending with confirms -----------------------------------------------------------------
say "2/6 PerfTest producer with confirms (1000 in flight) -> 1 consumer, ${seconds} s"
settle
perftest -t fanout -e bench-pt-confirm -x 1 -y 1 -c 1000 -z "$seconds" -B "$body" > "$work/perftest-confirm.log" 2>&1
pt_confirm_sent=$(perftest_rate sent "$work/perftest-confirm.log")

say "2/6 lwqueue send-message --stdin, $messages lines -> a PerfTest consumer"
./lwqueue send-message --url "$url" --exchange bench-stdin --username bench --message declare > /dev/null 2>&1
curl -sf -u "$api_auth" -X PUT -H 'content-type: application/json' -d '{"auto_delete":true,"durable":false}' \
  "$api/queues/%2F/bench-stdin-queue" -o /dev/null
curl -sf -u "$api_auth" -X POST -H 'content-type: application/json' -d '{}' \
  "$api/bindings/%2F/e/bench-stdin/q/bench-stdin-queue" -o /dev/null
perftest -p -u bench-stdin-queue -x 0 -y 1 -z $((seconds * 4)) > "$work/perftest-consumer.log" 2>&1 &
consumer_pid=$!
sleep 3
./lwqueue send-message --url "$url" --stdin --exchange bench-stdin --username bench < "$lines_file" 2> "$work/stdin.err" \
  || die "send-message --stdin failed: $(cat "$work/stdin.err")"
kill "$consumer_pid" 2>/dev/null || true
wait "$consumer_pid" 2>/dev/null || true
lw_stdin=$(sed -n 's/.*(\([0-9]*\) msg\/s).*/\1/p' "$work/stdin.err" | head -1)

# --- 3. lwqueue bench against PerfTest, same shapes --------------------------------------------
say "3/6 PerfTest 1 -> 1, 128 bytes, confirms (1000 in flight), ${seconds} s"
settle
perftest -t fanout -e bench-pt-shape -x 1 -y 1 -c 1000 -s 128 -z "$seconds" > "$work/perftest-shape.log" 2>&1
pt_shape_sent=$(perftest_rate sent "$work/perftest-shape.log")
pt_shape_received=$(perftest_rate received "$work/perftest-shape.log")

say "3/6 lwqueue bench 1 -> 1, 128 bytes, $messages messages"
settle
./lwqueue bench --url "$url" --messages "$messages" --size 128 --warmup 2 --json > "$work/bench-shape.json" 2> "$work/bench-shape.err"
lw_bench_sent=$(json "$work/bench-shape.json" 'round(d["totals"]["sent_per_second"])')
lw_bench_received=$(json "$work/bench-shape.json" 'round(d["totals"]["received_per_second"])')

# --- 4. latency at a chat-like rate, 1 -> 10 ---------------------------------------------------
perftest_latency_run() {
  say "4/6 PerfTest 1 -> 10 at 100 msg/s, ${latency_seconds} s"
  settle
  perftest -t fanout -e bench-pt-latency -x 1 -y 10 -r 100 -s 128 -z "$latency_seconds" > "$work/perftest-latency.log" 2>&1
  read -r pt_p50 pt_p99 < <(perftest_latency "$work/perftest-latency.log")
}
lwqueue_latency_run() {
  say "4/6 lwqueue bench 1 -> 10 at 100 msg/s, ${latency_seconds} s (no warm-up left out, like PerfTest)"
  settle
  ./lwqueue bench --url "$url" --subscribers 10 --rate 100 --duration "$latency_seconds" --messages 1000000 --size 128 \
    --warmup 0 --json > "$work/bench-latency.json" 2> "$work/bench-latency.err"
  lw_p50=$(json "$work/bench-latency.json" 'd["totals"]["latency_ms"]["p50"]')
  lw_p99=$(json "$work/bench-latency.json" 'd["totals"]["latency_ms"]["p99"]')
  lw_lost=$(json "$work/bench-latency.json" 'd["totals"]["lost"] + d["totals"]["duplicated"]')
}
# Latency is what a busy neighbour disturbs most: the two sides take turns going first.
if [ $((round % 2)) -eq 1 ]; then perftest_latency_run; lwqueue_latency_run; else lwqueue_latency_run; perftest_latency_run; fi

# --- 4b. a large class: 1 -> 100 at 10 msg/s, broker memory and CPU beside each ------------------
perftest_class_run() {
  say "4b/9 PerfTest 1 -> 100 at 10 msg/s, ${latency_seconds} s"
  settle
  broker_watch_start "$work/broker-perftest-class.mem"
  client_run perftest-class "${perftest_command[@]}" -t fanout -e bench-pt-class -x 1 -y 100 -r 10 -s 128 -z "$latency_seconds" \
    > "$work/perftest-class.log" 2>&1
  broker_watch_stop "$work/broker-perftest-class.mem"
  read -r pt_class_p50 pt_class_p99 < <(perftest_latency "$work/perftest-class.log")
  pt_class_bmem=$broker_mem_mb pt_class_bcpu=$broker_cpu_s pt_class_cpu=$client_cpu_s pt_class_rss=$client_rss_mb
}
lwqueue_class_run() {
  say "4b/9 lwqueue bench 1 -> 100 at 10 msg/s, ${latency_seconds} s"
  settle
  broker_watch_start "$work/broker-lwqueue-class.mem"
  client_run lwqueue-class ./lwqueue bench --url "$url" --subscribers 100 --rate 10 --duration "$latency_seconds" \
    --messages 1000000 --size 128 --warmup 0 --json > "$work/bench-class.json" 2> "$work/bench-class.err"
  broker_watch_stop "$work/broker-lwqueue-class.mem"
  lw_class_p50=$(json "$work/bench-class.json" 'd["totals"]["latency_ms"]["p50"]')
  lw_class_p99=$(json "$work/bench-class.json" 'd["totals"]["latency_ms"]["p99"]')
  lw_class_lost=$(json "$work/bench-class.json" 'd["totals"]["lost"] + d["totals"]["duplicated"]')
  lw_class_bmem=$broker_mem_mb lw_class_bcpu=$broker_cpu_s lw_class_cpu=$client_cpu_s lw_class_rss=$client_rss_mb
}
if [ $((round % 2)) -eq 1 ]; then lwqueue_class_run; perftest_class_run; else perftest_class_run; lwqueue_class_run; fi
PT_CLASS_P99+=("$pt_class_p99") LW_CLASS_P99+=("$lw_class_p99") PT_CLASS_P50+=("$pt_class_p50") LW_CLASS_P50+=("$lw_class_p50")
LW_CLASS_LOST+=("$lw_class_lost") PT_CLASS_BMEM+=("$pt_class_bmem") LW_CLASS_BMEM+=("$lw_class_bmem")
PT_CLASS_BCPU+=("$pt_class_bcpu") LW_CLASS_BCPU+=("$lw_class_bcpu") PT_CLASS_CPU+=("$pt_class_cpu") LW_CLASS_CPU+=("$lw_class_cpu")
PT_CLASS_RSS+=("$pt_class_rss") LW_CLASS_RSS+=("$lw_class_rss")

PT_RECEIVED+=("$pt_received") LW_RECEIVED+=("$lw_received") PIKA_RECEIVED+=("$pika_received")
PIKA_SENT+=("$pika_sent") PT_CONFIRM+=("$pt_confirm_sent") LW_STDIN+=("$lw_stdin")
PT_SHAPE_SENT+=("$pt_shape_sent") PT_SHAPE_RECEIVED+=("$pt_shape_received")
LW_BENCH_SENT+=("$lw_bench_sent") LW_BENCH_RECEIVED+=("$lw_bench_received")
PT_P50+=("$pt_p50") PT_P99+=("$pt_p99") LW_P50+=("$lw_p50") LW_P99+=("$lw_p99") LW_LOST+=("$lw_lost")
echo "round $round: subscribe $lw_received vs $pt_received msg/s, p99 $lw_p99 vs $pt_p99 ms," \
  "stdin $lw_stdin vs $pt_confirm_sent msg/s, bench $lw_bench_sent vs $pt_shape_sent msg/s," \
  "1->100 p99 $lw_class_p99 vs $pt_class_p99 ms" | tee -a "$work/rounds.txt" >&2
done

pt_received=$(median "${PT_RECEIVED[@]}") lw_received=$(median "${LW_RECEIVED[@]}")
pika_received=$(median "${PIKA_RECEIVED[@]}") pika_sent=$(median "${PIKA_SENT[@]}")
pt_confirm_sent=$(median "${PT_CONFIRM[@]}") lw_stdin=$(median "${LW_STDIN[@]}")
pt_shape_sent=$(median "${PT_SHAPE_SENT[@]}") pt_shape_received=$(median "${PT_SHAPE_RECEIVED[@]}")
lw_bench_sent=$(median "${LW_BENCH_SENT[@]}") lw_bench_received=$(median "${LW_BENCH_RECEIVED[@]}")
pt_p50=$(decimals=3 median "${PT_P50[@]}") pt_p99=$(decimals=3 median "${PT_P99[@]}")
lw_p50=$(decimals=3 median "${LW_P50[@]}") lw_p99=$(decimals=3 median "${LW_P99[@]}")
lw_lost=$(printf '%s\n' "${LW_LOST[@]}" | awk '{ s += $1 } END { print s }')
pt_class_p99=$(decimals=3 median "${PT_CLASS_P99[@]}") lw_class_p99=$(decimals=3 median "${LW_CLASS_P99[@]}")
pt_class_p50=$(decimals=3 median "${PT_CLASS_P50[@]}") lw_class_p50=$(decimals=3 median "${LW_CLASS_P50[@]}")
lw_class_lost=$(printf '%s\n' "${LW_CLASS_LOST[@]}" | awk '{ s += $1 } END { print s }')
pt_class_bmem=$(median "${PT_CLASS_BMEM[@]}") lw_class_bmem=$(median "${LW_CLASS_BMEM[@]}")
pt_class_bcpu=$(decimals=1 median "${PT_CLASS_BCPU[@]}") lw_class_bcpu=$(decimals=1 median "${LW_CLASS_BCPU[@]}")
pt_class_cpu=$(decimals=1 median "${PT_CLASS_CPU[@]}") lw_class_cpu=$(decimals=1 median "${LW_CLASS_CPU[@]}")
pt_class_rss=$(median "${PT_CLASS_RSS[@]}") lw_class_rss=$(median "${LW_CLASS_RSS[@]}")

# --- 5. one-shot commands, side by side (bench/interleave.py: each command once per round) -------
say "5/9 one-shot commands, $runs rounds"
./lwqueue send-message --url "$url" --exchange bench-oneshot --username bench --message declare > /dev/null 2>&1
send="$root/lwqueue send-message --url $url --exchange bench-oneshot --username bench --message hi"
oneshot=("$send"
  "env -u PYTHONUNBUFFERED $python $root/bench/pika_send_once.py $url bench-oneshot"
  "amqp-publish --url=$url -e bench-oneshot -b '{\"username\":\"bench\",\"message\":\"hi\"}'"
  "$root/lwqueue --version"
  "$launcher_java -cp $hello_dir Hello"
  "$root/lwqueue send-message --help")
if [ -n "$java17" ]; then
  oneshot+=("env LWQUEUE_JAVA=$java17 $send" "env LWQUEUE_JAVA=$java17 $root/lwqueue --version" "$java17 -cp $hello_dir Hello")
fi
if [ -n "$emulator" ]; then
  ./lwqueue send-message $pubsub --topic bench-oneshot --username bench --message declare > /dev/null 2>&1
  oneshot+=("$root/lwqueue send-message $pubsub --topic bench-oneshot --username bench --message hi")
fi
bench/interleave.py --runs "$runs" --warmup 3 "${oneshot[@]}" > "$work/oneshot.json"
oneshot_ms() { json "$work/oneshot.json" "d[$1][\"$2\"]"; } # index wall_ms|cpu_ms
lw_oneshot=$(oneshot_ms 0 wall_ms) lw_oneshot_cpu=$(oneshot_ms 0 cpu_ms)
pika_oneshot=$(oneshot_ms 1 wall_ms) pika_oneshot_cpu=$(oneshot_ms 1 cpu_ms) amqp_oneshot=$(oneshot_ms 2 wall_ms)
lw_version=$(oneshot_ms 3 wall_ms) lw_version_cpu=$(oneshot_ms 3 cpu_ms)
hello=$(oneshot_ms 4 wall_ms) hello_cpu=$(oneshot_ms 4 cpu_ms)
lw_help=$(oneshot_ms 5 wall_ms)
next=6
lw17_oneshot= lw17_version= hello17= ps_oneshot=
if [ -n "$java17" ]; then
  lw17_oneshot=$(oneshot_ms 6 wall_ms) lw17_version=$(oneshot_ms 7 wall_ms) hello17=$(oneshot_ms 8 wall_ms)
  next=9
fi
[ -z "$emulator" ] || ps_oneshot=$(oneshot_ms $next wall_ms)

# --- 6. idle subscriber memory -----------------------------------------------------------------
idle_rss() { # label command...: VmRSS in MB of the command 10 s after its waiting line
  "${@:2}" > "$work/idle-$1.out" 2>&1 &
  local pid=$!
  wait_for_line "$work/idle-$1.out" 'Waiting for messages'
  sleep 10
  awk '/VmRSS/ { printf "%.1f\n", $2 / 1024 }' "/proc/$pid/status"
  kill "$pid" # SIGTERM: a background job of a script ignores SIGINT
  wait "$pid" 2>/dev/null || true
}
say "6/9 idle subscribers, resident memory"
lw_rss=$(idle_rss lwqueue ./lwqueue subscribe --url "$url" --exchange bench-idle)
pika_rss=$(idle_rss pika env -u PYTHONUNBUFFERED $python bench/pika_receive.py "$url" bench-idle)
ps_rss=
[ -z "$emulator" ] || ps_rss=$(idle_rss pubsub ./lwqueue subscribe $pubsub --topic bench-idle)

# --- 7. how lwqueue's cost grows with the class: 1, 10, 30, 100 subscribers at 10 msg/s -----------
say "7/9 lwqueue bench at 10 msg/s into 1, 10, 30 and 100 subscribers, ${scale_seconds} s each"
scale_rows=()
for n in 1 10 30 100; do
  settle
  broker_watch_start "$work/broker-scale-$n.mem"
  client_run "scale-$n" ./lwqueue bench --url "$url" --subscribers "$n" --rate 10 --duration "$scale_seconds" \
    --messages 1000000 --size 128 --warmup 0 --json > "$work/bench-scale-$n.json" 2> "$work/bench-scale-$n.err"
  broker_watch_stop "$work/broker-scale-$n.mem"
  read -r received p99 lost < <(json "$work/bench-scale-$n.json" \
    '"%s %s %d" % (d["totals"]["received_per_second"], d["totals"]["latency_ms"]["p99"], d["totals"]["lost"] + d["totals"]["duplicated"])')
  scale_rows+=("| $n | $received | $lost | $p99 | $client_cpu_s | $client_rss_mb | $broker_mem_mb | $broker_cpu_s |")
done

# --- 8. a class of 30 subscribe processes, one message sent by each of 20 lines -----------------
say "8/9 30 subscribe processes at once, then 20 messages"
class_dir=$work/class
rm -rf "$class_dir"
mkdir -p "$class_dir"
class_pids=()
for i in $(seq 1 30); do
  ./lwqueue subscribe --url "$url" --exchange bench-class --mode print > "$class_dir/sub-$i.out" 2> "$class_dir/sub-$i.err" &
  class_pids+=($!)
done
for i in $(seq 1 30); do
  for _ in $(seq 1 1200); do grep -q 'Waiting for messages' "$class_dir/sub-$i.out" 2>/dev/null && break; sleep 0.1; done
done
sleep 5
class_rss=$(for pid in "${class_pids[@]}"; do awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; done \
  | awk '{ s += $1 } END { printf "%.0f\n", s / 1024 }')
seq 1 20 | sed 's/^/class-line-/' | ./lwqueue send-message --url "$url" --exchange bench-class --username bench --stdin \
  2> "$class_dir/send.err" || die "send-message --stdin to the class failed: $(cat "$class_dir/send.err")"
class_all=0
for _ in $(seq 1 300); do
  class_all=0
  for i in $(seq 1 30); do
    [ "$(grep -c 'class-line-' "$class_dir/sub-$i.out")" -ge 20 ] && class_all=$((class_all + 1))
  done
  [ "$class_all" -eq 30 ] && break
  sleep 0.1
done
for pid in "${class_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${class_pids[@]}"; do wait "$pid" 2>/dev/null || true; done

for exchange in bench-pt-fanout bench-pt-confirm bench-pt-shape bench-pt-latency bench-pt-class bench-subscribe \
    bench-pika bench-stdin bench-oneshot bench-idle bench-class lwqueue-bench; do
  delete_exchange "$exchange"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ---------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
verdict() { # ratio op target
  awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN {
    if (r == "n/a") { print "?"; exit }
    ok = (op == ">=") ? (r + 0 >= t + 0) : (r + 0 <= t + 0)
    print ok ? "met" : "missed" }'
}
# --- 9. the rich view under a flood: subscribe --mode rich's view fed as the transport feeds it ------
# bench-tui decodes each body into a delivery, appends it to the view's log and lets the render loop
# draw a 100x30 virtual terminal; the reference is the README's earlier run of the same benchmark.
say "9/9 the rich view fed 20,000 msg/s for ${tui_seconds} s (bench-tui)"
settle
./lwqueue bench-tui --rate 20000 --seconds "$tui_seconds" > "$work/bench-tui.out" 2>&1 \
  || die "bench-tui failed: $(cat "$work/bench-tui.out")"
tui_fed=$(sed -n 's/.* asked, \([0-9,]*\)\/s achieved.*/\1/p' "$work/bench-tui.out" | tr -d ,)
tui_fps=$(sed -n 's/^redraws: [0-9,]* (\([0-9.]*\)\/s.*/\1/p' "$work/bench-tui.out")
tui_cpu=$(sed -n 's/^CPU: process [0-9.]* s (\([0-9]*\)% of one core).*/\1/p' "$work/bench-tui.out")
tui_ref_fps=29.8 tui_ref_cpu=36 # README, "The full-screen views under a flood", ./lwqueue bench-tui

row() { # what lwqueue reference-label reference ratio target
  echo "| $1 | $2 | $3: $4 | $5 | $6 |"
}

r_sub=$(ratio "$lw_received" "$pt_received")
r_lat=$(ratio "$lw_p99" "$pt_p99")
r_stdin=$(ratio "$lw_stdin" "$pt_confirm_sent")
r_one=$(ratio "$lw_oneshot" "$pika_oneshot")
r_version=$(ratio "$lw_version" "$hello")
r_class=$(ratio "$lw_class_p99" "$pt_class_p99")
r_ps_one=n/a r_ps_rss=n/a
[ -z "$ps_oneshot" ] || r_ps_one=$(ratio "$ps_oneshot" "$lw_oneshot")
[ -z "$ps_rss" ] || r_ps_rss=$(ratio "$ps_rss" 70)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
rabbit=$(json "$work/overview.json" 'd["rabbitmq_version"]')
javav=$("$launcher_java" -version 2>&1 | head -1)
jdks=$(for home in /usr/lib/jvm/*; do lwqueue_jdk_feature "$home" && [ ! -L "$home" ] && echo "$(basename "$home")"; done | paste -sd, - | sed 's/,/, /g')
{
  echo "Run $started on $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM,"
  echo "Linux $(uname -r), RabbitMQ $rabbit; JDKs: $jdks; the launcher's: $javav."
  echo "Load average $load_before before, $load_after after (the machine is shared: other builds ran meanwhile)."
  echo "Rates and latencies: medians of $rounds rounds; one-shot: medians of $runs interleaved runs (bench/interleave.py)."
  echo
  echo "| measure | lwqueue | reference | ratio | target |"
  echo "|---|---|---|---|---|"
  row "subscribe --mode print into a file, msg/s received" "$lw_received" "PerfTest 1→1 fanout consumer" "$pt_received" "$r_sub" "≥ 1.0: $(verdict "$r_sub" '>=' 1.0)"
  row "(same) against the pika tutorial consumer printing to a file" "$lw_received" "pika consumer" "$pika_received" "$(ratio "$lw_received" "$pika_received")" "—"
  row "bench 1→10 at 100 msg/s, latency p99, ms" "$lw_p99" "PerfTest 1→10 at 100 msg/s" "$pt_p99" "$r_lat" "≤ 1.0: $(verdict "$r_lat" '<=' 1.0)"
  row "(same) latency p50, ms" "$lw_p50" "PerfTest" "$pt_p50" "$(ratio "$lw_p50" "$pt_p50")" "—"
  row "bench 1→100 at 10 msg/s (a large class), latency p99, ms" "$lw_class_p99" "PerfTest -y 100 -r 10" "$pt_class_p99" "$r_class" "≤ 1.0: $(verdict "$r_class" '<=' 1.0)"
  row "(same) latency p50, ms" "$lw_class_p50" "PerfTest" "$pt_class_p50" "$(ratio "$lw_class_p50" "$pt_class_p50")" "—"
  row "(same) broker memory, highest mem_used, MB" "$lw_class_bmem" "PerfTest" "$pt_class_bmem" "$(ratio "$lw_class_bmem" "$pt_class_bmem")" "—"
  row "(same) broker CPU over the run, s" "$lw_class_bcpu" "PerfTest" "$pt_class_bcpu" "$(ratio "$lw_class_bcpu" "$pt_class_bcpu")" "—"
  row "(same) client CPU, s; client resident memory, MB" "$lw_class_cpu; $lw_class_rss" "PerfTest" "$pt_class_cpu; $pt_class_rss" "$(ratio "$lw_class_cpu" "$pt_class_cpu")" "—"
  row "send-message --stdin with confirms, msg/s" "$lw_stdin" "PerfTest producer, confirms, 1000 in flight" "$pt_confirm_sent" "$r_stdin" "≥ 0.8: $(verdict "$r_stdin" '>=' 0.8)"
  row "(same) against the pika tutorial publisher (no confirms)" "$lw_stdin" "pika publisher" "$pika_sent" "$(ratio "$lw_stdin" "$pika_sent")" "—"
  row "bench 1→1, 128 B, confirms, msg/s sent" "$lw_bench_sent" "PerfTest, same shape" "$pt_shape_sent" "$(ratio "$lw_bench_sent" "$pt_shape_sent")" "—"
  row "bench 1→1, 128 B, confirms, msg/s received" "$lw_bench_received" "PerfTest, same shape" "$pt_shape_received" "$(ratio "$lw_bench_received" "$pt_shape_received")" "—"
  row "one-shot ./lwqueue send-message, median ms" "$lw_oneshot" "pika one-shot" "$pika_oneshot" "$r_one" "≤ 2.0: $(verdict "$r_one" '<=' 2.0)"
  row "(same), CPU ms (user + system)" "$lw_oneshot_cpu" "pika one-shot" "$pika_oneshot_cpu" "$(ratio "$lw_oneshot_cpu" "$pika_oneshot_cpu")" "—"
  row "(same)" "$lw_oneshot" "amqp-publish (C)" "$amqp_oneshot" "$(ratio "$lw_oneshot" "$amqp_oneshot")" "—"
  row "./lwqueue --version, median ms" "$lw_version" "hello-world main, same JDK" "$hello" "$r_version" "≤ 3.0: $(verdict "$r_version" '<=' 3.0)"
  row "(same), CPU ms" "$lw_version_cpu" "hello-world main" "$hello_cpu" "$(ratio "$lw_version_cpu" "$hello_cpu")" "—"
  row "./lwqueue send-message --help, median ms" "$lw_help" "hello-world main, same JDK" "$hello" "$(ratio "$lw_help" "$hello")" "—"
  if [ -n "$java17" ]; then
    row "one-shot send-message on JDK 17 (LWQUEUE_JAVA), ms" "$lw17_oneshot" "pika one-shot" "$pika_oneshot" "$(ratio "$lw17_oneshot" "$pika_oneshot")" "—"
    row "--version on JDK 17, ms" "$lw17_version" "hello-world main on JDK 17" "$hello17" "$(ratio "$lw17_version" "$hello17")" "—"
  fi
  row "one-shot send-message --backend pubsub (emulator), ms" "${ps_oneshot:-—}" "one-shot send-message on RabbitMQ" "$lw_oneshot" "$r_ps_one" "≤ 3.0: $(verdict "$r_ps_one" '<=' 3.0)"
  row "idle subscribe, resident memory, MB" "$lw_rss" "target" "64" "$(ratio "$lw_rss" 64)" "≤ 1.0: $(verdict "$(ratio "$lw_rss" 64)" '<=' 1.0)"
  row "(same)" "$lw_rss" "idle pika consumer" "$pika_rss" "$(ratio "$lw_rss" "$pika_rss")" "—"
  row "idle subscribe --backend pubsub, resident memory, MB" "${ps_rss:-—}" "target" "70" "$r_ps_rss" "≤ 1.0: $(verdict "$r_ps_rss" '<=' 1.0)"
  row "subscribe --mode rich's view fed 20,000 msg/s (bench-tui), msg/s taken" "$tui_fed" "asked" "20000" "$(ratio "$tui_fed" 20000)" "≥ 0.95: $(verdict "$(ratio "$tui_fed" 20000)" '>=' 0.95)"
  row "(same) redraws/s" "$tui_fps" "the README's earlier run" "$tui_ref_fps" "$(ratio "$tui_fps" "$tui_ref_fps")" "≥ 0.9: $(verdict "$(ratio "$tui_fps" "$tui_ref_fps")" '>=' 0.9)"
  row "(same) CPU, % of one core" "$tui_cpu" "the README's earlier run" "$tui_ref_cpu" "$(ratio "$tui_cpu" "$tui_ref_cpu")" "—"
  row "30 subscribe processes at once: resident memory in all, MB" "$class_rss" "30 × the idle subscriber" "$(awk -v r="$lw_rss" 'BEGIN { printf "%.0f", 30 * r }')" "$(ratio "$class_rss" "$(awk -v r="$lw_rss" 'BEGIN { print 30 * r }')")" "—"
  echo
  echo "bench 1→10: $lw_lost lost or duplicated in all rounds; 1→100: $lw_class_lost. 30 subscribe processes:"
  echo "$class_all of 30 received all 20 messages. Per-round figures and logs: bench/target/compare/."
  echo
  echo "How lwqueue's cost grows with the class (bench, 1 publisher at 10 msg/s, ${scale_seconds} s, each subscriber a"
  echo "connection and a queue of its own; client = the one bench process; broker = the management API's mem_used and its process's CPU):"
  echo
  echo "| subscribers | received msg/s | lost or duplicated | p99 ms | client CPU s | client RSS MB | broker memory MB | broker CPU s |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${scale_rows[@]}"
} | tee "$work/table.md"
