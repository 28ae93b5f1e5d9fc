"""SQL statements per page (issue 16's targets: record page ≤ 5, plan page ≤ 8), in-process through Django's test
client as the bench's practitioner: `python bench/queries.py PERSON_ID PLAN_ID`. Prints each count with PASS or
FAIL and exits 1 if any fails. (Tests hold the counts constant in entries, versions and people.)"""

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
failed = False
for name, (path, limit) in pages.items():
    client.get(path)  # once to warm what a process keeps (templates, the catalogue)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"FAIL: {path} answered {response.status_code}")
    count = len(queries.captured_queries)
    if limit is None:
        print(f"  queries: {name} page {count} (the floor: session, user and layout)")
        continue
    ok = count <= limit
    failed |= not ok
    print(f"  {'PASS' if ok else 'FAIL'}  queries: {name} page {count}, target ≤ {limit}")
sys.exit(1 if failed else 0)
