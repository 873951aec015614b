#!/usr/bin/env bash
# Alternating A/B runs of `klacht report`, for differences smaller than a busy host's noise:
# each round runs every case once, in turn, so a slow minute slows all of them alike.
#
#   benches/ab.sh ROUNDS PERIOD LABEL:BINARY:REGISTER [LABEL:BINARY:REGISTER ...]
#   benches/ab.sh 3 2026-Q2 old:/tmp/klacht-old:target/bench/register-1000000.csv \
#                           new:target/release/klacht:target/bench/register-1000000.csv
#
# Prints one line per run: label, wall seconds, CPU seconds (user + system), peak MiB.
# Needs GNU time (/usr/bin/time).
set -euo pipefail
rounds=$1 period=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq 1 "$rounds"); do
  for case in "$@"; do
    IFS=: read -r label bin register <<< "$case"
    rm -rf "$out/report"
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" \
      "$bin" report "$register" --period "$period" --out "$out/report" > /dev/null 2>&1
    read -r wall user sys kb < "$out/time"
    echo "$label $wall $(echo "$user + $sys" | bc) $((kb / 1024))"
  done
done
