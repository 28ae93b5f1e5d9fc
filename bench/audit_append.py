"""Audit append cost under 8 concurrent writers on PostgreSQL, each writer its own process (as gunicorn's workers
are; threads in one process would measure the GIL), every append its own transaction. One run measures:

- one round trip: `audit.services.record()` as the app appends today, the database's `safeplan_audit_append`
  locking the chain head, linking, hashing and inserting in one statement (migration 0007);
- three statements: the append before issue 16 (lock the head, insert, move the head, with Python between), kept
  for SQLite, forced here on PostgreSQL for the comparison;
- append now, seal later: each writer inserts the row unlinked into a scratch copy of the table while a sealer process
  links what has committed, in id order, in batches (docs/adr/0002-audit-trail.md, option 2). Reports the writers'
  rate, how long rows waited to be sealed, and whether the sealed chain verifies;
- unchained: the same row inserted with no chain at all, the ceiling.

The target (issue 16): ≥ 5 × 177/s (the chained rate measured when the issue was filed) for the product's append,
with the chain verifiable afterwards. Run by bench/run.sh against the throwaway bench database.
"""

import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from safeplan.audit import services as audit  # noqa: E402
from safeplan.audit.models import GENESIS_HASH, AuditEvent  # noqa: E402
from safeplan.audit.services import verify_chain  # noqa: E402

WRITERS = int(os.environ.get("BENCH_WRITERS", "8"))
SECONDS = float(os.environ.get("BENCH_APPEND_SECONDS", "6"))
ROUNDS = int(os.environ.get("BENCH_APPEND_ROUNDS", "3"))
TARGET = 5 * 177  # appends a second: five times the chained rate measured when issue 16 was filed
ACTOR = audit.Actor(user_id=1, name="Bench Practitioner", role="practitioner", request_id="bench")
COLUMNS = (
    "at, actor_id, actor_name, actor_role, person_id, action, object_type, object_id, object_version, purpose,"
    " reason, request_id"
)

if connection.vendor != "postgresql":
    sys.exit("Run this against PostgreSQL (DATABASE_URL).")


def one_round_trip(i: int) -> None:
    audit.record_now(actor=ACTOR, action="read", object_type="person", object_id=i, purpose="care")


def three_statements(i: int) -> None:
    with transaction.atomic():
        event = AuditEvent(
            at=timezone.now(),
            actor_id=ACTOR.user_id,
            actor_name=ACTOR.name,
            actor_role=ACTOR.role,
            action="read",
            object_type="person",
            object_id=str(i),
            purpose="care",
            request_id=ACTOR.request_id,
        )
        audit._append_here(event)  # noqa: SLF001 - the earlier path, for the comparison


def insert_into(table: str):
    def append(i: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({COLUMNS}) VALUES (%s, 1, 'Bench Practitioner', 'practitioner', NULL, 'read',"  # noqa: S608
                " 'person', %s, '', 'care', '', 'bench')",
                [timezone.now(), str(i)],
            )

    return append


def _writer(append, start, stop, counts, index) -> None:  # noqa: ANN001 - multiprocessing's objects
    connections.close_all()
    done = 0
    start.wait()
    while not stop.is_set():
        append(done)
        done += 1
    counts[index] = done
    connections.close_all()


def run(append, *, alongside=None) -> float:  # noqa: ANN001
    """Appends a second by WRITERS processes over SECONDS (with `alongside`, a process that runs meanwhile)."""
    connections.close_all()  # nothing open crosses the fork
    context = multiprocessing.get_context("fork")
    start, stop = context.Barrier(WRITERS + 1), context.Event()
    counts = context.Array("q", WRITERS)
    helper = context.Process(target=alongside, args=(stop,)) if alongside else None
    if helper:
        helper.start()
    writers = [context.Process(target=_writer, args=(append, start, stop, counts, i)) for i in range(WRITERS)]
    for process in writers:
        process.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(SECONDS)
    stop.set()
    for process in writers:
        process.join()
    elapsed = time.perf_counter() - began
    if any(process.exitcode for process in writers):
        sys.exit("a writer failed: see above")
    if helper:
        helper.join()
        if helper.exitcode:
            sys.exit("the sealer failed: see above")
    return sum(counts) / elapsed


# Append now, seal later: a scratch table whose rows are linked by a sealer, not by the request.
SEAL_BATCH = 2000


def _seal_once(cursor, head: list) -> int:  # noqa: ANN001
    """Link every committed, unsealed row in id order after the head; return how many were sealed."""
    cursor.execute(f"SELECT id, {COLUMNS} FROM bench_unsealed WHERE seq IS NULL ORDER BY id LIMIT %s", [SEAL_BATCH])  # noqa: S608
    rows = cursor.fetchall()
    if not rows:
        return 0
    links = []
    for row in rows:
        event = AuditEvent(**dict(zip(["id", *COLUMNS.split(", ")], row, strict=True)))
        event.seq, event.prev_hash = head[0] + 1, head[1]
        event.hash = event.compute_hash()
        links.append((event.pk, event.seq, event.prev_hash, event.hash))
        head[:] = [event.seq, event.hash]
    cursor.execute(
        "UPDATE bench_unsealed AS t SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash FROM (VALUES "  # noqa: S608
        + ", ".join(["(%s::bigint, %s::bigint, %s, %s)"] * len(links))
        + ") AS v(id, seq, prev_hash, hash) WHERE t.id = v.id",
        [value for link in links for value in link],
    )
    cursor.execute("UPDATE bench_seal_head SET last_seq = %s, last_hash = %s", head)
    return len(rows)


def sealer(stop) -> None:  # noqa: ANN001
    """One sealer: in a loop, take the seal head's lock, link a batch, commit; after the writers stop, finish."""
    connections.close_all()
    waits: list[float] = []
    while True:
        stopping = stop.is_set()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT last_seq, last_hash FROM bench_seal_head FOR UPDATE")
            head = list(cursor.fetchone())
            cursor.execute("SELECT extract(epoch FROM now() - min(at)) FROM bench_unsealed WHERE seq IS NULL")
            oldest = cursor.fetchone()[0]
            sealed = _seal_once(cursor, head)
        if oldest is not None:
            waits.append(float(oldest))
        if not sealed:
            if stopping:
                break
            time.sleep(0.05)
    waits.sort()
    with open("bench/results/seal_waits.txt", "a") as out:  # one line a round
        out.write(f"{waits[len(waits) // 2] if waits else 0:.3f} {waits[-1] if waits else 0:.3f}\n")
    connections.close_all()


def sealed_chain_problem() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_unsealed WHERE seq IS NULL")
        if cursor.fetchone()[0]:
            return "rows left unsealed"
        cursor.execute(f"SELECT id, seq, prev_hash, hash, {COLUMNS} FROM bench_unsealed ORDER BY seq")  # noqa: S608
        prev, expected = GENESIS_HASH, 1
        for row in cursor.fetchall():
            event = AuditEvent(**dict(zip(["id", "seq", "prev_hash", "hash", *COLUMNS.split(", ")], row, strict=True)))
            if event.seq != expected or event.prev_hash != prev or event.compute_hash() != event.hash:
                return f"broken at seq {event.seq}"
            prev, expected = event.hash, expected + 1
        cursor.execute("SELECT last_seq, last_hash FROM bench_seal_head")
        if cursor.fetchone() != (expected - 1, prev):
            return "the seal head is not the chain's end"
    return None


with connection.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS bench_unchained, bench_unsealed, bench_seal_head")
    cursor.execute("CREATE TABLE bench_unchained (LIKE audit_auditevent INCLUDING DEFAULTS)")
    cursor.execute(
        "ALTER TABLE bench_unchained ALTER seq DROP NOT NULL, ALTER hash DROP NOT NULL,"
        " ALTER prev_hash DROP NOT NULL, ADD PRIMARY KEY (id)"
    )
    cursor.execute("CREATE SEQUENCE IF NOT EXISTS bench_audit_id")
    cursor.execute("ALTER TABLE bench_unchained ALTER id SET DEFAULT nextval('bench_audit_id')")
    cursor.execute("CREATE TABLE bench_unsealed (LIKE bench_unchained INCLUDING ALL)")
    cursor.execute("CREATE UNIQUE INDEX ON bench_unsealed (seq)")
    cursor.execute("CREATE INDEX ON bench_unsealed (id) WHERE seq IS NULL")
    cursor.execute("CREATE TABLE bench_seal_head (last_seq bigint, last_hash text)")
    cursor.execute("INSERT INTO bench_seal_head VALUES (0, %s)", [GENESIS_HASH])

Path("bench/results/seal_waits.txt").unlink(missing_ok=True)
# Interleaved, so that a noisy moment does not favour one design.
rates: dict[str, list[float]] = {"one round trip": [], "three statements": [], "seal later": [], "unchained": []}
for _round in range(ROUNDS):
    rates["one round trip"].append(run(one_round_trip))
    rates["three statements"].append(run(three_statements))
    rates["seal later"].append(run(insert_into("bench_unsealed"), alongside=sealer))
    rates["unchained"].append(run(insert_into("bench_unchained")))
best = {name: statistics.median(values) for name, values in rates.items()}  # the median of the rounds
each = {name: " and ".join(f"{value:,.0f}" for value in values) for name, values in rates.items()}
with open("bench/results/seal_waits.txt") as waits:
    seal_rounds = [[float(x) for x in line.split()] for line in waits.read().splitlines() if line.strip()]
median_wait = statistics.median(median for median, _longest in seal_rounds)
longest_wait = max(longest for _median, longest in seal_rounds)
problem = verify_chain()
sealed_problem = sealed_chain_problem()
print(f"  audit appends, {WRITERS} writer processes, {SECONDS:g} s each, median of {ROUNDS} interleaved rounds (each):")
print(
    f"    one round trip (the product's)  {best['one round trip']:>7,.0f}/s ({each['one round trip']})  chain: "
    + ("intact" if problem is None else f"BROKEN at {problem}")
)
print(f"    three statements (before)       {best['three statements']:>7,.0f}/s ({each['three statements']})")
print(
    f"    append now, seal later          {best['seal later']:>7,.0f}/s ({each['seal later']})  sealed chain: "
    + (sealed_problem or "intact")
    + f"; rows waited to be sealed: median {median_wait * 1000:,.0f} ms, longest {longest_wait * 1000:,.0f} ms"
)
print(f"    unchained (the ceiling)         {best['unchained']:>7,.0f}/s ({each['unchained']})")
ok = problem is None and best["one round trip"] >= TARGET
verdict = "PASS" if ok else "FAIL"
print(f"  {verdict}  audit appends with {WRITERS} writers: {best['one round trip']:,.0f}/s, target ≥ {TARGET:,.0f}/s")
with connection.cursor() as cursor:
    cursor.execute("DROP TABLE bench_unchained, bench_unsealed, bench_seal_head; DROP SEQUENCE bench_audit_id")
sys.exit(0 if ok else 1)
