#!/usr/bin/env python3
"""A pandas + XlsxWriter + matplotlib peer of `klacht report`, for comparison only.

It reads a register written by `klacht sample` (UTF-8, `;`, dd-mm-yyyy), computes the same kind of
figures (received, closed, open, overdue on working days, handling times, per urgency, channel
and nature, causes, 24-month trend), and writes a workbook with the figures and the register rows
of the period plus five charts as PNG and SVG. It is what a quality manager's analyst would
script; `benches/run.sh` times it beside klacht.

usage: pandas_report.py REGISTER.csv YYYY-QN OUTDIR
"""
import datetime as dt
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def easter(y):
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def holidays(years):
    out = []
    for y in years:
        e = easter(y)
        king = dt.date(y, 4, 27)
        if king.weekday() == 6:
            king = dt.date(y, 4, 26)
        out += [dt.date(y, 1, 1), e + dt.timedelta(1), king, e + dt.timedelta(39),
                e + dt.timedelta(50), dt.date(y, 12, 25), dt.date(y, 12, 26)]
        if y % 5 == 0:
            out.append(dt.date(y, 5, 5))
    return np.array(out, dtype="datetime64[D]")


def main():
    path, label, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
    year, q = int(label[:4]), int(label[-1])
    start = pd.Timestamp(year, 3 * q - 2, 1)
    end = (start + pd.offsets.QuarterEnd(0)).normalize()
    os.makedirs(outdir, exist_ok=True)

    df = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for col in ["Datum ontvangst", "Datum afgehandeld", "Datum ontvangstbevestiging", "Streefdatum"]:
        df[col] = pd.to_datetime(df[col], format="%d-%m-%Y", errors="coerce")
    df["urg"] = pd.to_numeric(df["Urgentie"], errors="coerce")
    rec, clo = df["Datum ontvangst"], df["Datum afgehandeld"]
    hol = holidays(range(rec.min().year - 1, end.year + 2))

    def wd(a, b):
        ok = a.notna() & b.notna()
        res = pd.Series(np.nan, index=a.index)
        av = a[ok].values.astype("datetime64[D]") + 1
        bv = b[ok].values.astype("datetime64[D]") + 1
        res[ok] = np.busday_count(av, bv, holidays=hol)
        return res

    in_p = lambda s: (s >= start) & (s <= end)  # noqa: E731
    open_at = lambda x: (rec <= x) & (clo.isna() | (clo > x))  # noqa: E731
    target = df["urg"].map({1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 20, 7: 20}).where(df["urg"] != 8)
    target = target.where(df["urg"].notna(), 20)
    age = wd(rec, pd.Series(end, index=df.index))
    overdue = open_at(end) & ((age > target) | (df["Streefdatum"].notna() & (end > df["Streefdatum"])))
    closed_p = df[in_p(clo)].copy()
    closed_p["wd"] = wd(closed_p["Datum ontvangst"], closed_p["Datum afgehandeld"])
    closed_p["cd"] = (closed_p["Datum afgehandeld"] - closed_p["Datum ontvangst"]).dt.days

    headline = pd.DataFrame({
        "figure": ["received", "closed", "open_at_start", "open_at_end", "overdue",
                   "handling_wd_median", "handling_wd_p90"],
        "value": [int(in_p(rec).sum()), int(len(closed_p)), int(open_at(start - pd.Timedelta(days=1)).sum()),
                  int(open_at(end).sum()), int(overdue.sum()), closed_p["wd"].median(),
                  closed_p["wd"].quantile(0.9, interpolation="higher")],
    })
    received_p = df[in_p(rec)]
    by_urg = received_p.groupby("Urgentie").size().rename("received").to_frame()
    by_urg["closed"] = closed_p.groupby("Urgentie").size()
    by_urg["median_wd"] = closed_p.groupby("Urgentie")["wd"].median()
    by_channel = received_p.groupby("Wijze van ontvangst").size().rename("received")
    by_nature = received_p.groupby("Aard").size().rename("received")
    causes = received_p.groupby(["Aard", "Oorzaak"]).size().rename("count").sort_values(ascending=False)
    months = pd.period_range(end.to_period("M") - 23, end.to_period("M"), freq="M")
    trend = pd.DataFrame({
        "received": rec.dt.to_period("M").value_counts().reindex(months, fill_value=0),
        "closed": clo.dt.to_period("M").value_counts().reindex(months, fill_value=0),
    })
    register = df[in_p(rec) | ((rec <= end) & (clo.isna() | (clo >= start)))]

    xlsx = os.path.join(outdir, f"klachtenrapport-{label}.xlsx")
    with pd.ExcelWriter(xlsx, engine="xlsxwriter") as w:
        headline.to_excel(w, sheet_name="Samenvatting", index=False)
        by_urg.to_excel(w, sheet_name="Urgentie")
        pd.concat([by_channel, by_nature]).to_excel(w, sheet_name="Kanaal en aard")
        df[overdue].to_excel(w, sheet_name="Achterstallig", index=False)
        closed_p[["Urgentie", "wd", "cd"]].describe().to_excel(w, sheet_name="Doorlooptijden")
        causes.to_excel(w, sheet_name="Oorzaken")
        trend.to_excel(w, sheet_name="Trend")
        register.drop(columns=["urg"]).to_excel(w, sheet_name="Register", index=False)

    charts = os.path.join(outdir, "grafieken")
    os.makedirs(charts, exist_ok=True)
    for name, plot in [
        ("urgentie", lambda ax: by_urg[["received", "closed"]].plot.bar(ax=ax)),
        ("trend", lambda ax: trend.plot(ax=ax)),
        ("doorlooptijden", lambda ax: by_urg["median_wd"].plot.bar(ax=ax)),
        ("oorzaken-pareto", lambda ax: causes.head(15).plot.bar(ax=ax)),
        ("ouderdom-open", lambda ax: pd.cut(age[open_at(end)], [-1, 10, 20, 40, 60, 1e9]).value_counts(sort=False).plot.bar(ax=ax)),
    ]:
        fig, ax = plt.subplots(figsize=(16, 9))
        plot(ax)
        for ext in ("png", "svg"):
            fig.savefig(os.path.join(charts, f"{name}.{ext}"))
        plt.close(fig)
    print(headline.to_string(index=False))


if __name__ == "__main__":
    main()
