#!/usr/bin/env bash
# Runs the queries of docs/export.md, as they are written there, on real exports: the sample
# register as one member and a 20,000-row sample as another (company=NAME folders). Prints
# what DuckDB and PySpark return beside kpi.json's figures for 2026-Q3, to compare by eye.
#
#   pip install duckdb pyspark   # PySpark needs Java 17 or later
#   benches/export_queries.sh    # KLACHT_BIN=path/to/klacht to use another build
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=$PWD/docs/export.md
SAMPLE=$PWD/sample-data/klachtenregister-2025-2026.xlsx
if [ -n "${KLACHT_BIN:-}" ]; then BIN=$(realpath "$KLACHT_BIN"); else
  cargo build --quiet && BIN=$PWD/target/debug/klacht; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
"$BIN" export "$SAMPLE" --out export > /dev/null
"$BIN" report "$SAMPLE" --period 2026-Q3 --out report > /dev/null
"$BIN" sample --rows 20000 --seed 7 --out s20k.csv > /dev/null
mkdir -p exports && cp -r export "exports/company=Voorbeeld"
"$BIN" export s20k.csv --out "exports/company=Twintigduizend" > /dev/null
DOCS=$DOCS python3 - <<'PY'
import json, os, re
doc = open(os.environ["DOCS"]).read()
import duckdb
con = duckdb.connect()
for block in re.findall(r"```sql\n(.*?)```", doc, re.S):
    for statement in (s for s in block.split(";") if s.strip()):
        print("-- DuckDB:", statement.strip().splitlines()[0])
        for row in con.execute(statement).fetchall():
            print("  ", row)
kpi = json.load(open("report/kpi.json"))
print("-- kpi.json 2026-Q3: received", kpi["received"], "closed", kpi["closed"])
for u in kpi["by_urgency"]:
    h = u["handling_wd"]
    print("   urgency", u["urgency"], "n", h["n"], "median", h["median"], "p90", h["p90"])
try:
    import pyspark  # noqa: F401
except ImportError:
    print("-- PySpark not installed: its snippet not run")
else:
    print("-- PySpark snippet")
    exec(re.findall(r"```python\n(.*?)```", doc, re.S)[0])
PY
