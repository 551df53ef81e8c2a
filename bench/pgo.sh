#!/usr/bin/env bash
# A profile-guided (PGO) build of the `jixiao` CLI, for deployments that check a province's
# forms in bulk. Four steps:
#   1. an instrumented release build (-Cprofile-generate),
#   2. a training run: `jixiao check` (summary and jsonl) on a generated corpus whose seed (1)
#      differs from the benchmarks' (42), and on the repository's fixtures,
#   3. `llvm-profdata merge` (its LLVM major version must be rustc's: `rustc -vV`),
#   4. the optimised build (-Cprofile-use) in the `dist` profile (release + fat LTO).
# Prints the path of the optimised binary. Outputs are the same as a release build's (the
# compiler only lays out and inlines differently); `BIN=<it> bash bench/run.sh` times it.
#
#   bash bench/pgo.sh                      # needs llvm-profdata-NN (apt-get install llvm-NN)
#   LLVM_PROFDATA=/path/to/llvm-profdata bash bench/pgo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
llvm_major=$(rustc -vV | awk '/^LLVM version:/ { split($3, v, "."); print v[1] }')
PROFDATA=${LLVM_PROFDATA:-$(command -v "llvm-profdata-$llvm_major" || true)}
if [ -z "$PROFDATA" ]; then
  echo "llvm-profdata for LLVM $llvm_major is needed (apt-get install llvm-$llvm_major)" >&2
  exit 2
fi
TARGET=${PGO_TARGET_DIR:-$ROOT/target/pgo}
DATA=${PGO_DATA_DIR:-$TARGET/data}
FORMS=${PGO_TRAIN_FORMS:-20000}
rm -rf "$DATA/raw"
mkdir -p "$DATA/raw"

echo "== 1/4 instrumented build" >&2
CARGO_TARGET_DIR="$TARGET/generate" RUSTFLAGS="-Cprofile-generate=$DATA/raw" \
  cargo build --release -q -p jixiao-cli
trained="$TARGET/generate/release/jixiao"

echo "== 2/4 training run on $FORMS generated forms (seed 1)" >&2
corpus="$DATA/corpus-$FORMS"
[ -d "$corpus" ] || "$trained" gen --forms "$FORMS" --seed 1 -o "$corpus" >/dev/null
"$trained" check --format summary --no-batch "$corpus" >/dev/null || true
"$trained" check --format jsonl --no-batch "$corpus" >/dev/null || true
"$trained" check --format jsonl tests/fixtures >/dev/null 2>&1 || true

echo "== 3/4 merging the profiles" >&2
"$PROFDATA" merge -o "$DATA/merged.profdata" "$DATA"/raw/*.profraw

echo "== 4/4 optimised build (dist profile, -Cprofile-use)" >&2
CARGO_TARGET_DIR="$TARGET/use" \
  RUSTFLAGS="-Cprofile-use=$DATA/merged.profdata" \
  cargo build --profile dist -q -p jixiao-cli
echo "$TARGET/use/dist/jixiao"
