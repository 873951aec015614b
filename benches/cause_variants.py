#!/usr/bin/env python3
"""Writes a copy of a `klacht sample` register whose causes are written about 100,000 ways, as
different people write one cause: half with a numbered qualifier in brackets, a tenth in
capitals, a tenth with a space left out. They group back to the groups of the sample's own
spellings (its 13 causes and its rare synonyms; SPEC section 10).

usage: cause_variants.py REGISTER.csv OUT.csv
"""
import csv
import random
import sys

random.seed(7)
with open(sys.argv[1], newline="", encoding="utf-8-sig") as fi, open(
    sys.argv[2], "w", newline="", encoding="utf-8-sig"
) as fo:
    rows = csv.reader(fi, delimiter=";")
    out = csv.writer(fo, delimiter=";", lineterminator="\r\n")
    header = next(rows)
    out.writerow(header)
    at = header.index("Oorzaak")
    for row in rows:
        cause = row[at]
        if cause:
            k = random.random()
            if k < 0.5:
                cause = f"{cause} ({random.randrange(8000)})"
            elif k < 0.6:
                cause = cause.upper()
            elif k < 0.7:
                cause = cause.replace(" ", "", 1)
            row[at] = cause
        out.writerow(row)
