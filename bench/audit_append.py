"""Audit append cost under concurrent writers, in one run on PostgreSQL:

- chained: `audit.services.record()` as the app uses it (lock the chain head, insert, move the head);
- unchained: the same row inserted with no chain and no lock, into a scratch copy of the table. This is the
  request-path cost an "append now, seal later" design would pay (docs/adr/0002-audit-trail.md, option 2).

Prints appends per second for each and their ratio. Run by bench/run.sh against the throwaway bench database.
"""

import os
import sys
import threading
import time

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from safeplan.audit import services as audit  # noqa: E402
from safeplan.audit.services import verify_chain  # noqa: E402

WRITERS = int(os.environ.get("BENCH_WRITERS", "8"))
PER_WRITER = int(os.environ.get("BENCH_APPENDS", "300"))
TARGET = 5 * 177  # appends a second: five times the chained rate measured when issue 16 was filed
ACTOR = audit.Actor(user_id=1, name="Bench Practitioner", role="practitioner", request_id="bench")

if connection.vendor != "postgresql":
    sys.exit("Run this against PostgreSQL (DATABASE_URL).")


def chained(i: int) -> None:
    audit.record_now(actor=ACTOR, action="read", object_type="person", object_id=i, purpose="care")


def unchained(i: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_unchained (seq, at, actor_id, actor_name, actor_role, action, object_type, object_id,"
            " object_version, purpose, reason, request_id, prev_hash, hash)"
            " VALUES (nextval('bench_unchained_seq'), %s, 1, 'Bench Practitioner', 'practitioner', 'read', 'person',"
            " %s, '', 'care', '', 'bench', '', '')",
            [timezone.now(), str(i)],
        )


def run(append) -> float:
    start = threading.Barrier(WRITERS + 1)
    errors: list[BaseException] = []

    def work():
        start.wait()
        try:
            for i in range(PER_WRITER):
                append(i)
        except BaseException as error:  # noqa: BLE001 - reported below, and the run fails
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        sys.exit(f"{len(errors)} writers failed; the first: {errors[0]!r}")
    return WRITERS * PER_WRITER / elapsed


with connection.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS bench_unchained; DROP SEQUENCE IF EXISTS bench_unchained_seq")
    cursor.execute("CREATE TABLE bench_unchained (LIKE audit_auditevent INCLUDING ALL)")
    cursor.execute("CREATE SEQUENCE bench_unchained_seq")
connections.close_all()

chained_rate = run(chained)
unchained_rate = run(unchained)
problem = verify_chain()
print(
    f"  audit appends, {WRITERS} concurrent writers: chained {chained_rate:,.0f}/s, unchained {unchained_rate:,.0f}/s, "
    f"chained costs {unchained_rate / chained_rate:.2f}x; chain after the run: "
    + ("intact" if problem is None else f"BROKEN at {problem}")
)
# The target: 5 × the chained rate it measured (177/s with 8 writers), with the chain verifiable.
ok = problem is None and chained_rate >= TARGET
verdict = "PASS" if ok else "FAIL"
print(f"  {verdict}  audit appends with {WRITERS} writers: {chained_rate:,.0f}/s, target ≥ {TARGET:,.0f}/s")
with connection.cursor() as cursor:
    cursor.execute("DROP TABLE bench_unchained; DROP SEQUENCE bench_unchained_seq")
sys.exit(0 if ok else 1)
