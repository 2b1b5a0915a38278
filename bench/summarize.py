#!/usr/bin/env python3
"""Turns the raw timings of bench/compare.sh into the markdown tables.

usage: summarize.py RAW_TSV CORPUS_TSV META_TSV > table.md

RAW_TSV: round, label, corpus, seconds, maxrss_kb, exit (one row a timed run).
CORPUS_TSV: key, files, pages, bytes. META_TSV: key, value lines about the
machine and the command. Throughput is corpus size over wall time; MB are
10^6 bytes; peak RSS is GNU time's %M in MiB.
"""

import csv
import statistics
import sys


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main():
    raw_path, corpus_path, meta_path = sys.argv[1:4]
    raw = read_tsv(raw_path)
    corpus = {row["key"]: row for row in read_tsv(corpus_path)}
    with open(meta_path, encoding="utf-8") as f:
        meta = [line.rstrip("\n").split("\t", 1) for line in f if "\t" in line]

    rounds = sorted({int(r["round"]) for r in raw})
    runs = {}  # (label, round) -> row
    for r in raw:
        runs[(r["label"], int(r["round"]))] = r

    def secs(label, rnd):
        row = runs.get((label, rnd))
        return float(row["seconds"]) if row else None

    def rss_mb(label, rnd):
        row = runs.get((label, rnd))
        return int(row["maxrss_kb"]) / 1024 if row and row["maxrss_kb"].isdigit() else None

    def cpu(label, rnd):
        row = runs.get((label, rnd))
        return float(row["cpu_seconds"]) if row and row.get("cpu_seconds") else None

    def ratio(a, b):
        return a / b if a is not None and b else None

    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def num(v, fmt):
        return fmt.format(v) if v is not None else ""

    out = []
    out.append("## rapporteur benchmark: bench/compare.sh")
    out.append("")
    for key, value in meta:
        out.append(f"- {key}: {value}")
    out.append("")

    # -- throughput per run (median over rounds)
    labels = []
    for r in raw:
        if r["label"] not in labels:
            labels.append(r["label"])
    names = {
        "rapporteur_pdf": "rapporteur run (PDF, --force)",
        "rapporteur_pdf_rerun": "rapporteur run (PDF, rerun, nothing changed)",
        "pdftotext": "pdftotext, xargs -P",
        "mutool": "mutool draw -F txt, xargs -P",
        "rapporteur_text": "rapporteur run (text, --force)",
        "rapporteur_text_rerun": "rapporteur run (text, rerun, nothing changed)",
        "rapporteur_big": "rapporteur run (one long PDF)",
        "rapporteur_singles": "rapporteur run (its pages as single-page PDFs)",
        "rapporteur_text_small": "rapporteur run (small text batch)",
        "rapporteur_text_large": "rapporteur run (large text batch)",
    }
    out.append("### Runs (median of %d rounds; per round in brackets)" % len(rounds))
    out.append("")
    out.append("| run | input | wall seconds | pages/s | MB/s | docs/s | CPU seconds | peak RSS MB | exit |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for label in labels:
        key = runs[(label, rounds[0])]["corpus"] if (label, rounds[0]) in runs else None
        c = corpus.get(key, {})
        files = int(c.get("files") or 0)
        pages = int(c["pages"]) if c.get("pages") else None
        mb = int(c.get("bytes") or 0) / 1e6
        s = [secs(label, rnd) for rnd in rounds]
        ms = med(s)
        exits = sorted({runs[(label, rnd)]["exit"] for rnd in rounds if (label, rnd) in runs})
        rss = med([rss_mb(label, rnd) for rnd in rounds])
        cpu_s = med([cpu(label, rnd) for rnd in rounds])
        what = f"{files} files, {mb:.1f} MB" + (f", {pages} pages" if pages else "")

        def rate(total):
            return f"{total / ms:,.0f}" if ms and total else ""

        def rate_mb():
            return f"{mb / ms:,.1f}" if ms and mb else ""

        per_round = ", ".join(f"{v:.2f}" for v in s if v is not None)
        out.append(
            f"| {names.get(label, label)} | {what} | {ms:.2f} [{per_round}] | {rate(pages)} | {rate_mb()} "
            f"| {rate(files)} | {num(cpu_s, '{:.2f}')} | {num(rss, '{:.0f}')} | {','.join(exits)} |"
        )
    out.append("")

    # -- targets
    def per_round(fn):
        return [fn(rnd) for rnd in rounds]

    text_mb = int(corpus.get("text", {}).get("bytes") or 0) / 1e6
    small_n = corpus.get("text_small", {}).get("files", "?")
    large_n = corpus.get("text_large", {}).get("files", "?")
    big_pages = corpus.get("big", {}).get("pages", "?")
    targets = [
        (
            "PDF pages/s, rapporteur / pdftotext -P",
            ">= 2.00",
            per_round(lambda r: ratio(secs("pdftotext", r), secs("rapporteur_pdf", r))),
            lambda v: v >= 2.0,
            "{:.2f}x",
        ),
        (
            "PDF pages/s, rapporteur / mutool -P",
            ">= 1.00",
            per_round(lambda r: ratio(secs("mutool", r), secs("rapporteur_pdf", r))),
            lambda v: v >= 1.0,
            "{:.2f}x",
        ),
        (
            "text MB/s through the whole pipeline",
            ">= 50",
            per_round(lambda r: ratio(text_mb, secs("rapporteur_text", r))),
            lambda v: v >= 50,
            "{:.1f}",
        ),
        (
            f"peak RSS MB, {large_n}-document batch",
            "<= 150",
            per_round(lambda r: rss_mb("rapporteur_text_large", r)),
            lambda v: v <= 150,
            "{:.0f}",
        ),
        (
            f"peak RSS, {large_n} / {small_n} documents",
            "<= 1.10",
            per_round(lambda r: ratio(rss_mb("rapporteur_text_large", r), rss_mb("rapporteur_text_small", r))),
            lambda v: v <= 1.10,
            "{:.2f}",
        ),
        (
            f"time, {big_pages}-page PDF / its pages as single PDFs",
            "<= 1.20",
            per_round(lambda r: ratio(secs("rapporteur_big", r), secs("rapporteur_singles", r))),
            lambda v: v <= 1.20,
            "{:.2f}",
        ),
        (
            "time, PDF rerun with nothing changed / full run",
            "<= 0.05",
            per_round(lambda r: ratio(secs("rapporteur_pdf_rerun", r), secs("rapporteur_pdf", r))),
            lambda v: v <= 0.05,
            "{:.3f}",
        ),
        (
            "time, text rerun with nothing changed / full run",
            "<= 0.05",
            per_round(lambda r: ratio(secs("rapporteur_text_rerun", r), secs("rapporteur_text", r))),
            lambda v: v <= 0.05,
            "{:.3f}",
        ),
    ]
    out.append("### Targets (ratios from the same round)")
    out.append("")
    out.append("| target | goal | " + " | ".join(f"round {r}" for r in rounds) + " | median | met |")
    out.append("|---|---|" + "---:|" * len(rounds) + "---:|---|")
    failed_runs = [r for r in raw if r["exit"] != "0"]
    for name, goal, values, ok, fmt in targets:
        m = med(values)
        cells = " | ".join(fmt.format(v) if v is not None else "n/a" for v in values)
        met = "n/a" if m is None else ("yes" if ok(m) else "**no**")
        out.append(f"| {name} | {goal} | {cells} | {fmt.format(m) if m is not None else 'n/a'} | {met} |")
    info = [
        (
            "CPU seconds, pdftotext / rapporteur (PDF)",
            per_round(lambda r: ratio(cpu("pdftotext", r), cpu("rapporteur_pdf", r))),
        ),
        (
            "CPU seconds, mutool / rapporteur (PDF)",
            per_round(lambda r: ratio(cpu("mutool", r), cpu("rapporteur_pdf", r))),
        ),
    ]
    for name, values in info:
        m = med(values)
        cells = " | ".join(f"{v:.2f}x" if v is not None else "n/a" for v in values)
        out.append(f"| {name} (context, not a target) | | {cells} | {f'{m:.2f}x' if m is not None else 'n/a'} | |")
    out.append("")
    out.append(
        "Wall-clock ratios are the targets; CPU-time ratios are shown because they are less sensitive to other "
        "load on the machine (the peers start one process per file, rapporteur one for the batch)."
    )
    out.append("")
    if failed_runs:
        out.append(
            "Runs with a non-zero exit (1: some documents failed, the others were written): "
            + ", ".join(sorted({f"{r['label']} ({r['exit']})" for r in failed_runs}))
            + "."
        )
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
