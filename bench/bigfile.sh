#!/usr/bin/env bash
# One large file: concatenate a generated corpus into a single text file of about SIZE_MB
# (default 2000 MB), run `jixiao check --format summary` on it (streamed in pieces read in
# parallel), and print seconds, forms/s, MB/s and peak RSS (the memory bound of issue "Scale").
#
#   bash bench/bigfile.sh               # ~2 GB in /tmp/jixiao-bench (deleted afterwards)
#   SIZE_MB=200 KEEP=1 STAGES=check THREADS=2 bash bench/bigfile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-2000}
WORK=${WORK:-/tmp/jixiao-bench}
cargo build --release -q -p jixiao-cli
BIN=${CARGO_TARGET_DIR:-target}/release/jixiao
mkdir -p "$WORK"
src="$WORK/corpus-10000"
if [ ! -f "$src/manifest.json" ]; then
  "$BIN" gen --forms 10000 --seed 42 --forms-per-file 1000 -o "$src" >/dev/null
fi
one="$WORK/one-10000.txt"
cat "$src"/forms-*.txt > "$one"
one_mb=$(( $(stat -c %s "$one") / 1000000 ))
copies=$(( (SIZE_MB + one_mb - 1) / one_mb ))
big="$WORK/big-${SIZE_MB}mb.txt"
rm -f "$big"
for _ in $(seq "$copies"); do cat "$one" >> "$big"; done
rm -f "$one"
bytes=$(stat -c %s "$big")
forms=$(( copies * 10000 ))
printf "file: %s, %.0f MB, %d forms\n" "$big" "$(echo "$bytes/1000000" | bc -l)" "$forms"
wc_s=$( { /usr/bin/time -f "%e" sh -c "wc -l $big >/dev/null"; } 2>&1 | tail -1 )
printf "stage\tthreads\tseconds\tforms_per_s\tmb_per_s\tpeak_rss_mb\twc_l_seconds\n"
for stage in ${STAGES:-read check}; do
  for threads in ${THREADS:-1 $(nproc)}; do
    t=$( { /usr/bin/time -f "%e %M" "$BIN" check --stage "$stage" --format summary --jobs "$threads" --no-batch "$big" >/dev/null || true; } 2>&1 | tail -1 )
    secs=${t% *}; rss_kb=${t#* }
    printf "%s\t%s\t%s\t%.0f\t%.1f\t%.0f\t%s\n" "$stage" "$threads" "$secs" "$(echo "$forms/$secs" | bc -l)" \
      "$(echo "$bytes/1000000/$secs" | bc -l)" "$(echo "$rss_kb/1024" | bc -l)" "$wc_s"
  done
done
[ "${KEEP:-}" = 1 ] || rm -f "$big"
