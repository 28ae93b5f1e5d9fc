"""SQL statements per page (issue 16's targets: record page ≤ 5, plan page ≤ 8), in-process through Django's test
client as the bench's practitioner: `python bench/queries.py PERSON_ID PLAN_ID`. A page's count is what it reads and
writes beyond the floor page (the session, the user, the second factor and the layout, which every signed-in page
reads), transaction control (BEGIN, COMMIT) not counted; the totals are printed too. Prints each count with PASS or
FAIL and exits 1 if any fails. (`site/tests/test_record_queries.py` holds the counts constant in entries, versions,
plans and people.)"""

import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.session import USERNAME, signed_in  # noqa: E402
from safeplan.people.models import User  # noqa: E402

person, plan = sys.argv[1:3]
client = signed_in(User.objects.get(username=USERNAME))
pages = {
    "floor": ("/about-your-record/", None),
    "record": (f"/people/{person}/", 5),
    "plan": (f"/people/{person}/plans/{plan}/", 8),
}
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
failed = False
floor = 0
for name, (path, limit) in pages.items():
    client.get(path)  # once to warm what a process keeps (templates, the catalogue)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"FAIL: {path} answered {response.status_code}")
    statements = [q["sql"] for q in queries.captured_queries]
    count = sum(1 for sql in statements if not sql.startswith(CONTROL))
    if limit is None:
        floor = count
        print(f"  queries: floor page {count} (the session, the user, the second factor and the layout's own)")
        continue
    ok = count - floor <= limit
    failed |= not ok
    print(
        f"  {'PASS' if ok else 'FAIL'}  queries: {name} page {count - floor} beyond the floor's, target ≤ {limit}"
        f" ({count} in all, and {len(statements) - count} BEGIN/COMMIT)"
    )
sys.exit(1 if failed else 0)
