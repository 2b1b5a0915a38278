#!/usr/bin/env python3
"""rapporteur against pdftotext on every PDF of the shared wild corpora.

Runs `rapporteur extract --text` (with per-document limits) and `pdftotext` on
each PDF under ../shared/corpus/wild and wild2, each under a per-file wall-clock
timeout, and records per file: our exit code, outcome (ok / error / panic /
signal / hang), non-space characters of both texts and our time.  Prints the
summary table and the text gaps: files where pdftotext gets more than
GAP_MIN (200) non-space characters and we get less than half of that.

Outcomes:
  ok      exit 0
  error   a non-zero exit with a message on stderr (a clear error)
  panic   exit 101 or "panicked" on stderr
  signal  killed by a signal (negative return code)
  hang    over the per-file timeout

Usage: bench/wild-sweep.py [--bin target/release/rapporteur] [--jobs 2]
                           [--timeout 60] [--tsv /tmp/wild-sweep.tsv]
                           [--only SUBSTRING]
Runs under `nice`; pdftotext counts are cached beside the TSV (keyed by
path, size and mtime) so a second sweep only reruns rapporteur.
"""

import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAP_MIN = 200


def nonspace(data: bytes) -> int:
    text = data.decode("utf-8", "replace")
    return sum(1 for c in text if not c.isspace())


def run_ours(binary, pdf, timeout):
    cmd = ["nice", binary, "extract", "--text", "--doc-timeout", str(timeout // 2),
           "--max-inflate", str(512 << 20), str(pdf)]
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"outcome": "hang", "exit": None, "chars": 0,
                "secs": time.monotonic() - start, "stderr": ""}
    secs = time.monotonic() - start
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        outcome = "signal"
    elif p.returncode == 101 or "panicked" in err:
        outcome = "panic"
    elif p.returncode == 0:
        outcome = "ok"
    else:
        outcome = "error" if err.strip() else "silent-error"
    first = err.strip().splitlines()[0] if err.strip() else ""
    return {"outcome": outcome, "exit": p.returncode, "chars": nonspace(p.stdout),
            "secs": secs, "stderr": first[:200]}


def run_pdftotext(pdf, timeout):
    try:
        p = subprocess.run(["nice", "pdftotext", "-q", str(pdf), "-"],
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"exit": None, "chars": 0}
    return {"exit": p.returncode, "chars": nonspace(p.stdout)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/rapporteur"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--tsv", default="/tmp/wild-sweep.tsv")
    ap.add_argument("--only", default="")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    pdfs = sorted(p for d in ("wild", "wild2") for p in (corpus / d).rglob("*")
                  if p.is_file() and p.suffix.lower() == ".pdf" and args.only in str(p))
    cache_path = Path(args.tsv).with_suffix(".pdftotext.json")
    cache = json.loads(cache_path.read_text()) if cache_path.exists() else {}

    def one(pdf):
        st = pdf.stat()
        key = f"{pdf}|{st.st_size}|{int(st.st_mtime)}"
        peer = cache.get(key) or run_pdftotext(pdf, args.timeout)
        return pdf, key, peer, run_ours(args.bin, pdf, args.timeout)

    rows = []
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        for n, (pdf, key, peer, ours) in enumerate(pool.map(one, pdfs), 1):
            cache[key] = peer
            rows.append((pdf.relative_to(corpus), peer, ours))
            if n % 200 == 0:
                print(f"{n}/{len(pdfs)}", file=sys.stderr, flush=True)
    cache_path.write_text(json.dumps(cache))

    with open(args.tsv, "w") as out:
        out.write("file\toutcome\texit\tours_chars\tpdftotext_exit\tpdftotext_chars\tsecs\tstderr\n")
        for rel, peer, ours in rows:
            out.write(f"{rel}\t{ours['outcome']}\t{ours['exit']}\t{ours['chars']}\t"
                      f"{peer['exit']}\t{peer['chars']}\t{ours['secs']:.2f}\t"
                      f"{ours['stderr'].replace(chr(9), ' ')}\n")

    counts = {}
    for _, _, ours in rows:
        counts[ours["outcome"]] = counts.get(ours["outcome"], 0) + 1
    gaps = [(rel, peer, ours) for rel, peer, ours in rows
            if peer["chars"] > GAP_MIN and ours["chars"] * 2 < peer["chars"]]
    slowest = max(rows, key=lambda r: r[2]["secs"])
    print(f"| files | ok | clear errors | panics | signals | hangs | silent errors | gaps |")
    print(f"|---|---|---|---|---|---|---|---|")
    print(f"| {len(rows)} | {counts.get('ok', 0)} | {counts.get('error', 0)} | "
          f"{counts.get('panic', 0)} | {counts.get('signal', 0)} | {counts.get('hang', 0)} | "
          f"{counts.get('silent-error', 0)} | {len(gaps)} |")
    print(f"slowest: {slowest[0]} {slowest[2]['secs']:.2f} s")
    print(f"\ngaps (pdftotext > {GAP_MIN} non-space chars, ours < half):")
    for rel, peer, ours in sorted(gaps, key=lambda g: str(g[0])):
        print(f"  {rel}\tours {ours['chars']}\tpdftotext {peer['chars']}\t"
              f"{ours['outcome']}\t{ours['stderr'][:100]}")
    for rel, _, ours in rows:
        if ours["outcome"] in ("panic", "signal", "hang", "silent-error"):
            print(f"  !! {ours['outcome']}: {rel} {ours['stderr']}")


if __name__ == "__main__":
    main()
