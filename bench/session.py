"""Sign in a load-test practitioner, give their first person a plan written together (30 entries, one agreed
version), and print `SESSION_COOKIE PERSON_ID PLAN_ID` for the benchmark's requests."""

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from safeplan.people.access import caseload_for  # noqa: E402
from safeplan.people.models import User  # noqa: E402
from safeplan.plans.bench_data import plan_with_entries  # noqa: E402

user = User.objects.get(username="load1-practitioner-0001")
person = caseload_for(user).order_by("id").first()
plan = plan_with_entries(user, person, entries=30)
client = Client()
client.force_login(user)
print(client.cookies[settings.SESSION_COOKIE_NAME].value, person.pk, plan.pk)
