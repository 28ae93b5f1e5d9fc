"""Create the synthetic demo organisation and print one login per role."""

import os
import random
from base64 import b32decode
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.people import second_factor, services
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
from safeplan.site.demo_population import seed_localities

ORG_NAME = "Northmoor Community Mental Health Service (demo)"
DEFAULT_PASSWORD = "safeplan-demo-2026"  # noqa: S105 - synthetic demo accounts only; README documents it
SEED_ACTOR = audit.Actor(user_id=None, name="demo data", role="system", request_id="seed_demo")
# Every demo staff login's authenticator key (ADR 0007): synthetic, published here, for the demo only. Add it to any
# TOTP app, or run `uv run safeplan demo_code`, which prints the current code and refuses to run in production.
DEMO_TOTP_KEY = "SAFEPLANDEMOONLYNOTASECRET234567"  # noqa: S105 - a documented demo key, never a real secret


def demo_totp_key_hex() -> str:
    return b32decode(DEMO_TOTP_KEY).hex()


STAFF = [
    # username, display name, team, role, job title
    ("priya", "Priya Natarajan", "Riverside community team", "practitioner", "Community mental health nurse"),
    ("sam", "Sam Okoro", "Riverside community team", "practitioner", "Social worker"),
    ("jordan", "Jordan Hale", "Riverside community team", "team_lead", "Clinical team manager"),
    ("morgan", "Morgan Reyes", "Hillside home treatment team", "practitioner", "Occupational therapist"),
    ("taylor", "Taylor Brooks", "Hillside home treatment team", "team_lead", "Clinical team manager"),
]
OTHER_USERS = [
    ("oversight", "Olu Bankole"),
    ("admin", "Ash Carter"),
    ("casey", "Casey Ellison"),
    ("avery", "Avery Lund"),
]
# The people who sign in: each login is the name they go by. index in the demo's people, login, full name,
# likes to be called, pronouns.
PEOPLE_WHO_SIGN_IN = [
    (0, "rowan", "Rowan Ellison", "Ro", "they/them"),
    (1, "lee", "Lee Okafor", "", "he/him"),
    (2, "kit", "Kit Marsh", "", "they/them"),
]
LOGINS = [
    # login, who, role, what to look at
    ("priya", "Priya Natarajan", "practitioner, Riverside community team", "Rowan's plans, harm plan and decisions"),
    (
        "sam",
        "Sam Okoro",
        "practitioner, Riverside community team",
        "Kit's overdue six-step plan and decision; nobody has reached Kit since a crisis call; training due",
    ),
    (
        "morgan",
        "Morgan Reyes",
        "practitioner, Hillside home treatment team",
        "Lee's plans and decision; emergency access; the call after Lee left hospital",
    ),
    (
        "jordan",
        "Jordan Hale",
        "team lead, Riverside",
        "the caseload, overdue reviews, a withholding to review and Kit's late concern",
    ),
    ("taylor", "Taylor Brooks", "team lead, Hillside", "reviews Morgan's emergency access"),
    (
        "rowan",
        "Rowan Ellison (Ro)",
        "person using the service",
        "agreed plan with changes since and something withheld; check-ins; decisions; concerns at every stage",
    ),
    ("lee", "Lee Okafor", "person using the service", "overdue crisis plan; harm plan waiting for a talk"),
    ("kit", "Kit Marsh", "person using the service", "overdue six-step plan; a decision"),
    (
        "casey",
        "Casey Ellison",
        "supporter: Rowan's sister",
        "the crisis section Rowan shares with her, where she added her own words; her needs as a carer",
    ),
    (
        "avery",
        "Avery Lund",
        "advocate: Rowan's advocate",
        "all of Rowan's six-step plan and one decision, shared; may raise concerns for Rowan",
    ),
    (
        "oversight",
        "Olu Bankole",
        "oversight: governance lead",
        "figures only, no records: Improving care (a year of measures for two locality teams, improvement cycles, "
        "training, policies, practice stories); learning from concerns",
    ),
    ("admin", "Ash Carter", "administrator", "Django admin: teams, templates, catalogue"),
]


def first_name(name: str) -> str:
    return name.split()[0].lower() if name else ""


def demo_people_fields(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Synthetic people whose names cannot be confused: no first name or "likes to be called" twice, and none that
    is also the first name of someone on the staff or in the circle, so "Priya" in the demo is always the nurse."""
    taken = {first_name(name) for _, name, *_ in STAFF} | {first_name(name) for _, name in OTHER_USERS}
    fixed = {index: (full, called, pronouns) for index, _, full, called, pronouns in PEOPLE_WHO_SIGN_IN}
    taken |= {first_name(full) for full, _, _ in fixed.values()} | {first_name(c) for _, c, _ in fixed.values()}
    found: list[dict[str, Any]] = []
    while len(found) < count:
        fields = person_fields(rng)
        index = len(found)
        if index in fixed:
            full, called, pronouns = fixed[index]
            fields.update(full_name=full, preferred_name=called, pronouns=pronouns)
        else:
            names = {first_name(fields["full_name"]), first_name(fields["preferred_name"])} - {""}
            if names & taken:
                continue
            taken |= names
        found.append(fields)
    return found


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
        self._enrol_staff_with_the_demo_key()
        self._print_logins(password)

    def _enrol_staff_with_the_demo_key(self) -> None:
        """Give every demo staff login an app with the demo key (also in a demo seeded before ADR 0007)."""
        if settings.PRODUCTION:
            self.stdout.write("Not setting the published demo key in production: staff set up their own apps.")
            return
        staff = User.objects.filter(staff_roles__organisation__name=ORG_NAME).distinct().order_by("pk")
        key = demo_totp_key_hex()
        for user in staff:
            if not second_factor.has_device(user):
                second_factor.enrol_with_key(actor=SEED_ACTOR, user=user, key_hex=key, reason="demo key (seed_demo)")

    def _user(self, username: str, display_name: str, password: str, **extra: bool) -> User:
        # An address that can never be delivered (.invalid), so the demo's reminders print to the console only.
        user = User(username=username, display_name=display_name, email=f"{username}@demo.safeplan.invalid", **extra)
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
        oversight = self._user("oversight", dict(OTHER_USERS)["oversight"], password)
        StaffRole.objects.create(user=oversight, organisation=org, role="oversight", job_title="Governance lead")
        admin = self._user("admin", dict(OTHER_USERS)["admin"], password, is_staff=True, is_superuser=True)
        StaffRole.objects.create(user=admin, organisation=org, role="administrator", job_title="Service administrator")

        numbers = synthetic_nhs_numbers(start=rng.randrange(1_000_000))
        people = [
            Person.objects.create(organisation=org, nhs_number=next(numbers), **fields)
            for fields in demo_people_fields(rng, 20)
        ]
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

        person_users = {}
        for index, username, full_name, _, _ in PEOPLE_WHO_SIGN_IN:
            person_users[index] = self._user(username, full_name, password)
            people[index].user = person_users[index]
            people[index].save(update_fields=["user"])
        rowan = people[0]
        casey = self._user("casey", dict(OTHER_USERS)["casey"], password)
        SupportRelationship.objects.create(user=casey, person=rowan, kind="supporter", relationship="sister")
        avery = self._user("avery", dict(OTHER_USERS)["avery"], password)
        SupportRelationship.objects.create(
            user=avery, person=rowan, kind="advocate", relationship="independent mental health advocate"
        )
        world = DemoWorld(org, people, staff, person_users)
        for capability in registered():  # in INSTALLED_APPS order: plans before the capabilities built on them
            if capability.seed_demo is not None:
                capability.seed_demo(world)

        # Two locality teams with a year of history, for the oversight measures (no demo login cares for them).
        seed_localities(org, oversight, today)

        # Morgan (Hillside) needed Rowan's record out of hours: emergency access, for Taylor to review.
        services.start_break_glass(
            actor=audit.Actor(staff["morgan"].pk, str(staff["morgan"]), "practitioner", "seed_demo"),
            user=staff["morgan"],
            nhs_number=rowan.nhs_number,
            reason="Rowan called the home treatment team out of hours and asked us to check their crisis contacts.",
        )

    def _print_logins(self, password: str) -> None:
        self.stdout.write(f"\nSign in at /accounts/login/ with any of these logins (password: {password}).")
        self.stdout.write("Everyone here is synthetic.")
        staff = ", ".join([username for username, *_ in STAFF] + ["oversight", "admin"])
        self.stdout.write(
            f"Staff logins ({staff}) then ask for a second factor: any TOTP app with the demo key "
            f"{DEMO_TOTP_KEY}, or `uv run safeplan demo_code`.\n"
        )
        self.stdout.write(f"  {'login':<10} {'who':<20} {'role':<44} what to look at")
        for username, who, role, look in LOGINS:
            self.stdout.write(f"  {username:<10} {who:<20} {role:<44} {look}")
