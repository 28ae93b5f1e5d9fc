"""The cost of a supporter's read of a shared plan against the same page read by the person (issue 11).

In-process (Django's test client), on the demo database, rounds interleaved (person, supporter sharing one section,
supporter sharing the whole plan, …) so that a noisy machine slows all three alike; prints the median time per read,
the queries per read and the ratios. Run: `SAFEPLAN_DATA_DIR=$(mktemp -d) uv run python bench/supporter_read.py`
(it migrates and seeds that throwaway directory; DJANGO_SETTINGS_MODULE=safeplan.config.settings).
"""

import os
import statistics
import time

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from safeplan.circle import services  # noqa: E402
from safeplan.people.models import Person, SupportRelationship, User  # noqa: E402
from safeplan.people.records import demo_writer  # noqa: E402
from safeplan.plans.models import Plan  # noqa: E402

ROUNDS, PER_ROUND = int(os.environ.get("BENCH_ROUNDS", "5")), int(os.environ.get("BENCH_READS", "30"))

call_command("migrate", verbosity=0)
if not Person.objects.filter(full_name="Rowan Ellison").exists():
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
rowan = Person.objects.get(full_name="Rowan Ellison")
plan = Plan.objects.get(person=rowan, template__key="person-centred")
whole = User.objects.get(username="avery")  # the advocate: share the whole plan with them for a like-for-like read
services.set_plan_sharing(
    demo_writer(rowan.user, rowan),
    SupportRelationship.objects.get(user=whole, person=rowan),
    plan,
    sections={s["key"] for s in plan.template.sections},
)
url = reverse("plan", kwargs={"person_id": rowan.pk, "plan_id": plan.pk})
readers = {"person": "rowan", "supporter (one section)": "casey", "supporter (whole plan)": "avery"}
clients = {}
for label, username in readers.items():
    clients[label] = Client()
    clients[label].force_login(User.objects.get(username=username))

times: dict[str, list[float]] = {label: [] for label in readers}
queries: dict[str, int] = {}
with override_settings(ALLOWED_HOSTS=["testserver"]):
    for _ in range(ROUNDS):
        for label, client in clients.items():
            started = time.perf_counter()
            for _ in range(PER_ROUND):
                assert client.get(url).status_code == 200
            times[label].append((time.perf_counter() - started) / PER_ROUND * 1000)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries[label] = len(captured)

base = statistics.median(times["person"])
for label in readers:
    median = statistics.median(times[label])
    spread = max(times[label]) - min(times[label])
    print(f"{label:<26} {median:6.1f} ms/read (spread {spread:4.1f}) {queries[label]:3d} queries  ×{median / base:.2f}")
