#!/usr/bin/env bash
# Benchmarks of klacht (issue 6): generates registers with `klacht sample`, times `check`,
# `export` and `report` end to end and per phase (KLACHT_TIMINGS=1 makes klacht print its
# phases to stderr), records peak memory (GNU time), and runs the pandas peer on the same
# 1M-row register.
#
#   benches/run.sh            # all sizes (a few minutes after the release build, which
#                             # takes about 20 minutes from scratch on two cores)
#   QUICK=1 benches/run.sh    # 500 rows, 10k and 100k only
#   KLACHT_BIN=old/klacht benches/run.sh   # the same measurements of another binary
#
# The 1M-row register is also read by polars as text (benches/polars_read.py, the reference of
# issue 6) and reported on by the pandas peer (benches/pandas_report.py), when Python has
# those packages (pip install polars pandas xlsxwriter matplotlib).
#
# Issue 21 (no speed cliff where lists stop being Excel tables): the 600,000- and 700,000-row
# registers, whose quarters' lists fall either side of 100,000 rows, and a 1,000,000-row
# register spread over ten years (lists of about 35,000 rows each), with polars reading that
# file too. A second table gives each report's rows in the workbook's two long lists
# (Bevindingen and Register) and its render time per list row.
#
# Results go to target/bench/results.md; docs/performance.md records a run with its machine.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
# KLACHT_BIN=path/to/klacht measures another build (an A/B against an older binary) as it is.
if [ -n "${KLACHT_BIN:-}" ]; then
  BIN=$KLACHT_BIN
else
  cargo build --release --quiet
  BIN=$TARGET/release/klacht
fi
OUT=$TARGET/bench
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
  echo "| input | command | wall s (median) | all runs s | peak MiB | exit | phases of the median run (s) |"
  echo "|---|---|---:|---|---:|---:|---|"
} > "$RES"
PER_ROW="$OUT/per-row.md"
{
  echo "| input | list rows in the workbook | render s (median run) | render µs per list row | report s (median) |"
  echo "|---|---:|---:|---:|---:|"
} > "$PER_ROW"

run() { # label, command...  (RUNS times, default 3; the median run is reported)
  local label=$1; shift
  # Inputs come from the page cache, as on a second run: the disk is not what is measured.
  for a in "$@"; do [ -f "$a" ] && cat "$a" > /dev/null; done
  local log="$OUT/time.log" err="$OUT/stderr.log" runs=${RUNS:-3} i
  [ "${1##*/}" = python3 ] && runs=1 # the peers take a minute; once is enough
  : > "$OUT/runs.txt"
  for ((i = 0; i < runs; i++)); do
    local code=0
    KLACHT_TIMINGS=1 "$TIME" -f "%e %M" -o "$log" "$@" > /dev/null 2> "$err" || code=$?
    # GNU time puts "Command exited with non-zero status N" before the figures.
    local wall kb phases
    read -r wall kb < <(tail -n 1 "$log")
    phases=$(grep '^klacht-timing' "$err" | sed 's/^klacht-timing //' | paste -sd ' ' - || true)
    echo "$wall $kb $code $phases" >> "$OUT/runs.txt"
  done
  local wall kb code phases what=${2##*/}
  read -r wall kb code phases < <(sort -n "$OUT/runs.txt" | sed -n "$(((runs + 1) / 2))p")
  local all
  all=$(cut -d' ' -f1 "$OUT/runs.txt" | sort -n | paste -sd '/' -)
  echo "| $label | $what | $wall | $all | $((kb / 1024)) | $code | $phases |" >> "$RES"
  echo "$label $what: ${wall}s (runs $all), $((kb / 1024)) MiB, exit $code  $phases"
}

per_row() { # label, report directory  (after `run` of that report: its median run)
  local label=$1 dir=$2 rows wall render
  # The last row of the Register and Bevindingen sheets, found by name (the sheets before
  # them change as the report grows), from each sheet's size.
  rows=$(python3 - "$dir"/*.xlsx << 'PY'
import re, sys, zipfile
book = zipfile.ZipFile(sys.argv[1])
workbook = book.read("xl/workbook.xml").decode()
rels = book.read("xl/_rels/workbook.xml.rels").decode()
rows = 0
for name in ("Register", "Bevindingen"):
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % name, workbook).group(1)
    target = re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1)
    part = "xl/" + target.split("xl/")[-1].lstrip("/")
    head = book.open(part).read(4096).decode("utf-8", "replace")
    rows += int(re.search(r'<dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"', head).group(1))
print(rows)
PY
)
  read -r wall render < <(sort -n "$OUT/runs.txt" | sed -n "$((($(wc -l < "$OUT/runs.txt") + 1) / 2))p" |
    sed -E 's/^([^ ]+) .* render=([0-9.]+).*/\1 \2/')
  echo "| $label | $rows | $render | $(awk -v s="$render" -v n="$rows" 'BEGIN { printf "%.2f", s * 1e6 / n }') | $wall |" >> "$PER_ROW"
}

sizes="500 10000 100000 1000000"
[ -n "${QUICK:-}" ] && sizes="500 10000 100000"
for n in $sizes; do
  f="$OUT/register-$n.csv"
  [ -f "$f" ] || "$BIN" sample --rows "$n" --seed 42 --out "$f" 2> /dev/null
  run "$n rows csv" "$BIN" check "$f" --as-of 2026-06-30 --fail-on never
  # Issue 20: the export (both Parquet tables) in at most 1.5 x the check above.
  run "$n rows csv" "$BIN" export "$f" --as-of 2026-06-30 --out "$OUT/export-$n"
  run "$n rows csv" "$BIN" report "$f" --period "$PERIOD" --out "$OUT/report-$n"
  per_row "$n rows csv" "$OUT/report-$n"
done
if [ -z "${QUICK:-}" ]; then
  # Issue 21: 2026-Q2 of the 600,000-row register has lists under 100,000 rows (Excel tables),
  # that of the 700,000-row one over (filtered ranges); the smaller must not take longer.
  for n in 600000 700000; do
    f="$OUT/register-$n.csv"
    [ -f "$f" ] || "$BIN" sample --rows "$n" --seed 42 --out "$f" 2> /dev/null
    run "$n rows csv" "$BIN" report "$f" --period "$PERIOD" --out "$OUT/report-$n"
    per_row "$n rows csv" "$OUT/report-$n"
  done
  # A million rows over ten years: a quarter's lists of some 35,000 rows each, the middle
  # band most large registers are in.
  ten="$OUT/register-1000000-ten-years.csv"
  [ -f "$ten" ] || "$BIN" sample --rows 1000000 --seed 42 --from 2016-07-01 --to 2026-06-30 --out "$ten" 2> /dev/null
  run "1000000 rows over ten years csv" "$BIN" report "$ten" --period "$PERIOD" --out "$OUT/report-ten-years"
  per_row "1000000 rows over ten years csv" "$OUT/report-ten-years"
fi
x="$OUT/register-100000.xlsx"
[ -f "$x" ] || "$BIN" sample --rows 100000 --seed 42 --out "$x" 2> /dev/null
run "100000 rows xlsx" "$BIN" report "$x" --period "$PERIOD" --out "$OUT/report-xlsx"

big="$OUT/register-1000000.csv"
# Issue 18: the same register with its causes written about 100,000 ways (a numbered qualifier
# in brackets, capitals, a space left out), which group back to the same causes: grouping must
# not cost more than 1.5 x the register with a few dozen spellings.
many="$OUT/register-1000000-causes.csv"
if [ -z "${QUICK:-}" ] && [ ! -f "$many" ]; then
  python3 benches/cause_variants.py "$big" "$many"
fi
[ -z "${QUICK:-}" ] && run "1000000 rows csv, 100k cause spellings" "$BIN" report "$many" --period "$PERIOD" --out "$OUT/report-causes"
if [ -z "${QUICK:-}" ] && python3 -c 'import polars' 2> /dev/null; then
  run "1000000 rows csv" python3 benches/polars_read.py "$big"
  run "1000000 rows over ten years csv" python3 benches/polars_read.py "$ten"
fi
if [ -z "${QUICK:-}" ] && python3 -c 'import pandas, xlsxwriter, matplotlib' 2> /dev/null; then
  run "1000000 rows csv" python3 benches/pandas_report.py "$big" "$PERIOD" "$OUT/pandas"
fi
{
  echo
  echo "Cost per list row (issue 21):"
  echo
  cat "$PER_ROW"
} >> "$RES"
echo "results: $RES"
