#!/usr/bin/env bash
# The crisis page on a phone over Slow 4G (issue 15): Largest Contentful Paint and bytes, cold and warm, measured in
# Chromium with the DevTools protocol's network throttling, against gunicorn with production static settings
# (hashed, compressed, long-lived assets from collectstatic and WhiteNoise) on PostgreSQL with the demo's people.
#
#   make bench-phone              # 5 rounds
#   BENCH_ROUNDS=9 make bench-phone
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8766}
DB=safeplan_phone
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export SAFEPLAN_DEMO_PASSWORD=${SAFEPLAN_DEMO_PASSWORD:-safeplan-demo-2026}
export PYTHONPATH=.

echo "== seeding the demo into PostgreSQL database ${DB}"
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
uv run safeplan migrate --no-input -v0
uv run safeplan seed_demo >/dev/null

source bench/production.sh

uv run gunicorn safeplan.config.wsgi -w 2 -b "127.0.0.1:${PORT}" --log-level warning --access-logfile /dev/null \
  >build/bench-phone-gunicorn.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/health/" >/dev/null && break; sleep 0.2; done

uv run python bench/phone.py "http://localhost:${PORT}" "$server"
