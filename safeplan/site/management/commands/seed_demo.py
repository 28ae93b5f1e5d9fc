"""Create the synthetic demo organisation and print one login per role."""

import os
import random
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.people import services
from safeplan.people.capabilities import DemoWorld, registered
from safeplan.people.generator import person_fields, synthetic_nhs_numbers
from safeplan.people.models import (
    CareRelationship,
    Organisation,
    Person,
    StaffRole,
    SupportRelationship,
    Team,
    User,
)

ORG_NAME = "Northmoor Community Mental Health Service (demo)"
DEFAULT_PASSWORD = "safeplan-demo-2026"  # noqa: S105 - synthetic demo accounts only; README documents it
SEED_ACTOR = audit.Actor(user_id=None, name="demo data", role="system", request_id="seed_demo")

STAFF = [
    # username, display name, team, role, job title
    ("priya", "Priya Natarajan", "Riverside community team", "practitioner", "Community mental health nurse"),
    ("sam", "Sam Okoro", "Riverside community team", "practitioner", "Social worker"),
    ("jordan", "Jordan Hale", "Riverside community team", "team_lead", "Clinical team manager"),
    ("morgan", "Morgan Reyes", "Hillside home treatment team", "practitioner", "Occupational therapist"),
    ("taylor", "Taylor Brooks", "Hillside home treatment team", "team_lead", "Clinical team manager"),
]


class Command(BaseCommand):
    help = "Create a synthetic demo organisation with a login for every role (password: SAFEPLAN_DEMO_PASSWORD)."

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("SAFEPLAN_DEMO_PASSWORD", "").strip() or DEFAULT_PASSWORD
        if Organisation.objects.filter(name=ORG_NAME).exists():
            self.stdout.write("The demo organisation is already there.")
        else:
            with transaction.atomic():
                self._create(password)
            self.stdout.write(self.style.SUCCESS("Created the demo organisation with synthetic people."))
        self._print_logins(password)

    def _user(self, username: str, display_name: str, password: str, **extra: bool) -> User:
        user = User(username=username, display_name=display_name, **extra)
        user.set_password(password)
        user.save()
        return user

    def _create(self, password: str) -> None:
        rng = random.Random(2026)  # noqa: S311 - synthetic data, not security
        org = Organisation.objects.create(name=ORG_NAME, is_nhs_body=False)
        teams = {
            name: Team.objects.create(organisation=org, name=name)
            for name in ["Riverside community team", "Hillside home treatment team"]
        }
        staff = {}
        for username, name, team, role, title in STAFF:
            staff[username] = self._user(username, name, password)
            StaffRole.objects.create(
                user=staff[username], organisation=org, team=teams[team], role=role, job_title=title
            )
        oversight = self._user("oversight", "Olu Bankole", password)
        StaffRole.objects.create(user=oversight, organisation=org, role="oversight", job_title="Governance lead")
        admin = self._user("admin", "Ash Carter", password, is_staff=True, is_superuser=True)
        StaffRole.objects.create(user=admin, organisation=org, role="administrator", job_title="Service administrator")

        numbers = synthetic_nhs_numbers(start=rng.randrange(1_000_000))
        people = []
        for i in range(20):
            fields = person_fields(rng)
            if i == 0:
                fields.update(full_name="Rowan Ellison", preferred_name="Ro", pronouns="they/them")
            people.append(Person.objects.create(organisation=org, nhs_number=next(numbers), **fields))
        today = timezone.localdate()
        for i, person in enumerate(people):
            caring = teams["Riverside community team"] if i % 2 == 0 else teams["Hillside home treatment team"]
            CareRelationship.objects.create(team=caring, person=person, started_on=today - timedelta(days=30 + i * 11))
        # One person cared for in the past by Hillside: ended, so Hillside no longer sees them.
        CareRelationship.objects.create(
            team=teams["Hillside home treatment team"],
            person=people[2],
            started_on=today - timedelta(days=400),
            ended_on=today - timedelta(days=200),
        )

        rowan = people[0]
        rowan.user = self._user("rowan", "Rowan Ellison", password)
        rowan.save(update_fields=["user"])
        casey = self._user("casey", "Casey Ellison", password)
        SupportRelationship.objects.create(user=casey, person=rowan, kind="supporter", relationship="sister")
        avery = self._user("avery", "Avery Lund", password)
        SupportRelationship.objects.create(
            user=avery, person=rowan, kind="advocate", relationship="independent mental health advocate"
        )

        # Two more people sign in to their own plans, so their plans can be agreed with them.
        person_users = {}
        for index, username in [(1, "lee"), (2, "kit")]:
            person_users[index] = self._user(username, people[index].full_name, password)
            people[index].user = person_users[index]
            people[index].save(update_fields=["user"])
        world = DemoWorld(org, people, staff, person_users)
        for capability in registered():  # in INSTALLED_APPS order: plans before the capabilities built on them
            if capability.seed_demo is not None:
                capability.seed_demo(world)

        # Morgan (Hillside) needed Rowan's record out of hours: emergency access, for Taylor to review.
        services.start_break_glass(
            actor=audit.Actor(staff["morgan"].pk, str(staff["morgan"]), "practitioner", "seed_demo"),
            user=staff["morgan"],
            nhs_number=rowan.nhs_number,
            reason="Rowan called the home treatment team out of hours and asked us to check their crisis contacts.",
        )

    def _print_logins(self, password: str) -> None:
        self.stdout.write(f"\nSign in at /accounts/login/ with any of these (password: {password}):")
        for username, role in [
            ("priya", "practitioner (Riverside community team)"),
            ("morgan", "practitioner (Hillside home treatment team)"),
            ("jordan", "team lead (Riverside)"),
            ("taylor", "team lead (Hillside): reviews Morgan's emergency access"),
            ("rowan", "person using the service: an agreed plan with changes since, and a draft"),
            ("lee", "person using the service: an overdue crisis plan; a harm plan waiting for a conversation"),
            ("casey", "supporter (Rowan's sister)"),
            ("avery", "advocate (Rowan's advocate)"),
            ("oversight", "oversight (governance lead)"),
            ("admin", "administrator (Django admin)"),
        ]:
            self.stdout.write(f"  {username:<10} {role}")
