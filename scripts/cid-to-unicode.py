#!/usr/bin/env python3
"""Writes src/pdf/data/cid2unicode/Adobe-<Ordering>-UCS2.cmap from Adobe's CMaps.

The sources are Adobe's `Adobe-<Ordering>-UCS2` CMap resources (the
adobe-type-tools/cmap-resources project, BSD 3-clause; Debian ships them in
poppler-data under /usr/share/poppler/cMap). Each output keeps the licence
and copyright lines as `%` comments and the `bfchar`/`bfrange` sections
(CID to UTF-16), dropping the PostScript resource boilerplate; the PDF
reader parses them with its own CMap parser (src/pdf/cmap.rs) on first use.

Usage: scripts/cid-to-unicode.py [CMAP_DIR]   (default /usr/share/poppler/cMap)
"""
import re
import sys
from pathlib import Path

ORDERINGS = ["Japan1", "GB1", "CNS1", "Korea1"]
src_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap")
out_dir = Path(__file__).resolve().parent.parent / "src/pdf/data/cid2unicode"
out_dir.mkdir(parents=True, exist_ok=True)
for ordering in ORDERINGS:
    name = f"Adobe-{ordering}-UCS2"
    text = (src_dir / f"Adobe-{ordering}" / name).read_text(encoding="latin-1")
    out = [f"% {name}: CID to UTF-16, from Adobe's CMap resource of that name",
           "% (github.com/adobe-type-tools/cmap-resources), reduced by scripts/cid-to-unicode.py."]
    out += ["% " + line[len("%%Copyright:"):].strip() for line in text.splitlines()
            if line.startswith("%%Copyright:") or line.startswith("%%Title:") or line.startswith("%%Version:")]
    body = re.findall(r"\d+ begin(?:bfchar|bfrange).*?end(?:bfchar|bfrange)", text, re.S)
    out += body
    (out_dir / f"{name}.cmap").write_text("\n".join(out) + "\n")
    print(name, sum(len(b) for b in body))
