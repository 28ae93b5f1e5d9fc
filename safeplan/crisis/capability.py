"""What crisis mode adds to the pages that gather every capability: the first link in the person's navigation and
the first thing on their home page, one tap from their crisis page."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, NavLink, RecordPart
from safeplan.people.models import User


def _crisis_link(user: User) -> str | None:
    return reverse("crisis") if getattr(user, "person_record", None) is not None else None


def _part(access: RecordAccess) -> dict[str, Any]:
    return {}


CRISIS = Capability(
    "crisis",
    record_parts=[RecordPart("crisis/_record_part.jinja", _part)],
    navigation=[NavLink(gettext_lazy("In a crisis"), _crisis_link)],
    object_names={
        "crisis_page": N_("your crisis page"),
        "crisis_page_kept": N_("your crisis page kept on your phone (brought up to date)"),
        "crisis_card": N_("your wallet card"),
        "crisis_share": N_("your plan to send to someone"),
    },
)
