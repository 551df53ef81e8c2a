#!/usr/bin/env bash
# Scale benchmark: generate corpora of N forms with `jixiao gen`, then time read, read+score and
# read+score+check (`jixiao check --stage …`) on 1 and on all cores; report forms/s, MB/s, peak
# RSS, and the ratio to `wc -l` on the same bytes (the floor for touching the data). Compares with
# bench/baseline.tsv (committed; refresh with SAVE=1).
#
#   bash bench/run.sh            # 10^4 and 10^5 forms
#   SIZES="10000 100000 1000000" bash bench/run.sh
#   BIN=$(bash bench/pgo.sh) bash bench/run.sh   # another binary (the PGO build)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
WORK=${WORK:-/tmp/jixiao-bench}
if [ -z "${BIN:-}" ]; then
  cargo build --release -q -p jixiao-cli
  BIN=${CARGO_TARGET_DIR:-target}/release/jixiao
fi
mkdir -p "$WORK"
out=$(mktemp)
printf "forms\tstage\tthreads\tseconds\tforms_per_s\tmb_per_s\tpeak_rss_mb\twc_l_seconds\n" > "$out"
for n in $SIZES; do
  dir="$WORK/corpus-$n"
  if [ ! -f "$dir/manifest.json" ]; then
    "$BIN" gen --forms "$n" --seed 42 --forms-per-file 1000 -o "$dir" >/dev/null
  fi
  bytes=$(cat "$dir"/forms-*.txt | wc -c)
  mb=$(echo "$bytes / 1000000" | bc -l)
  wc_s=$( { /usr/bin/time -f "%e" sh -c "cat $dir/forms-*.txt | wc -l >/dev/null"; } 2>&1 | tail -1 )
  for stage in read score check; do
    for threads in 1 $(nproc); do
      # exit code 1 (error findings) is expected on a corpus with injected defects
      t=$( { /usr/bin/time -f "%e %M" "$BIN" check --stage "$stage" --format summary --jobs "$threads" --no-batch "$dir" >/dev/null || true; } 2>&1 | tail -1 )
      secs=${t% *}; rss_kb=${t#* }
      fps=$(echo "$n / $secs" | bc -l)
      mbs=$(echo "$mb / $secs" | bc -l)
      printf "%s\t%s\t%s\t%s\t%.0f\t%.1f\t%.0f\t%s\n" "$n" "$stage" "$threads" "$secs" "$fps" "$mbs" "$(echo "$rss_kb/1024" | bc -l)" "$wc_s" >> "$out"
    done
  done
done
column -t -s $'\t' "$out"
if [ "${SAVE:-}" = 1 ]; then
  cp "$out" bench/baseline.tsv
  echo "baseline saved to bench/baseline.tsv"
elif [ -f bench/baseline.tsv ]; then
  echo "--- compared with bench/baseline.tsv (forms/s now / baseline)"
  awk -F'\t' 'NR==FNR { if (FNR>1) base[$1" "$2" "$3]=$5; next }
              FNR>1 && (($1" "$2" "$3) in base) { r=$5/base[$1" "$2" "$3];
                printf "%-8s %-6s %s threads  %.2f×%s\n", $1, $2, $3, r, (r<0.77?"  ← REGRESSION":"") }' bench/baseline.tsv "$out"
fi
