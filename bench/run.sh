#!/usr/bin/env bash
# The hot path (issue 16): a signed-in floor page, the audited record page and a plan page on PostgreSQL, served by
# gunicorn with production settings (hashed, compressed, long-lived assets), load from wrk in a second process, in
# interleaved rounds; the same pages on a second server whose workers write no audit row; SQL statements per page;
# audit appends under 8 writers (three designs); no audit row lost when workers are killed mid-request. Prints
# every target with its figure and PASS or FAIL; exits 1 if any fails.
#
#   make bench                                            # 1,000 and then 100,000 people
#   BENCH_PEOPLE="1000" BENCH_ROUNDS=3 BENCH_SECONDS=5 make bench
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_PEOPLE:-"1000 100000"}
export BENCH_WORKERS=${BENCH_WORKERS:-3}
PORT=${BENCH_PORT:-8765}
UNAUDITED_PORT=$((PORT + 1))
export DJANGO_SETTINGS_MODULE=safeplan.config.settings
export PYTHONPATH=.
export BENCH_RUN=${BENCH_RUN:-$(date -u +%Y%m%dT%H%M%S)}  # which figures in bench/results/hot_path.jsonl are this run's


command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v ss >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null; }
mkdir -p bench/results
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"  # production settings need one; each size sets its own
source bench/production.sh

failed=0
servers=()
sized=()  # "people|audit rows|database" of each size measured, for the scale target
stop() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; servers=(); }
trap stop EXIT

GUNICORN=$(uv run python -c 'import shutil; print(shutil.which("gunicorn"))')  # run directly: its pid is the server's
serve() {  # port [gunicorn config]: start a server of our own and print its pid
  "$GUNICORN" safeplan.config.wsgi -w "$BENCH_WORKERS" -b "127.0.0.1:$1" ${2:+-c "$2"} --log-level warning \
    --access-logfile /dev/null >>bench/results/gunicorn.log 2>&1 &
  echo $!
}

seeded() {  # people rows: whether this database holds a finished seed of that size (BENCH_REUSE_DB=1 only)
  [ "${BENCH_REUSE_DB:-0}" = 1 ] || return 1
  [ "$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT people, audit_rows FROM bench_seeded" 2>/dev/null)" = "$1|$2" ]
}

for people in $SIZES; do
  # The largest data set also gets a year of audit trail (10 million rows by default); the smallest keeps it empty.
  rows=0
  if [ "$people" -ge 100000 ]; then rows=${BENCH_AUDIT_ROWS:-10000000}; fi
  export BENCH_AUDIT_ROWS_SEEDED=$rows
  DB="safeplan_bench_${people}"
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
  if [ "$rows" -gt 0 ] && seeded "$people" "$rows"; then
    # Seeding 100,000 people and 10 million audit rows takes about half an hour: BENCH_REUSE_DB=1 keeps a finished
    # one (only one with an audit trail: the small set is always seeded afresh, its trail empty).
    echo "== ${people} people: reusing the finished seed in ${DB} (BENCH_REUSE_DB=1)"
    uv run safeplan migrate --no-input -v0
  else
    echo "== ${people} people: seeding PostgreSQL database ${DB}"
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
    createdb -h 127.0.0.1 -U postgres "$DB"
    uv run safeplan migrate --no-input -v0
    uv run safeplan seed --people "$people" >/dev/null
    # A year of plans, reviews, decisions, concerns and follow-ups for everyone (a seeding command, which refuses
    # production settings: these are the bench's only, and only for writing the synthetic data).
    SAFEPLAN_PRODUCTION=false uv run safeplan seed_history >/dev/null
    if [ "$rows" -gt 0 ]; then uv run safeplan seed_audit --rows "$rows"; fi
    psql -h 127.0.0.1 -U postgres -d "$DB" -qc \
      "CREATE TABLE bench_seeded (people int, audit_rows bigint); INSERT INTO bench_seeded VALUES ($people, $rows)" \
    -c "VACUUM ANALYZE"
  fi
  read -r cookie_name cookie person plan < <(uv run python bench/session.py)

  audited=$(serve "$PORT")
  unaudited=$(serve "$UNAUDITED_PORT" bench/unaudited.py)
  servers=("$audited" "$unaudited")
  for port in "$PORT" "$UNAUDITED_PORT"; do
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:${port}/health/" >/dev/null && break; sleep 0.2; done
  done

  uv run python bench/queries.py "$person" "$plan" || failed=1
  uv run python bench/hot_path.py "$people" "http://127.0.0.1:${PORT}" "$audited" \
    "http://127.0.0.1:${UNAUDITED_PORT}" "$unaudited" "$cookie_name" "$cookie" "$person" "$plan" || failed=1
  # Last on this server: its workers are killed with SIGKILL mid-request, and no audit row may be lost.
  uv run python bench/kill9.py "http://127.0.0.1:${PORT}" "$audited" "$cookie_name" "$cookie" "$person" || failed=1
  stop
  sized+=("${people}|${rows}|${DATABASE_URL}")
done

echo "== scale: the smallest and the largest data set, interleaved"
if [ "${#sized[@]}" -gt 1 ]; then
  scale_args=()
  port=$((PORT + 2))
  for size in "${sized[0]}" "${sized[-1]}"; do
    IFS='|' read -r people rows url <<<"$size"
    # A session of its own, signed in now: the first size's would have been idle past the timeout while the
    # largest was seeded.
    read -r cookie_name cookie person _plan < <(DATABASE_URL="$url" uv run python bench/session.py)
    pid=$(DATABASE_URL="$url" serve "$port")
    servers+=("$pid")
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:${port}/health/" >/dev/null && break; sleep 0.2; done
    scale_args+=("${people},${rows},http://127.0.0.1:${port},${pid},${cookie_name}=${cookie},${person}")
    port=$((port + 1))
  done
  uv run python bench/scale.py "${scale_args[@]}" || failed=1
  stop
else
  echo "  FAIL  record page p95 at the largest data set ÷ at the smallest: not measured (one size in this run)"
  failed=1
fi

echo "== audit appends, 8 concurrent writers, on the last data set"
uv run python bench/audit_append.py || failed=1


exit "$failed"
