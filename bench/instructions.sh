#!/usr/bin/env bash
# Instruction counts per form (valgrind --tool=callgrind): steady on this shared 2-core machine,
# where wall-clock times vary by 30 % between two runs of the same binary. Generates FORMS
# forms (default 400, seed 42, one file), runs the core's `read_files` example through read,
# read+score and read+score+check under callgrind, and prints instructions per form for the
# whole run and for each stage's own function (read::read_bytes, score::evaluate,
# check::check_form). Compares with bench/baseline-instructions.tsv (committed; refresh with
# SAVE=1); more than 3 % over the baseline is flagged as a regression and exits 1.
#
#   bash bench/instructions.sh
#   FORMS=1000 bash bench/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FORMS=${FORMS:-400}
WORK=${WORK:-/tmp/jixiao-bench}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
cargo build --release -q -p jixiao-core --example read_files
cargo build --release -q -p jixiao-gen --example gen_corpus
T=${CARGO_TARGET_DIR:-target}/release/examples
dir="$WORK/instr-$FORMS"
[ -f "$dir/forms-00000.txt" ] || "$T/gen_corpus" "$FORMS" 42 "$FORMS" "$dir" >/dev/null
file="$dir/forms-00000.txt"
out=$(mktemp)
printf "forms\tmeasure\tinstructions_per_form\n" > "$out"
# Inclusive cost of one function in a callgrind profile.
inclusive() {
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null \
    | awk -v f="$2" '!done && index($0, f" [") { gsub(",", "", $1); print $1; done = 1 }'
}
for stage in read score check; do
  cg="$dir/cg-$stage.out"
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$T/read_files" --stage "$stage" "$file" \
    >/dev/null 2>"$dir/vg-$stage.log"
  total=$(awk '/Collected :/ { print $NF }' "$dir/vg-$stage.log")
  printf "%s\trun_%s\t%.0f\n" "$FORMS" "$stage" "$(echo "$total / $FORMS" | bc -l)" >> "$out"
  case $stage in
    read) fn=jixiao_core::read::read_bytes ;;
    score) fn=jixiao_core::score::evaluate ;;
    check) fn=jixiao_core::check::check_form ;;
  esac
  n=$(inclusive "$cg" "$fn")
  [ -n "$n" ] && printf "%s\t%s\t%.0f\n" "$FORMS" "${fn##*::}" "$(echo "$n / $FORMS" | bc -l)" >> "$out"
done
column -t -s $'\t' "$out"
if [ "${SAVE:-}" = 1 ]; then
  cp "$out" bench/baseline-instructions.tsv
  echo "baseline saved to bench/baseline-instructions.tsv"
elif [ -f bench/baseline-instructions.tsv ]; then
  echo "--- compared with bench/baseline-instructions.tsv (instructions now / baseline)"
  awk -F'\t' 'NR==FNR { if (FNR>1) base[$1" "$2]=$3; next }
              FNR>1 && (($1" "$2) in base) { r=$3/base[$1" "$2];
                printf "%-6s %-12s %.3f×%s\n", $1, $2, r, (r>1.03?"  ← REGRESSION":"");
                if (r>1.03) bad=1 }
              END { exit bad }' bench/baseline-instructions.tsv "$out"
fi
