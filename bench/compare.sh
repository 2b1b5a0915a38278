#!/usr/bin/env bash
# rapporteur against pdftotext and mutool, side by side, in one run.
#
# Builds a corpus in a temporary folder from the shared PDFs and text, installs
# the peers if they are missing (Debian: poppler-utils, mupdf-tools, qpdf,
# time), then times, alternating over ROUNDS rounds:
#   rapporteur run on the PDFs        (--jobs $JOBS --force --quiet, fresh --out)
#   pdftotext on the same PDFs        ($JOBS at a time, xargs -P)
#   mutool draw -F txt on them        (likewise)
#   rapporteur run on the text reports
# and the checks: the 1,000-page PDF against the same pages as single-page
# PDFs; a batch of 100 against one of 4,000 text documents (throughput and
# peak RSS); an incremental rerun with nothing changed against the full run.
# Prints pages/s, MB/s, peak RSS and the rapporteur/peer ratios per round with
# the median, and writes the markdown table to $RESULTS.
#
# Usage: bench/compare.sh            (the full run, ~10-20 minutes on 2 cores)
#        QUICK=1 bench/compare.sh    (small corpus, 2 rounds: checks the script)
#
# Environment (defaults in brackets):
#   ROUNDS [3]  JOBS [2]  N_PDF [400]  BIG_PAGES [1000]  N_TEXT [2000]
#   SCALE_SMALL [100]  SCALE_LARGE [4000]  QUICK [0]
#   RAPPORTEUR  the binary [build target/release/rapporteur with cargo]
#   SHARED      the shared material [../shared beside the repository]
#   WORKDIR     where the corpus and outputs go [a new temporary folder]
#   KEEP [0]    1 keeps WORKDIR at the end
#   OUT_ROOT    where the runs write their outputs [$WORKDIR/out]; every run
#               writes a new folder and none is deleted before the end (on
#               ext4 without a journal, creating files just after deleting
#               many scans the recently freed inodes: deleting between runs
#               would slow the next run's writes, an artifact of the bench)
#   RESULTS     the markdown table [bench/results/latest.md]; the raw timings
#               go beside it as .tsv
#   INSTALL [1] 0 never calls apt-get
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
    ROUNDS=${ROUNDS:-2} N_PDF=${N_PDF:-40} BIG_PAGES=${BIG_PAGES:-100} N_TEXT=${N_TEXT:-200}
    SCALE_SMALL=${SCALE_SMALL:-10} SCALE_LARGE=${SCALE_LARGE:-400}
fi
ROUNDS=${ROUNDS:-3}
JOBS=${JOBS:-2}
N_PDF=${N_PDF:-400}
BIG_PAGES=${BIG_PAGES:-1000}
N_TEXT=${N_TEXT:-2000}
SCALE_SMALL=${SCALE_SMALL:-100}
SCALE_LARGE=${SCALE_LARGE:-4000}
SHARED=${SHARED:-$ROOT/../shared}
RESULTS=${RESULTS:-$ROOT/bench/results/latest.md}
INSTALL=${INSTALL:-1}
KEEP=${KEEP:-0}

log() { printf '[compare %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 2; }

# ---------------------------------------------------------------- tools
need_install=()
command -v pdftotext >/dev/null || need_install+=(poppler-utils)
command -v mutool >/dev/null || need_install+=(mupdf-tools)
command -v qpdf >/dev/null || need_install+=(qpdf)
[[ -x /usr/bin/time ]] || need_install+=(time)
command -v python3 >/dev/null || need_install+=(python3)
if ((${#need_install[@]})); then
    [[ $INSTALL == 1 ]] || die "missing ${need_install[*]} (INSTALL=0)"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    log "installing ${need_install[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

if [[ -z ${RAPPORTEUR:-} ]]; then
    log "cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet --bin rapporteur)
    RAPPORTEUR=$ROOT/target/release/rapporteur
fi
[[ -x $RAPPORTEUR ]] || die "no rapporteur binary at $RAPPORTEUR"
RAPPORTEUR=$(realpath "$RAPPORTEUR")

shopt -s nullglob
seed_pdfs=("$SHARED"/documents/*.pdf "$SHARED"/corpus/seed/*.pdf)
seed_txts=("$SHARED"/documents/*.txt)
((${#seed_pdfs[@]})) || die "no PDFs under $SHARED/documents or $SHARED/corpus/seed"
((${#seed_txts[@]})) || die "no .txt under $SHARED/documents"

WORK=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/rapporteur-bench.XXXXXX")}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
cleanup() { [[ $KEEP == 1 ]] || rm -rf "$WORK" "${OUT_ROOT:-$WORK/out}"; }
trap cleanup EXIT
log "work folder $WORK"

C=$WORK/corpus
OUT_ROOT=${OUT_ROOT:-$WORK/out}
rm -rf "$C" "$OUT_ROOT"
mkdir -p "$C"/{base,variants,pdf,big,singles,text_all,text,text_small,text_large} "$OUT_ROOT"
CORPUS_TSV=$WORK/corpus.tsv
printf 'key\tfiles\tpages\tbytes\n' >"$CORPUS_TSV"

pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
count_of() { find "$1" -type f | wc -l; }

# ---------------------------------------------------------------- corpus
log "corpus: base PDFs (distinct, with a text layer)"
declare -A seen=()
base=()
for f in "${seed_pdfs[@]}"; do
    sum=$(sha256sum "$f" | cut -c1-64)
    [[ -z ${seen[$sum]:-} ]] || continue
    seen[$sum]=1
    # A PDF without a text layer (a scan) is not what this compares; skip it.
    if [[ $(pdftotext -q "$f" - 2>/dev/null | tr -d '[:space:]' | wc -c) -lt 200 ]]; then
        log "  skip $(basename "$f"): no text layer"
        continue
    fi
    name=$(basename "$f" .pdf)
    cp "$f" "$C/base/$name.pdf"
    base+=("$C/base/$name.pdf")
done
((${#base[@]})) || die "no seed PDF has a text layer"

log "corpus: qpdf re-writes of ${#base[@]} PDFs"
variants=()
for f in "${base[@]}"; do
    name=$(basename "$f" .pdf)
    cp "$f" "$C/variants/$name.orig.pdf"
    qpdf --object-streams=generate "$f" "$C/variants/$name.objstm.pdf" || [[ $? == 3 ]]
    qpdf --linearize "$f" "$C/variants/$name.linear.pdf" || [[ $? == 3 ]]
    qpdf --stream-data=uncompress "$f" "$C/variants/$name.uncompressed.pdf" || [[ $? == 3 ]]
    variants+=("$C/variants/$name".{orig,objstm,linear,uncompressed}.pdf)
done
declare -A vpages=()
for v in "${variants[@]}"; do vpages[$v]=$(pages_of "$v"); done

log "corpus: $N_PDF PDFs"
pdf_pages=0
width=${#N_PDF}
for ((i = 0; i < N_PDF; i++)); do
    v=${variants[i % ${#variants[@]}]}
    cp "$v" "$C/pdf/$(printf "doc-%0${width}d" "$i").$(basename "$v")"
    pdf_pages=$((pdf_pages + vpages[$v]))
done
printf 'pdf\t%s\t%s\t%s\n' "$N_PDF" "$pdf_pages" "$(bytes_of "$C/pdf")" >>"$CORPUS_TSV"

log "corpus: one $BIG_PAGES-page PDF and the same pages as $BIG_PAGES single-page PDFs"
args=()
n=0
while ((n < BIG_PAGES)); do
    for f in "${base[@]}"; do
        args+=("$f")
        n=$((n + vpages[$C/variants/$(basename "$f" .pdf).orig.pdf]))
    done
done
qpdf --empty --pages "${args[@]}" -- "$C/big-untrimmed.pdf" || [[ $? == 3 ]]
qpdf --empty --pages "$C/big-untrimmed.pdf" "1-$BIG_PAGES" -- "$C/big/big.pdf" || [[ $? == 3 ]]
rm -f "$C/big-untrimmed.pdf"
[[ $(pages_of "$C/big/big.pdf") == "$BIG_PAGES" ]] || die "big.pdf does not have $BIG_PAGES pages"
qpdf --split-pages=1 "$C/big/big.pdf" "$C/singles/page.pdf" || [[ $? == 3 ]]
[[ $(count_of "$C/singles") == "$BIG_PAGES" ]] || die "split did not give $BIG_PAGES files"
printf 'big\t1\t%s\t%s\n' "$BIG_PAGES" "$(bytes_of "$C/big")" >>"$CORPUS_TSV"
printf 'singles\t%s\t%s\t%s\n' "$BIG_PAGES" "$BIG_PAGES" "$(bytes_of "$C/singles")" >>"$CORPUS_TSV"

n_all=$((N_TEXT > SCALE_LARGE ? N_TEXT : SCALE_LARGE))
n_all=$((n_all > SCALE_SMALL ? n_all : SCALE_SMALL))
log "corpus: $n_all varied text reports"
python3 "$ROOT/bench/vary_text.py" "$C/text_all" "$n_all" "${seed_txts[@]}"
mapfile -t all_txt < <(find "$C/text_all" -type f -name '*.txt' | sort)
for ((i = 0; i < n_all; i++)); do
    f=${all_txt[i]}
    ((i < N_TEXT)) && ln "$f" "$C/text/"
    ((i < SCALE_SMALL)) && ln "$f" "$C/text_small/"
    ((i < SCALE_LARGE)) && ln "$f" "$C/text_large/"
done
for k in text text_small text_large; do
    printf '%s\t%s\t\t%s\n' "$k" "$(count_of "$C/$k")" "$(bytes_of "$C/$k")" >>"$CORPUS_TSV"
done
column -t -s $'\t' "$CORPUS_TSV" >&2

# ---------------------------------------------------------------- timing
RAW=$WORK/raw.tsv
printf 'round\tlabel\tcorpus\tseconds\tmaxrss_kb\texit\tcpu_seconds\n' >"$RAW"

# measure ROUND LABEL CORPUS CMD...: wall time (ns clock), peak RSS (GNU
# time's %M: the largest resident set of the process or of any process it
# waited for) and user+system CPU seconds of one command; its output goes to
# $WORK/last.{out,err}.
measure() {
    local round=$1 label=$2 key=$3 t0 t1 rc rss cpu secs
    shift 3
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f '%M %U %S' -o "$WORK/time.out" "$@" >"$WORK/last.out" 2>"$WORK/last.err"
    rc=$?
    set -e
    t1=$(date +%s%N)
    read -r rss cpu < <(tail -n1 "$WORK/time.out" | awk '{printf "%s %.2f\n", $1, $2 + $3}')
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$key" "$secs" "$rss" "$rc" "$cpu" >>"$RAW"
    log "  round $round  $(printf '%-22s' "$label") ${secs}s  cpu ${cpu}s  $((rss / 1024)) MB  exit $rc"
    if [[ $rc != 0 ]]; then
        tail -n3 "$WORK/last.err" | sed 's/^/    | /' >&2
    fi
}

# The peers write one .txt per PDF, like rapporteur writes its outputs; xargs
# hands each shell 16 files so the shell start-up is not what is measured.
peer_cmd() {
    local tool=$1 in=$2 out=$3
    local each
    case $tool in
    pdftotext) each='pdftotext -q "$f" "$o/${f##*/}.txt"' ;;
    mutool) each='mutool draw -q -F txt -o "$o/${f##*/}.txt" "$f"' ;;
    esac
    printf '%s' "find '$in' -type f -name '*.pdf' -print0 | xargs -0 -P $JOBS -n 16 sh -c 'o=\$0; rc=0; for f; do $each 2>/dev/null || rc=1; done; exit \$rc' '$out'"
}

rapp() { # rapp ROUND LABEL CORPUS IN OUT [extra args]
    local round=$1 label=$2 key=$3 in=$4 out=$5
    shift 5
    measure "$round" "$label" "$key" "$RAPPORTEUR" run "$in" --out "$out" --jobs "$JOBS" --quiet "$@"
    # A run that wrote fewer reports than there are inputs did not do the work
    # being timed: say so next to the figure.
    local want got
    want=$(count_of "$in")
    got=$(find "$out/reports" -type f -name '*.json' 2>/dev/null | wc -l)
    [[ $got == "$want" ]] || log "  warning: $label wrote $got reports for $want inputs"
}

peer() { # peer ROUND TOOL IN OUT
    local round=$1 tool=$2 in=$3 out=$4 want got
    measure "$round" "$tool" pdf bash -c "$(peer_cmd "$tool" "$in" "$out")"
    want=$(count_of "$in")
    got=$(find "$out" -type f -name '*.txt' | wc -l)
    [[ $got == "$want" ]] || log "  warning: $tool wrote $got text files for $want inputs"
}

fresh() { rm -rf "$1"; mkdir -p "$1"; printf '%s' "$1"; }

log "warm-up (not timed)"
"$RAPPORTEUR" run "$C/variants" --out "$(fresh "$OUT_ROOT/warm")" --jobs "$JOBS" --quiet --force >/dev/null 2>&1 || true
pdftotext -q "${variants[0]}" /dev/null || true
mutool draw -q -F txt -o /dev/null "${variants[0]}" 2>/dev/null || true

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= ROUNDS; r++)); do
    log "round $r of $ROUNDS"
    O=$OUT_ROOT/round-$r
    rapp "$r" rapporteur_pdf pdf "$C/pdf" "$(fresh "$O/pdf")" --force
    rapp "$r" rapporteur_pdf_rerun pdf "$C/pdf" "$O/pdf"
    peer "$r" pdftotext "$C/pdf" "$(fresh "$O/pdftotext")"
    peer "$r" mutool "$C/pdf" "$(fresh "$O/mutool")"
    rapp "$r" rapporteur_text text "$C/text" "$(fresh "$O/text")" --force
    rapp "$r" rapporteur_text_rerun text "$C/text" "$O/text"
    rapp "$r" rapporteur_big big "$C/big" "$(fresh "$O/big")" --force
    rapp "$r" rapporteur_singles singles "$C/singles" "$(fresh "$O/singles")" --force
    rapp "$r" rapporteur_text_small text_small "$C/text_small" "$(fresh "$O/text_small")" --force
    rapp "$r" rapporteur_text_large text_large "$C/text_large" "$(fresh "$O/text_large")" --force
done

# ---------------------------------------------------------------- table
mkdir -p "$(dirname "$RESULTS")"
cp "$RAW" "${RESULTS%.md}.tsv"
cp "$CORPUS_TSV" "${RESULTS%.md}.corpus.tsv"
{
    printf 'machine\t%s cores, %s\n' "$(nproc)" "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)"
    printf 'memory\t%s\n' "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    printf 'rapporteur\t%s (%s)\n' "$("$RAPPORTEUR" --version 2>/dev/null | head -n1)" \
        "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
    printf 'pdftotext\t%s\n' "$(pdftotext -v 2>&1 | head -n1)"
    printf 'mutool\t%s\n' "$(mutool -v 2>&1 | head -n1)"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'command\t%s\n' "$(env | grep -E '^(QUICK|ROUNDS|JOBS|N_PDF|BIG_PAGES|N_TEXT|SCALE_SMALL|SCALE_LARGE)=' | sort | tr '\n' ' ')bench/compare.sh"
    printf 'load average\t%s before the rounds, %s after\n' "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$WORK/meta.tsv"
python3 "$ROOT/bench/summarize.py" "$RAW" "$CORPUS_TSV" "$WORK/meta.tsv" | tee "$RESULTS"
log "table written to $RESULTS"
