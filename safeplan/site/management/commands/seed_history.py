"""Give every person of a load-test organisation a year of synthetic history, for the oversight benchmark:
`safeplan seed --people 100000` then `safeplan seed_history`. People who have history already (an account) are
left alone, so it can be run again after adding people. Synthetic people only; their accounts cannot sign in."""

import random
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safeplan.people.management.commands.seed import Progress
from safeplan.people.models import Organisation, Person, StaffRole, User
from safeplan.people.wording import LanguageHintCount
from safeplan.site.history_seed import Odds, Year, seed_people, steady

BATCH = 1000


class Command(BaseCommand):
    help = "A year of synthetic plans, reviews, decisions, concerns and follow-ups for each person of an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="The load-test organisation's seed (as for `seed`).")

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Synthetic history is for benchmarks, never a production database.")
        organisation = Organisation.objects.filter(name=f"Load test organisation {seed}").first()
        if organisation is None:
            raise CommandError(f"Run `safeplan seed --people N --seed {seed}` first.")
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        today = timezone.localdate()
        unusable = make_password(None)
        supporters = list(User.objects.filter(username__startswith=f"load{seed}-supporter-"))
        if not supporters:
            supporters = User.objects.bulk_create(
                User(username=f"load{seed}-supporter-{n}", password=unusable, is_active=False) for n in range(500)
            )
        staff_of = {
            role.team_id: role.user
            for role in StaffRole.objects.filter(organisation=organisation, role="practitioner").select_related("user")
        }
        # `seed` makes people without accounts; this gives each an account (which cannot sign in) with its history.
        waiting = Person.objects.filter(organisation=organisation, user__isnull=True).order_by("pk")
        total = waiting.count()
        progress = Progress(total, "A year for each person")
        done = 0
        while True:
            people = list(waiting.prefetch_related("care_relationships")[:BATCH])
            if not people:
                break
            with transaction.atomic():
                users = User.objects.bulk_create(
                    User(username=f"load{seed}-person-{p.pk}", password=unusable, is_active=False) for p in people
                )
                for person, user in zip(people, users, strict=True):
                    person.user = user
                Person.objects.bulk_update(people, ["user"])
                by_team: dict[int, list[Person]] = {}
                for person in people:
                    by_team.setdefault(person.care_relationships.all()[0].team_id, []).append(person)
                for team, members in by_team.items():
                    seed_people(members, Year(staff_of[team], supporters, today, rng), steady(Odds()), batch=BATCH)
            done += len(people)
            progress.update(done)
        for back in range(12):
            index = today.year * 12 + today.month - 1 - back
            month = date(index // 12, index % 12 + 1, 1)
            LanguageHintCount.objects.update_or_create(
                organisation=organisation, phrase="refused", month=month, defaults={"shown": rng.randrange(50, 500)}
            )
        self.stdout.write(f"{organisation.name}: a year of history for {total} people (today {today}).")
