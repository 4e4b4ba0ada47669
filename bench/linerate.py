#!/usr/bin/python3
"""Received rate of a subscriber that writes one line per message into a file.

Usage: linerate.py FILE N [WARMUP_FRACTION] [TIMEOUT_S]

Watches FILE grow until it holds N lines; prints "<rate> <lines> <seconds>" where the rate is
measured from the moment WARMUP_FRACTION * N lines were there (start-up and warm-up excluded) to
the moment N lines were there. Exits 1 on timeout, printing what it saw.
"""
import os
import sys
import time

path, n = sys.argv[1], int(sys.argv[2])
warm = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
start = time.monotonic()
while not os.path.exists(path):
    time.sleep(0.005)
lines, offset, t1, n1 = 0, 0, None, 0
with open(path, "rb") as f:
    while True:
        chunk = f.read(1 << 20)
        if chunk:
            lines += chunk.count(b"\n")
            now = time.monotonic()
            if t1 is None and lines >= warm * n:
                t1, n1 = now, lines
            if lines >= n:
                break
            continue
        if time.monotonic() - start > timeout:
            print(f"0 {lines} timeout", flush=True)
            sys.exit(1)
        time.sleep(0.002)
t2 = time.monotonic()
rate = (lines - n1) / (t2 - t1) if t2 > t1 else 0.0
print(f"{rate:.0f} {lines - n1} {t2 - t1:.3f}", flush=True)
