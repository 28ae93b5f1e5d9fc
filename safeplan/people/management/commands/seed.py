"""Make a large synthetic data set for benchmarks: `safeplan seed --people 100000`."""

import random
import sys
import time
from datetime import timedelta
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safeplan.people.generator import person_fields, synthetic_nhs_numbers
from safeplan.people.models import CareRelationship, Organisation, Person, StaffRole, Team, User

BATCH = 2000
PEOPLE_PER_TEAM = 500


class Progress:
    """A one-line progress bar on stderr: enough for a seeding command, no dependency needed."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        # sys.stderr as it is now, not as it was when this module was imported (a test's capture may have closed it)
        self.total, self.label, self.started = total, label, time.monotonic()
        self.stream = stream or sys.stderr

    def update(self, done: int) -> None:
        width = 30
        filled = int(width * done / max(self.total, 1))
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} ({rate:,.0f}/s)"
        )
        self.stream.flush()
        if done >= self.total:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Create N synthetic people in a load-test organisation, with teams and practitioners to care for them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, required=True, help="How many people to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data sets.")
        parser.add_argument("--password", default="", help="Password for the practitioners (default: demo one).")

    def handle(self, *args: Any, people: int, seed: int, password: str, **options: Any) -> None:
        if people < 1 or people > 5_000_000:
            raise CommandError("--people must be between 1 and 5,000,000.")
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        org, _ = Organisation.objects.get_or_create(name=f"Load test organisation {seed}")
        start = Person.objects.filter(organisation=org).count()
        teams_needed = max(1, (start + people + PEOPLE_PER_TEAM - 1) // PEOPLE_PER_TEAM)
        hashed = make_password(password or "safeplan-demo-2026")
        teams = []
        for t in range(teams_needed):
            team, created = Team.objects.get_or_create(organisation=org, name=f"Team {t + 1:04d}")
            if created:
                user = User.objects.create(
                    username=f"load{seed}-practitioner-{t + 1:04d}",
                    display_name=f"Practitioner {t + 1}",
                    password=hashed,
                )
                StaffRole.objects.create(user=user, organisation=org, team=team, role="practitioner")
            teams.append(team)
        numbers = synthetic_nhs_numbers(start=seed * 5_000_000 + start)
        today = timezone.localdate()
        progress = Progress(people, "Seeding people")
        made = 0
        while made < people:
            size = min(BATCH, people - made)
            with transaction.atomic():
                batch = Person.objects.bulk_create(
                    Person(organisation=org, nhs_number=next(numbers), **person_fields(rng)) for _ in range(size)
                )
                CareRelationship.objects.bulk_create(
                    CareRelationship(
                        person=p,
                        team=teams[(start + made + i) // PEOPLE_PER_TEAM],
                        started_on=today - timedelta(days=rng.randrange(1, 900)),
                    )
                    for i, p in enumerate(batch)
                )
            made += size
            progress.update(made)
        self.stdout.write(
            f"{org.name}: {start + people} people in {len(teams)} teams. "
            f"Practitioners sign in as load{seed}-practitioner-0001 and so on."
        )
