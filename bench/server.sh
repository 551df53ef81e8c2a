#!/usr/bin/env bash
# Server benchmark: import N generated forms (jixiao gen's generator) into SQLite and into
# PostgreSQL, then list/dashboard latency over HTTP (p50/p99) with C concurrent clients.
#   bash bench/server.sh [FORMS=100000] [CONCURRENCY=8] [REQUESTS=400]
# PostgreSQL runs when JIXIAO_BENCH_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) is set:
# a fresh database is created next to it and dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
forms="${1:-100000}"; conc="${2:-8}"; reqs="${3:-400}"
cargo build --release -q -p jixiao-server --example bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/bench"
echo "== sqlite"
"$bin" "$forms" sqlite "$conc" "$reqs"
if [ -n "${JIXIAO_BENCH_PG_URL:-}" ]; then
  db="jixiao_bench_$$"
  psql "$JIXIAO_BENCH_PG_URL" -qc "CREATE DATABASE $db"
  trap 'psql "$JIXIAO_BENCH_PG_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
  echo "== postgres"
  "$bin" "$forms" "${JIXIAO_BENCH_PG_URL%/*}/$db" "$conc" "$reqs"
else
  echo "skipped postgres: set JIXIAO_BENCH_PG_URL"
fi
