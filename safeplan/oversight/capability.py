"""What oversight adds to the pages that gather every capability: the link to the measures, for oversight staff and
team leads only."""

from typing import Any

from django.urls import reverse

from safeplan.people.capabilities import Capability, DemoWorld, NavLink
from safeplan.people.models import User


def _measures(user: User) -> str | None:
    from safeplan.oversight.access import overseen

    return reverse("oversight") if overseen(user) else None


def _training(user: User) -> str | None:
    from safeplan.people.access import staff_roles

    roles = {role.role for role in staff_roles(user)}
    return reverse("training") if roles & {"oversight", "team_lead", "practitioner"} else None


def _notices(user: User) -> list[tuple[str, str]]:
    """Training this member of staff is due for: never done, overdue, or a refresher coming up."""
    from safeplan.oversight.training import due_for

    return [
        (f"Training in {status.title[0].lower()}{status.title[1:]}: {status.words[0].lower()}{status.words[1:]}", link)
        for link in [reverse("training")]
        for _, status in due_for(user)
    ]


def _seed(world: DemoWorld) -> None:
    from safeplan.oversight.demo import seed_oversight

    seed_oversight(world)


def _daily() -> list[Any]:
    from safeplan.oversight.tasks import remind_of_training

    return [remind_of_training]


OVERSIGHT = Capability(
    "oversight",
    daily=_daily,
    navigation=[NavLink("Measures", _measures), NavLink("Training", _training)],
    staff_notices=_notices,
    seed_demo=_seed,
    object_names={"oversight_measures": "service measures (figures only)"},
)
