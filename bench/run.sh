#!/usr/bin/env bash
# Benchmark: an audited person-record read against a bare one-query view, on PostgreSQL, served by gunicorn,
# with load from wrk in a second process. Prints the median and p95 of each and their ratio, per data-set size.
#
#   make bench                                  # 1,000 and 100,000 people
#   BENCH_PEOPLE="1000" BENCH_SECONDS=10 make bench
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_PEOPLE:-"1000 100000"}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORKERS=${BENCH_WORKERS:-3}
PORT=${BENCH_PORT:-8765}
DB=safeplan_bench
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export DJANGO_SETTINGS_MODULE=safeplan.config.settings
export PYTHONPATH=.

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p bench/results

measure() {  # name url [cookie]
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/percentiles.lua ${3:+-H "Cookie: sessionid=$3"} "$2" \
    | grep '^RESULT' | sed "s/^RESULT/$1/"
}

for people in $SIZES; do
  echo "== ${people} people: seeding PostgreSQL database ${DB}"
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  uv run safeplan migrate --no-input -v0
  uv run safeplan seed --people "$people" >/dev/null
  read -r cookie person plan < <(uv run python bench/session.py)

  uv run gunicorn safeplan.config.wsgi -w "$WORKERS" -b "127.0.0.1:${PORT}" --log-level warning \
    --access-logfile /dev/null >bench/results/gunicorn.log 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/health/" >/dev/null && break; sleep 0.2; done
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sessionid=${cookie}" "http://127.0.0.1:${PORT}/people/${person}/")
  [ "$status" = 200 ] || { echo "the record read answered ${status}, not 200"; exit 1; }

  # Warm up both paths, then measure them one after the other.
  wrk -t1 -c2 -d2s "http://127.0.0.1:${PORT}/health/" >/dev/null
  # The bare view: one query (SELECT 1), no session. The audited read: session, user, scoped access queries,
  # the page, and the hash-chained audit row in the same transaction.
  bare=$(measure bare "http://127.0.0.1:${PORT}/health/")
  audited=$(measure audited "http://127.0.0.1:${PORT}/people/${person}/" "$cookie")
  # A plan page: 30 entries, 6 differing views, built from its revisions, rendered, and audited.
  planpage=$(measure plan "http://127.0.0.1:${PORT}/people/${person}/plans/${plan}/" "$cookie")
  kill "$server"; wait "$server" 2>/dev/null || true; trap - EXIT

  echo "$bare"
  echo "$audited"
  echo "$planpage"
  python3 - "$people" "$bare" "$audited" "$planpage" <<'PY'
import sys
def parse(line):
    name, *pairs = line.split()
    return name, {k: float(v) for k, v in (p.split("=") for p in pairs)}
people = sys.argv[1]
_, bare = parse(sys.argv[2]); _, audited = parse(sys.argv[3]); _, plan = parse(sys.argv[4])
if bare["errors"] or audited["errors"]:
    sys.exit(f"errors during the run: bare {bare['errors']:.0f}, audited {audited['errors']:.0f}")
print(f"{people} people: audited record read p50 {audited['p50_ms']:.2f} ms, p95 {audited['p95_ms']:.2f} ms, "
      f"{audited['rps']:.0f} req/s | bare one-query view p50 {bare['p50_ms']:.2f} ms, p95 {bare['p95_ms']:.2f} ms, "
      f"{bare['rps']:.0f} req/s | ratio audited/bare: p50 {audited['p50_ms'] / bare['p50_ms']:.2f}x, "
      f"p95 {audited['p95_ms'] / bare['p95_ms']:.2f}x, throughput {bare['rps'] / audited['rps']:.2f}x")
if plan["errors"]:
    sys.exit(f"errors during the plan run: {plan['errors']:.0f}")
print(f"{people} people: plan page (30 entries) p50 {plan['p50_ms']:.2f} ms, p95 {plan['p95_ms']:.2f} ms, "
      f"{plan['rps']:.0f} req/s | ratio plan page/record page: p50 {plan['p50_ms'] / audited['p50_ms']:.2f}x, "
      f"throughput {audited['rps'] / plan['rps']:.2f}x")
PY
done

echo "== agreed plan as HTML print page vs PDF, in-process, on the last data set"
uv run python bench/plan_pdf.py

echo "== audit append cost (chained and serialised vs unchained), on the last data set"
uv run python bench/audit_append.py
