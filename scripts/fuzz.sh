#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS seconds each (default 60),
# on stable Rust: `cargo fuzz run -s none` (no sanitizer; stable rejects
# -Zsanitizer). Installs cargo-fuzz when it is missing.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# New corpus entries go to fuzz/corpus/<target> (not committed); committed
# seed inputs, when there are any, are read from fuzz/seeds/<target>. A crash
# leaves its input in fuzz/artifacts/<target> and makes this script fail.
set -euo pipefail

secs="${1:-60}"
shift || true
cd "$(dirname "$0")/.."

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    dirs=("fuzz/corpus/$t")
    if [ -d "fuzz/seeds/$t" ]; then
        dirs+=("fuzz/seeds/$t")
    fi
    echo "== fuzz target $t for ${secs}s"
    # -timeout: any single input taking over 10 s counts as a failure (a
    # super-linear blowup); -max_len bounds inputs to 64 KiB.
    cargo fuzz run -s none "$t" "${dirs[@]}" -- \
        -max_total_time="$secs" -timeout=10 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1
done
