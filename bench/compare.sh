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
# hyperfine, curl, and a RabbitMQ with the management plugin on 127.0.0.1. Everything runs on
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
else
  seconds=${BENCH_SECONDS:-10} messages=${BENCH_MESSAGES:-200000}
  latency_seconds=${BENCH_LATENCY_SECONDS:-20} runs=${BENCH_RUNS:-30} rounds=${BENCH_ROUNDS:-3}
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
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v amqp-publish >/dev/null || missing+=(amqp-tools)
$python -c 'import pika' 2>/dev/null || missing+=(python3-pika)
[ ${#missing[@]} -eq 0 ] || die "missing Debian packages: apt-get install -y ${missing[*]}"
curl -sf -u "$api_auth" "$api/overview" -o "$work/overview.json" \
  || die "no RabbitMQ management API at $api (rabbitmq-plugins enable rabbitmq_management)"

# --- tools -----------------------------------------------------------------------------------
if [ ! -f "$root/lwqueue-cli/target/lwqueue.jar" ] || [ ! -f "$root/lwqueue-cli/target/lwqueue.jsa" ]; then
  say "building lwqueue"
  mvn -q -B install -DskipTests >&2
fi
if ! ls "$perftest_lib"/perf-test-*.jar >/dev/null 2>&1; then
  say "fetching PerfTest from Maven Central into $perftest_lib"
  mvn -q -B -f bench/perftest/pom.xml dependency:copy-dependencies -DoutputDirectory="$perftest_lib" >&2
fi
perftest() { java -cp "$perftest_lib/*" com.rabbitmq.perf.PerfTest -h "$url" "$@"; }

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
  LW_BENCH_SENT LW_BENCH_RECEIVED PT_P50 PT_P99 LW_P50 LW_P99 LW_LOST
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

PT_RECEIVED+=("$pt_received") LW_RECEIVED+=("$lw_received") PIKA_RECEIVED+=("$pika_received")
PIKA_SENT+=("$pika_sent") PT_CONFIRM+=("$pt_confirm_sent") LW_STDIN+=("$lw_stdin")
PT_SHAPE_SENT+=("$pt_shape_sent") PT_SHAPE_RECEIVED+=("$pt_shape_received")
LW_BENCH_SENT+=("$lw_bench_sent") LW_BENCH_RECEIVED+=("$lw_bench_received")
PT_P50+=("$pt_p50") PT_P99+=("$pt_p99") LW_P50+=("$lw_p50") LW_P99+=("$lw_p99") LW_LOST+=("$lw_lost")
echo "round $round: subscribe $lw_received vs $pt_received msg/s, p99 $lw_p99 vs $pt_p99 ms," \
  "stdin $lw_stdin vs $pt_confirm_sent msg/s, bench $lw_bench_sent vs $pt_shape_sent msg/s" | tee -a "$work/rounds.txt" >&2
done

pt_received=$(median "${PT_RECEIVED[@]}") lw_received=$(median "${LW_RECEIVED[@]}")
pika_received=$(median "${PIKA_RECEIVED[@]}") pika_sent=$(median "${PIKA_SENT[@]}")
pt_confirm_sent=$(median "${PT_CONFIRM[@]}") lw_stdin=$(median "${LW_STDIN[@]}")
pt_shape_sent=$(median "${PT_SHAPE_SENT[@]}") pt_shape_received=$(median "${PT_SHAPE_RECEIVED[@]}")
lw_bench_sent=$(median "${LW_BENCH_SENT[@]}") lw_bench_received=$(median "${LW_BENCH_RECEIVED[@]}")
pt_p50=$(decimals=3 median "${PT_P50[@]}") pt_p99=$(decimals=3 median "${PT_P99[@]}")
lw_p50=$(decimals=3 median "${LW_P50[@]}") lw_p99=$(decimals=3 median "${LW_P99[@]}")
lw_lost=$(printf '%s\n' "${LW_LOST[@]}" | awk '{ s += $1 } END { print s }')

# --- 5. one-shot send --------------------------------------------------------------------------
say "5/6 one-shot send, hyperfine, $runs runs each"
./lwqueue send-message --url "$url" --exchange bench-oneshot --username bench --message declare > /dev/null 2>&1
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/oneshot.json" \
  "$root/lwqueue send-message --url $url --exchange bench-oneshot --username bench --message hi" \
  "env -u PYTHONUNBUFFERED $python $root/bench/pika_send_once.py $url bench-oneshot" \
  "amqp-publish --url=$url -e bench-oneshot -b '{\"username\":\"bench\",\"message\":\"hi\"}'" \
  > "$work/oneshot.log" 2>&1
read -r lw_oneshot pika_oneshot amqp_oneshot < <(json "$work/oneshot.json" \
  '" ".join("%.1f" % (r["median"] * 1000) for r in d["results"])')

# --- 6. idle subscriber memory -----------------------------------------------------------------
say "6/6 idle subscribe, resident memory"
./lwqueue subscribe --url "$url" --exchange bench-idle > "$work/idle.out" 2>&1 &
idle_pid=$!
wait_for_line "$work/idle.out" 'Waiting for messages'
sleep 5
lw_rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$idle_pid/status")
kill "$idle_pid" # SIGTERM: a background job of a script ignores SIGINT
wait "$idle_pid" || true
env -u PYTHONUNBUFFERED $python bench/pika_receive.py "$url" bench-idle > "$work/idle-pika.out" 2>&1 &
idle_pid=$!
wait_for_line "$work/idle-pika.out" 'Waiting for messages'
sleep 5
pika_rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$idle_pid/status")
kill "$idle_pid"
wait "$idle_pid" 2>/dev/null || true

for exchange in bench-pt-fanout bench-pt-confirm bench-pt-shape bench-pt-latency bench-subscribe bench-pika \
    bench-stdin bench-oneshot bench-idle lwqueue-bench; do
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
row() { # what lwqueue reference-label reference ratio target
  echo "| $1 | $2 | $3: $4 | $5 | $6 |"
}

r_sub=$(ratio "$lw_received" "$pt_received")
r_lat=$(ratio "$lw_p99" "$pt_p99")
r_stdin=$(ratio "$lw_stdin" "$pt_confirm_sent")
r_one=$(ratio "$lw_oneshot" "$pika_oneshot")
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
rabbit=$(json "$work/overview.json" 'd["rabbitmq_version"]')
javav=$(java -version 2>&1 | head -1)
{
  echo "Run $started on $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM,"
  echo "Linux $(uname -r), $javav, RabbitMQ $rabbit; load average $load_before before, $load_after after."
  echo "Rates and latencies: medians of $rounds rounds; one-shot: median of $runs runs (hyperfine)."
  echo
  echo "| measure | lwqueue | reference | ratio | target |"
  echo "|---|---|---|---|---|"
  row "subscribe --mode print into a file, msg/s received" "$lw_received" "PerfTest 1→1 fanout consumer" "$pt_received" "$r_sub" "≥ 1.0: $(verdict "$r_sub" '>=' 1.0)"
  row "(same) against the pika tutorial consumer printing to a file" "$lw_received" "pika consumer" "$pika_received" "$(ratio "$lw_received" "$pika_received")" "—"
  row "bench 1→10 at 100 msg/s, latency p99, ms" "$lw_p99" "PerfTest 1→10 at 100 msg/s" "$pt_p99" "$r_lat" "≤ 1.0: $(verdict "$r_lat" '<=' 1.0)"
  row "(same) latency p50, ms" "$lw_p50" "PerfTest" "$pt_p50" "$(ratio "$lw_p50" "$pt_p50")" "—"
  row "send-message --stdin with confirms, msg/s" "$lw_stdin" "PerfTest producer, confirms, 1000 in flight" "$pt_confirm_sent" "$r_stdin" "≥ 0.8: $(verdict "$r_stdin" '>=' 0.8)"
  row "(same) against the pika tutorial publisher (no confirms)" "$lw_stdin" "pika publisher" "$pika_sent" "$(ratio "$lw_stdin" "$pika_sent")" "—"
  row "bench 1→1, 128 B, confirms, msg/s sent" "$lw_bench_sent" "PerfTest, same shape" "$pt_shape_sent" "$(ratio "$lw_bench_sent" "$pt_shape_sent")" "—"
  row "bench 1→1, 128 B, confirms, msg/s received" "$lw_bench_received" "PerfTest, same shape" "$pt_shape_received" "$(ratio "$lw_bench_received" "$pt_shape_received")" "—"
  row "one-shot ./lwqueue send-message, median ms" "$lw_oneshot" "pika one-shot" "$pika_oneshot" "$r_one" "≤ 2.0: $(verdict "$r_one" '<=' 2.0)"
  row "(same)" "$lw_oneshot" "amqp-publish (C)" "$amqp_oneshot" "$(ratio "$lw_oneshot" "$amqp_oneshot")" "—"
  row "idle subscribe, resident memory, MB" "$lw_rss" "target" "64" "$(ratio "$lw_rss" 64)" "≤ 1.0: $(verdict "$(ratio "$lw_rss" 64)" '<=' 1.0)"
  row "(same)" "$lw_rss" "idle pika consumer" "$pika_rss" "$(ratio "$lw_rss" "$pika_rss")" "—"
  echo
  echo "bench 1→10: $lw_lost lost or duplicated in all rounds. Per-round figures and logs: bench/target/compare/."
} | tee "$work/table.md"
