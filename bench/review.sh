#!/usr/bin/env bash
# The cost of --review: alternates `rapporteur run` without and with
# --review over one corpus folder, a fresh --out each time (under
# $OUT_ROOT, default a new folder in /dev/shm so that file creation on a
# disk that just deleted many files does not dominate), and prints per
# round: mode, round, wall seconds, CPU seconds (user + sys); then the
# medians and their ratio.
#
# Usage: bench/review.sh CORPUS [ROUNDS]   (RAPPORTEUR=binary, JOBS=2)
set -euo pipefail
corpus=$1
rounds=${2:-7}
bin=${RAPPORTEUR:-target/release/rapporteur}
jobs=${JOBS:-2}
root=${OUT_ROOT:-$(mktemp -d /dev/shm/rapporteur-review-bench.XXXXXX)}
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
rows=$(mktemp)
for r in $(seq 1 "$rounds"); do
    for mode in plain review; do
        out=$root/out-$mode-$r
        flag=()
        [[ $mode == review ]] && flag=(--review)
        /usr/bin/time -f "$mode $r %e %U %S" -o "$rows.t" "$bin" run "$corpus" --out "$out" -j "$jobs" --quiet "${flag[@]}" 2>/dev/null || true
        awk '{printf "%s %s %s %.2f\n", $1, $2, $3, $4 + $5}' "$rows.t" | tee -a "$rows"
    done
done
python3 - "$rows" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
for col, name in ((2, "wall"), (3, "cpu")):
    p = [float(r[col]) for r in rows if r[0] == "plain"]
    v = [float(r[col]) for r in rows if r[0] == "review"]
    print(f"{name}: median {st.median(p):.2f} s without, {st.median(v):.2f} s with --review, ratio {st.median(v) / st.median(p):.3f}")
PY
rm -rf "$root" "$rows" "$rows.t"
