#!/bin/sh
# Score rapporteur on the PDF variants (bench/make-pdf-variants.sh): CER/WER next to pdftotext
# (/work/shared/corpus/tools/score.py), then score_gold overall per PDF.
# Usage: bench/score-pdf-variants.sh [VARIANT_DIR]   (default fixtures/pdf/variants)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(cd "${1:-$root/fixtures/pdf/variants}" && pwd)
bin=$root/target/release/rapporteur
man=$(mktemp)
trap 'rm -f "$man"' EXIT
# score.py resolves manifest paths against its own corpus folder: make them absolute.
python3 - "$dir" "$man" <<'PY'
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(d, "manifest.json")))
m["pdfs"] = [dict(e, pdf=os.path.join(d, e["pdf"]), truth=os.path.join(d, e["truth"]))
             for e in m["pdfs"] if os.path.exists(os.path.join(d, e["pdf"]))]
json.dump(m, open(out, "w"))
PY
python3 /work/shared/corpus/tools/score.py --manifest "$man" --runs 1 \
  --cmd "rapporteur=$bin extract --text {pdf}" --cmd "pdftotext=pdftotext -enc UTF-8 {pdf} -" |
  awk '/^[|] PDF [|] rapporteur/{p=1} p&&/^$/{exit} p'
for f in "$dir"/*.pdf; do
  printf '%s ' "$(basename "$f")"
  python3 /work/shared/tools/score_gold.py /work/shared/gold/hisajima-2022-07-27.gold.json \
    --cmd "$bin extract {input}" --input "$f" 2>&1 | grep 'overall' | head -1
done
