#!/usr/bin/env bash
# Fuzz the JSON API with schemathesis against its own OpenAPI document.
#
#   bench/schemathesis.sh [extra schemathesis args…]
#
# Installs schemathesis in a venv ($ST_VENV, default /tmp/jixiao-st), starts
# `jixiao serve --demo` on a fresh data directory, signs in as admin, issues a bearer token,
# runs every check over every operation (logout included: with a bearer token it ends no
# session), and stops the server. Exit status is schemathesis's, or 1 if the server panicked.
#
# Environment: JIXIAO (the binary; default target/debug/jixiao, built if missing), PORT (18080),
# EXAMPLES (max examples per operation, 30), SEED (1), PYTHON (python3; schemathesis 4 needs
# ≥ 3.10, and its coverage phase crashed inside Hypothesis on CPython 3.11.7 — use 3.12+),
# REPORT_DIR (where the NDJSON report goes, default target/schemathesis).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
EXAMPLES=${EXAMPLES:-30}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
ST_VENV=${ST_VENV:-/tmp/jixiao-st}
REPORT_DIR=${REPORT_DIR:-target/schemathesis}
JIXIAO=${JIXIAO:-target/debug/jixiao}

if [ ! -x "$ST_VENV/bin/schemathesis" ]; then
    "$PYTHON" -m venv "$ST_VENV"
    "$ST_VENV/bin/pip" install -q schemathesis
fi
if [ ! -x "$JIXIAO" ]; then
    cargo build -p jixiao-cli
fi

DATA=$(mktemp -d)
LOG="$DATA/server.log"
"$JIXIAO" serve --demo --addr "127.0.0.1:$PORT" --data "$DATA/data" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
    grep -q "listening on" "$LOG" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.1
done
BASE="http://127.0.0.1:$PORT"

# Sign in (cookie + CSRF token), then issue a bearer token: no cookie, no CSRF, no further logins
# (login is rate limited).
JAR="$DATA/cookies"
CSRF=$(curl -sf -c "$JAR" -H 'content-type: application/json' \
    -d '{"username":"admin","password":"jixiao-demo"}' "$BASE/api/login" |
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
TOKEN=$(curl -sf -b "$JAR" -H "X-CSRF-Token: $CSRF" -H 'content-type: application/json' \
    -d '{"name":"schemathesis"}' "$BASE/api/tokens" |
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["token"])')

mkdir -p "$REPORT_DIR"
set +e
"$ST_VENV/bin/schemathesis" run "$BASE/api/openapi.json" \
    -H "Authorization: Bearer $TOKEN" \
    --checks all \
    --max-examples "$EXAMPLES" --seed "$SEED" --workers 2 \
    --report ndjson --report-dir "$REPORT_DIR" \
    "$@"
STATUS=$?
set -e
if grep -q "panicked" "$LOG"; then
    echo "the server panicked:" >&2
    grep -A3 "panicked" "$LOG" >&2
    STATUS=1
fi
exit $STATUS
