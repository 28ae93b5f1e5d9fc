"""What oversight adds to the pages that gather every capability: the link to the measures, for oversight staff and
team leads only."""

from django.urls import reverse

from safeplan.people.capabilities import Capability, NavLink
from safeplan.people.models import User


def _measures(user: User) -> str | None:
    from safeplan.oversight.access import overseen

    return reverse("oversight") if overseen(user) else None


OVERSIGHT = Capability(
    "oversight",
    navigation=[NavLink("Measures", _measures)],
    object_names={"oversight_measures": "service measures (figures only)"},
)
