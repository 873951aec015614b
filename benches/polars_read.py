#!/usr/bin/env python3
"""The reference of issue 6: the time polars needs merely to read a register as text.

Reads every column as a string (no type inference, no parsing), the way klacht's own reader
starts, and prints the rows read. `benches/run.sh` times it with GNU time.

usage: polars_read.py REGISTER.csv
"""
import sys

import polars as pl

df = pl.read_csv(sys.argv[1], separator=";", infer_schema=False, encoding="utf8-lossy")
print(df.height)
