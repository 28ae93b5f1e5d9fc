"""The oversight page at scale (issue 14): the whole measures page for a trust, and the same figures from hand-written
SQL, measured in one interleaved run on PostgreSQL.

    make bench-oversight                       # 100,000 people with a year of history (bench/oversight.sh)
    DATABASE_URL=postgres://…/db uv run python bench/oversight.py --rounds 5

First it checks that the ORM's counts and the hand-written SQL's are identical for every measure, team and month.
Then the first view of the day (which works every measure out and keeps the counts, as the nightly job does), and
in rounds (page, ORM, SQL, page, …): the page as every later view sees it, through Django's test client as an
oversight user (the kept counts, suppression, charts, rendering, the audit row); working the figures out through
the ORM; and the same figures from hand-written SQL. Prints the median and spread of each, the ratios, and the
EXPLAIN ANALYZE of the slowest query of working them out.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeplan.config.settings")

import django  # noqa: E402

django.setup()

import oversight_sql  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from safeplan.oversight.models import MeasureCount  # noqa: E402
from safeplan.people.capabilities import measures  # noqa: E402
from safeplan.people.measures import ORGANISATION, complete_months  # noqa: E402
from safeplan.people.models import Organisation, Person, StaffRole, User  # noqa: E402
from safeplan.plans.measures import crisis_sections  # noqa: E402


def sql_counts(organisation: Organisation, months) -> dict[str, dict]:
    templates, keys = crisis_sections()
    params = {
        "organisation": organisation.pk,
        "start": months[0].first,
        "end": months[-1].last,
        "today": timezone.localdate(),
        "now": timezone.now(),
        "crisis_templates": templates,
        "crisis_keys": keys,
    }
    found: dict[str, dict] = {}
    with connection.cursor() as cursor:
        for key in oversight_sql.MEASURES:
            cursor.execute(oversight_sql.query(key), params)
            found[key] = {
                (team if team is not None else ORGANISATION, first): (numerator, denominator)
                for first, team, denominator, numerator in cursor.fetchall()
            }
    return found


def orm_counts(organisation: Organisation, months) -> dict[str, dict]:
    return {m.key: m.counts(organisation, months) for m in measures() if m.key in oversight_sql.MEASURES}


def same(orm: dict, sql: dict) -> list[str]:
    problems = []
    for key, counted in orm.items():
        for cell, value in counted.items():
            if value != (0, 0) and sql[key].get(cell, (0, 0)) != value:
                problems.append(f"{key} {cell}: ORM {value}, SQL {sql[key].get(cell)}")
        for cell, value in sql[key].items():
            if counted.get(cell, (0, 0)) != value:
                problems.append(f"{key} {cell}: SQL {value}, ORM {counted.get(cell)}")
    return problems


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run it on PostgreSQL (DATABASE_URL).")
    settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = False
    settings.ALLOWED_HOSTS = ["*"]
    organisation = Organisation.objects.get(name=f"Load test organisation {args.seed}")
    people = Person.objects.filter(organisation=organisation).count()
    user, _ = User.objects.get_or_create(username=f"load{args.seed}-oversight", defaults={"display_name": "Oversight"})
    StaffRole.objects.get_or_create(user=user, organisation=organisation, team=None, role="oversight")
    client = Client()
    client.force_login(user)
    months = complete_months(timezone.localdate())

    problems = same(orm_counts(organisation, months), sql_counts(organisation, months))
    if problems:
        raise SystemExit("The ORM and the hand-written SQL disagree:\n" + "\n".join(problems[:20]))
    print(
        f"{people:,} people: the ORM and the hand-written SQL give the same counts for {len(oversight_sql.MEASURES)} "
        "measures, every team and month."
    )

    MeasureCount.objects.filter(organisation=organisation).delete()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/oversight/")
    cold = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    print(
        f"The first view of the day (working every measure out, as the nightly job does): {cold:.1f} s, "
        f"{len(captured.captured_queries)} queries."
    )
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/oversight/")
    print(f"Every view after it: {len(captured.captured_queries)} queries, {len(response.content):,} bytes.")

    page, orm, sql = [], [], []
    for _ in range(args.rounds):
        page.append(timed(lambda: client.get("/oversight/")))
        orm.append(timed(lambda: orm_counts(organisation, months)))
        sql.append(timed(lambda: sql_counts(organisation, months)))

    def report(name: str, values: list[float]) -> float:
        middle = statistics.median(values)
        print(
            f"  {name:<34} median {middle * 1000:8.1f} ms   spread {min(values) * 1000:.1f} to {max(values) * 1000:.1f}"
        )
        return middle

    print(f"{args.rounds} interleaved rounds:")
    whole = report("the page (counts kept today)", page)
    ours = report("working them out: the ORM", orm)
    theirs = report("working them out: hand-written SQL", sql)
    print(f"  target: page <= 1000 ms: {'PASS' if whole <= 1.0 else 'FAIL'} ({whole * 1000:.0f} ms)")
    print(f"  working them out (the nightly job, and a first view of a new month): {ours:.1f} s")
    print(f"  target: ORM / SQL <= 1.5: {'PASS' if ours / theirs <= 1.5 else 'FAIL'} ({ours / theirs:.2f})")
    print(f"\nThe slowest query of working them out ({float(slowest['time']) * 1000:.0f} ms), EXPLAIN ANALYZE:")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        for (line,) in cursor.fetchall():
            print("  " + line)


if __name__ == "__main__":
    main()
