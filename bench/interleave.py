#!/usr/bin/env python3
"""Times commands side by side: round after round, each command once per round in turn, so a busy
neighbour slows every side alike. Prints, per command, the median wall time and the median CPU time
(user + system, which the neighbours disturb less) in ms, as JSON.

  bench/interleave.py --runs 20 --warmup 3 'cmd one' 'cmd two' ...
"""
import argparse, json, os, shlex, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--warmup", type=int, default=3)
parser.add_argument("commands", nargs="+")
args = parser.parse_args()

def once(command):
    start = time.perf_counter()
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleave: failed ({os.waitstatus_to_exitcode(status)}): {command}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000

for _ in range(args.warmup):
    for command in args.commands:
        once(command)
walls = {c: [] for c in args.commands}
cpus = {c: [] for c in args.commands}
for _ in range(args.runs):
    for command in args.commands:
        wall, cpu = once(command)
        walls[command].append(wall)
        cpus[command].append(cpu)
json.dump([{"command": c, "wall_ms": round(statistics.median(walls[c]), 1),
            "cpu_ms": round(statistics.median(cpus[c]), 1), "runs": args.runs} for c in args.commands],
          sys.stdout, indent=1)
print()
