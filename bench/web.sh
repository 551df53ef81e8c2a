#!/bin/sh
# Web page timings with a store of generated forms (default 100000): p50/p99 per page.
# Usage: bench/web.sh [FORMS] [REQUESTS_PER_PAGE]
set -e
cd "$(dirname "$0")/.."
exec cargo run --release -p jixiao-web --example bench_pages -- "${1:-100000}" "${2:-50}"
