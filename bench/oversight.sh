#!/usr/bin/env bash
# The oversight page at scale (issue 14): a fresh PostgreSQL database, N synthetic people with a year of history,
# then bench/oversight.py. `BENCH_PEOPLE` (default 100000), `BENCH_ROUNDS` (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${BENCH_PEOPLE:-100000}"
DB="safeplan_bench_oversight"
PG="postgres://postgres@127.0.0.1:5432"
export DATABASE_URL="$PG/$DB" SAFEPLAN_DATA_DIR="$(mktemp -d)"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
uv run safeplan migrate --no-input -v0
time uv run safeplan seed --people "$PEOPLE"
time uv run safeplan seed_history
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
uv run python bench/oversight.py --rounds "${BENCH_ROUNDS:-5}"
