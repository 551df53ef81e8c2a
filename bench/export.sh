#!/usr/bin/env bash
# Export throughput: 10,000 generated forms (half shenzhen_2022, half central_2020) to xlsx, csv,
# json and parquet, with and without findings; prints forms/s per format (release build).
# Usage: bash bench/export.sh [FORMS] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p jixiao-export --example bench_export -- "${1:-10000}" "${2:-${TMPDIR:-/tmp}/jixiao-export-bench}"
