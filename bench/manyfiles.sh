#!/usr/bin/env bash
# Many small files: generate corpora of one form per file (COUNTS, default "2000 20000") and
# run `jixiao check --format summary` on each directory; peak RSS must not grow with the number
# of files (the CLI reads windows of 512 files and keeps only the running summary).
#
#   bash bench/manyfiles.sh
#   COUNTS="10000 100000" bash bench/manyfiles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"2000 20000"}
WORK=${WORK:-/tmp/jixiao-bench}
cargo build --release -q -p jixiao-cli
BIN=${CARGO_TARGET_DIR:-target}/release/jixiao
mkdir -p "$WORK"
printf "files\tseconds\tforms_per_s\tpeak_rss_mb\n"
for n in $COUNTS; do
  dir="$WORK/files-$n"
  if [ ! -f "$dir/manifest.json" ]; then
    "$BIN" gen --forms "$n" --seed 7 --forms-per-file 1 -o "$dir" >/dev/null
  fi
  t=$( { /usr/bin/time -f "%e %M" "$BIN" check --format summary --no-batch "$dir" >/dev/null || true; } 2>&1 | tail -1 )
  secs=${t% *}; rss_kb=${t#* }
  printf "%s\t%s\t%.0f\t%.0f\n" "$n" "$secs" "$(echo "$n/$secs" | bc -l)" "$(echo "$rss_kb/1024" | bc -l)"
  [ "${KEEP:-}" = 1 ] || rm -rf "$dir"
done
