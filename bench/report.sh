#!/usr/bin/env bash
# Report benchmark: generate N forms with `jixiao gen` (release build), then time
# `jixiao report --to html` and `--to pdf` on them (batch part over all forms + the
# --forms-limit forms most in need of review in full). Prints seconds and output sizes.
#
#   bash bench/report.sh                 # 10,000 forms, default --forms-limit
#   N=10000 LIMIT=200 bash bench/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
LIMIT=${LIMIT:-50}
WORK=${WORK:-/tmp/jixiao-bench-report}
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p jixiao-cli
BIN=${CARGO_TARGET_DIR:-target}/release/jixiao
dir="$WORK/corpus-$N"
if [ ! -f "$dir/manifest.json" ]; then
  "$BIN" gen --forms "$N" --seed 42 --forms-per-file 1000 -o "$dir" >/dev/null
fi
printf "forms\tto\tforms_limit\tseconds\tcheck_seconds\tpeak_rss_mb\toutput_mb\n"
for to in html pdf; do
  out="$WORK/report-$N.$to"
  # exit code 1 (error findings) is expected on a corpus with injected defects
  t=$( { /usr/bin/time -f "%e %M" "$BIN" report --to "$to" --forms-limit "$LIMIT" --format json \
        -o "$out" "$dir" > "$WORK/report-$N-$to.json" || true; } 2>&1 | tail -1 )
  secs=${t% *}; rss_kb=${t#* }
  check_s=$(python3 -c "import json;print(json.load(open('$WORK/report-$N-$to.json'))['seconds']['check'])")
  printf "%s\t%s\t%s\t%s\t%s\t%.0f\t%.1f\n" "$N" "$to" "$LIMIT" "$secs" "$check_s" \
    "$(echo "$rss_kb/1024" | bc -l)" "$(echo "$(stat -c %s "$out")/1000000" | bc -l)"
done
