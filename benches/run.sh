#!/usr/bin/env bash
# Benchmarks of klacht (issue 6): generates registers with `klacht sample`, times `check` and
# `report` end to end and per phase (KLACHT_TIMINGS=1 makes klacht print its phases to stderr),
# records peak memory (GNU time), and runs the pandas peer on the same 1M-row register.
#
#   benches/run.sh            # all sizes (about 10 minutes, release build first)
#   QUICK=1 benches/run.sh    # 500 rows, 10k and 100k only
#
# Results go to target/bench/results.md; docs/performance.md records a run with its machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=target/release/klacht
OUT=target/bench
mkdir -p "$OUT"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time (apt-get install time)"; exit 2; }
PERIOD=2026-Q2
RES="$OUT/results.md"
{
  echo "# klacht benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); $(rustc --version)"
  echo "binary: $(du -h "$BIN" | cut -f1)"
  echo
  echo "| input | command | wall s | peak MiB | phases (s) |"
  echo "|---|---|---:|---:|---|"
} > "$RES"

run() { # label, command...
  local label=$1; shift
  local log="$OUT/time.log" err="$OUT/stderr.log"
  KLACHT_TIMINGS=1 "$TIME" -f "%e %M" -o "$log" "$@" > /dev/null 2> "$err" || true
  read -r wall kb < "$log"
  local phases
  phases=$(grep '^klacht-timing' "$err" | sed 's/^klacht-timing //' | paste -sd ' ' - || true)
  echo "| $label | ${*:2:1} | $wall | $((kb / 1024)) | $phases |" >> "$RES"
  echo "$label ${*:2:1}: ${wall}s, $((kb / 1024)) MiB  $phases"
}

sizes="500 10000 100000 1000000"
[ -n "${QUICK:-}" ] && sizes="500 10000 100000"
for n in $sizes; do
  f="$OUT/register-$n.csv"
  [ -f "$f" ] || "$BIN" sample --rows "$n" --seed 42 --out "$f" 2> /dev/null
  run "$n rows csv" "$BIN" check "$f" --as-of 2026-06-30 --fail-on never
  run "$n rows csv" "$BIN" report "$f" --period "$PERIOD" --out "$OUT/report-$n"
done
x="$OUT/register-100000.xlsx"
[ -f "$x" ] || "$BIN" sample --rows 100000 --seed 42 --out "$x" 2> /dev/null
run "100000 rows xlsx" "$BIN" report "$x" --period "$PERIOD" --out "$OUT/report-xlsx"

if [ -z "${QUICK:-}" ] && python3 -c 'import pandas, xlsxwriter, matplotlib' 2> /dev/null; then
  run "1000000 rows csv" python3 benches/pandas_report.py "$OUT/register-1000000.csv" "$PERIOD" "$OUT/pandas"
fi
echo "results: $RES"
