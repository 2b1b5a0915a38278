#!/usr/bin/env python3
"""Render the seed ground truth as PDFs from other producers and layouts.

  python3 bench/make-pdf-variants.py TRUTH OUTDIR

Writes OUTDIR/<variant>.pdf, OUTDIR/<variant>.truth.txt (the text the PDF
shows; the same as TRUTH except where a producer cannot show a character) and
OUTDIR/manifest.json for /work/shared/corpus/tools/score.py --manifest.
Producers: Chromium --print-to-pdf (several CSS layouts), groff -ms | ps2pdf,
enscript | ps2pdf, Ghostscript pdfwrite and qpdf rewrites of a Chromium PDF.
Needs: chromium, groff, enscript, ghostscript, qpdf.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HON = re.compile(r"^(Mr|Ms|Mrs|Dr|Prof)\.\s")
PART = re.compile(r"^Part [IVX]+:")
ITEM = re.compile(r"^(\d+\.|[•◦])\s")


def classify(lines):
    """(kind, text) per line: title, part, speaker, item, sub, para."""
    out = []
    in_title = True
    for ln in lines:
        if PART.match(ln):
            in_title = False
            out.append(("part", ln))
        elif in_title:
            out.append(("title", ln))
        elif HON.match(ln):
            t = ln.split()
            if len(t) >= 3 and t[2][:1].isupper() and (len(t) == 3 or not t[3][:1].islower()):
                out.append(("speaker", ln))
            else:
                out.append(("para", ln))
        elif ln.startswith("◦ "):
            out.append(("sub", ln))
        elif ITEM.match(ln):
            out.append(("item", ln))
        else:
            out.append(("para", ln))
    return out


def split_speaker(ln):
    t = ln.split()
    return " ".join(t[:3]), " ".join(t[3:])


CSS_BASE = "body{margin:0} p{margin:0 0 0.5em 0} .title{text-align:center;margin:0.2em 0}"
VARIANTS = {
    # two columns, sans, justified, 'Page N of M' footer, running title header
    "chromium-twocol": dict(
        css="@page{size:A4;margin:22mm 16mm;"
        "@top-left{content:'Seminar report';font:9pt sans-serif}"
        "@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);font:9pt sans-serif}}"
        "body{font:10pt 'DejaVu Sans',sans-serif;column-count:2;column-gap:8mm;text-align:justify}"
        "h2{font-size:11pt}",
        speaker="inline-bold",
    ),
    # Letter, serif, narrow justified hyphenated column, bold name on its own line
    "chromium-letter-serif": dict(
        css="@page{size:Letter;margin:25mm 45mm;"
        "@bottom-center{content:counter(page);font:10pt serif}"
        "@top-right{content:'27 July 2022';font:italic 9pt serif}}"
        "body{font:11.5pt 'Liberation Serif',serif;text-align:justify;hyphens:auto}"
        "h2{font-size:13pt;text-align:center}",
        speaker="own-line",
    ),
    # A4, left-aligned, <ol>/<ul> lists (markers drawn by the browser), small caps-ish headings
    "chromium-lists": dict(
        css="@page{size:A4;margin:20mm 25mm;"
        "@bottom-left{content:'GPAJ / KPC';font:8pt sans-serif}"
        "@bottom-right{content:counter(page) ' / ' counter(pages);font:8pt sans-serif}}"
        "body{font:11pt 'Liberation Sans',sans-serif;line-height:1.4}"
        "h2{font-size:12pt;text-transform:none;border-bottom:1px solid #000}",
        speaker="bold-colon-block",
        lists=True,
    ),
    # A5, ragged right with hyphenation, paragraphs told only by a first-line indent
    "chromium-a5-indent": dict(
        css="@page{size:A5;margin:15mm 14mm;"
        "@top-right{content:'Page ' counter(page) ' of ' counter(pages);font:7pt sans-serif}}"
        "body{font:9pt 'Liberation Serif',serif;hyphens:auto} p{margin:0;text-indent:1.5em}"
        ".title{text-indent:0} h2{font-size:10pt;margin:0.6em 0 0.2em 0}",
        speaker="inline-bold",
    ),
    # A4 landscape, three columns
    "chromium-threecol": dict(
        css="@page{size:A4 landscape;margin:15mm;"
        "@bottom-center{content:counter(page);font:8pt sans-serif}}"
        "body{font:9pt 'Liberation Sans',sans-serif;column-count:3;column-gap:7mm;text-align:justify}"
        "h2{font-size:10pt}",
        speaker="own-line",
    ),
}


def to_html(rows, v):
    lists = v.get("lists", False)
    body = []
    open_list = None

    def close():
        nonlocal open_list
        if open_list:
            body.append("</%s>" % open_list)
            open_list = None

    for kind, ln in rows:
        e = html.escape(ln)
        if lists and kind in ("item", "sub"):
            m = re.match(r"^(\d+)\.\s(.*)$", ln)
            if m:
                tag, inner, attr = "ol", html.escape(m.group(2)), ' value="%s"' % m.group(1)
            else:
                tag, inner, attr = "ul", html.escape(ln[2:]), ""
                if kind == "sub":
                    attr = ' style="list-style-type:circle;margin-left:2em"'
            if open_list != tag:
                close()
                body.append("<%s style='margin:0 0 0.5em 0'>" % tag)
                open_list = tag
            body.append("<li%s>%s</li>" % (attr, inner))
            continue
        close()
        if kind == "title":
            body.append("<p class=title><b>%s</b></p>" % e if ln.isupper() or "HISAJIMA" in ln else "<p class=title>%s</p>" % e)
        elif kind == "part":
            body.append("<h2>%s</h2>" % e)
        elif kind == "speaker":
            name, aff = split_speaker(ln)
            if v["speaker"] == "own-line":
                body.append("<p style='margin-bottom:0'><b>%s</b></p><p><i>%s</i></p>" % (html.escape(name), html.escape(aff)))
            else:
                body.append("<p><b>%s</b> %s</p>" % (html.escape(name), html.escape(aff)))
        elif kind == "sub":
            body.append("<p style='margin-left:2em'>%s</p>" % e)
        elif kind == "item":
            body.append("<p style='margin-left:1em'>%s</p>" % e)
        else:
            body.append("<p>%s</p>" % e)
    close()
    return "<!doctype html><html><head><meta charset=utf-8><title>report</title><style>%s %s</style></head><body>%s</body></html>" % (
        CSS_BASE,
        v["css"],
        "\n".join(body),
    )


def chromium(html_path, pdf_path):
    ud = tempfile.mkdtemp(prefix="chr-")
    try:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + ud, "--no-pdf-header-footer", "--print-to-pdf=" + pdf_path, "file://" + html_path],
            check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(ud, ignore_errors=True)


def groff_escape(s):
    s = s.replace("\\", "\\e").replace("•", "\\(bu").replace("◦", "o").replace("–", "\\(en")
    if s[:1] in ".'":
        s = "\\&" + s
    return s


def to_ms(rows):
    out = [".nr PS 11", ".nr VS 13", ".nr HM 1i", ".nr FM 1i", ".ds CH - % -", ".ds LF Seminar report", ".ds RF Page %"]
    for kind, ln in rows:
        e = groff_escape(ln)
        if kind == "title":
            out += [".DS C", e, ".DE"]
        elif kind == "part":
            out += [".SH", e]
        elif kind == "speaker":
            name, aff = split_speaker(ln)
            out += [".LP", ".B \"%s\"" % groff_escape(name), ".br", ".I \"%s\"" % groff_escape(aff).replace('"', '""')]
        elif kind in ("item", "sub"):
            out += [".IP \"\" %d" % (4 if kind == "item" else 8), e]
        else:
            out += [".PP", e]
    return "\n".join(out) + "\n"


def latin1_truth(text):
    return text.replace("•", "*").replace("◦", "-").replace("–", "-")


def main():
    truth_path, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    truth = open(truth_path, encoding="utf-8").read()
    rows = classify([ln for ln in truth.splitlines() if ln.strip()])
    entries = []

    def add(name, producer, features, text):
        tp = os.path.join(outdir, name + ".truth.txt")
        open(tp, "w", encoding="utf-8").write(text)
        # Paths relative to OUTDIR (bench/score-pdf-variants.sh makes them absolute for score.py).
        entries.append(dict(pdf=name + ".pdf", doc="seed", variant=name, truth=name + ".truth.txt", expect="text",
                            producer=producer, features=features))

    with tempfile.TemporaryDirectory() as td:
        for name, v in VARIANTS.items():
            hp = os.path.join(td, name + ".html")
            open(hp, "w", encoding="utf-8").write(to_html(rows, v))
            chromium(hp, os.path.abspath(os.path.join(outdir, name + ".pdf")))
            shown = truth
            if v.get("lists"):
                # Chromium draws <ul> disc/circle markers as shapes, not text.
                shown = re.sub(r"(?m)^[•◦] ", "", truth)
            add(name, "Chromium --print-to-pdf", [v["css"]], shown)

        # groff -ms -> PostScript -> ps2pdf: justified, groff hyphenation with real '-' at line ends
        ms = os.path.join(td, "r.ms")
        open(ms, "w", encoding="utf-8").write(to_ms(rows))
        ps = os.path.join(td, "r.ps")
        with open(ps, "wb") as f:
            subprocess.run(["groff", "-ms", "-Kutf8", "-Tps", "-dpaper=letter", ms], check=True, stdout=f)
        subprocess.run(["ps2pdf", ps, os.path.join(outdir, "groff-ms.pdf")], check=True)
        add("groff-ms", "groff -ms -Tps | ps2pdf (Ghostscript)", ["Letter", "Times", "justified", "hyphenated",
            "header '- N -'", "footer 'Page N'"], truth.replace("◦", "o"))

        # enscript: monospace, lines folded at 78 columns, fancy header with 'Page N/M'
        lt = os.path.join(td, "r.txt")
        open(lt, "w", encoding="latin-1").write(latin1_truth(truth).replace("\n", "\n\n"))
        ps2 = os.path.join(td, "e.ps")
        subprocess.run(["enscript", "-q", "--word-wrap", "-G", "-fCourier10", "-t", "Seminar report", "-X", "latin1",
                        "-o", ps2, lt], check=True)
        subprocess.run(["ps2pdf", ps2, os.path.join(outdir, "enscript.pdf")], check=True)
        add("enscript", "enscript -G --word-wrap | ps2pdf", ["Courier 10", "ragged", "fancy header with page N/M"],
            latin1_truth(truth))

        # Ghostscript pdfwrite re-distill and qpdf rewrites of a Chromium variant
        src = os.path.join(outdir, "chromium-letter-serif.pdf")
        subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
                        "-sOutputFile=" + os.path.join(outdir, "gs-rewrite.pdf"), src], check=True)
        add("gs-rewrite", "Ghostscript pdfwrite of chromium-letter-serif.pdf", ["re-distilled fonts"], truth)
        subprocess.run(["qpdf", "--object-streams=generate", "--compress-streams=y", src,
                        os.path.join(outdir, "qpdf-objstm.pdf")], check=True)
        add("qpdf-objstm", "qpdf --object-streams=generate", ["object streams", "xref stream"], truth)
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", src, os.path.join(outdir, "qpdf-qdf.pdf")],
                       check=True)
        add("qpdf-qdf", "qpdf --qdf", ["uncompressed", "QDF"], truth)

    json.dump({"about": "PDF variants of the seed made by bench/make-pdf-variants.py", "pdfs": entries},
              open(os.path.join(outdir, "manifest.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
