#!/bin/sh
# Regenerate the PDF variants of the seed (see bench/make-pdf-variants.py), then score them with
# bench/score-pdf-variants.sh OUTDIR. fixtures/pdf/variants keeps only the small ones the tests use.
# Usage: bench/make-pdf-variants.sh [TRUTH] [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
truth=${1:-/work/shared/corpus/seed/ground-truth.txt}
out=${2:-/tmp/pdf-variants}
exec python3 "$here/make-pdf-variants.py" "$truth" "$out"
