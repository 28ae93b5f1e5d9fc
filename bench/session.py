"""Sign in a load-test practitioner with their second factor done (a confirmed authenticator app, as every staff
sign-in has), give their first person a plan written together (30 entries, 6 differing views, one agreed version),
and print `COOKIE_NAME COOKIE_VALUE PERSON_ID PLAN_ID` for the benchmark's requests."""

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from safeplan.people.access import caseload_for  # noqa: E402
from safeplan.people.models import User  # noqa: E402
from safeplan.plans.bench_data import BENCH_PURPOSE, plan_with_entries  # noqa: E402
from safeplan.plans.models import Plan  # noqa: E402

USERNAME = "load1-practitioner-0001"


def signed_in(user: User) -> Client:
    """A client signed in as `user`, their second factor done (what django-otp's login() keeps once a code was
    right), on the address production settings allow."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="Bench app", defaults={"confirmed": True})
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


if __name__ == "__main__":
    user = User.objects.get(username=USERNAME)
    person = caseload_for(user).order_by("id").first()
    # A database kept between runs (BENCH_REUSE_DB) keeps the plan the first run wrote, so the page stays the same.
    mine = Plan.objects.filter(person=person, started_by=user, purpose=BENCH_PURPOSE).first()
    plan = mine or plan_with_entries(user, person, entries=30)
    name = settings.SESSION_COOKIE_NAME
    print(name, signed_in(user).cookies[name].value, person.pk, plan.pk)
