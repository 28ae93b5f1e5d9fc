"""What a concern can be about: one thing in the record the raiser can see (a plan, an entry in one, a version, a
decision, the marker of something withheld — each named by the capability that owns it, through
`people.capabilities.describe`), something the service did or did not do, or anything else in the raiser's words.

A link beside any one thing ("Raise a concern about this", registered as an item action) carries its reference; the
raise form checks it again against what the raiser may see, on the page and when it is sent, so a reference typed
into the address never names, or reveals the existence of, something the raiser may not see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import WITHHELD, Described, describe, ref, registered, shareables, theme

SERVICE_ACTION = "service_action"  # the object type of "something the service did": its part is one of these keys
SERVICE_ACTIONS = {
    "admission": "Being admitted to hospital",
    "leaving_hospital": "Leaving hospital",
    "detention": "Being detained under the Mental Health Act",
    "medicines": "A change to medicines",
    "appointments": "Appointments, or not being offered one",
    "worker": "A change of care coordinator or key worker",
    "manner": "How someone spoke or listened",
    "contact": "Who was contacted, or not contacted",
}
SERVICE_THEME = "Something the service did"
ELSE_THEME = "Something else"


@dataclass(frozen=True)
class About:
    """What a concern is about, as the raiser saw it."""

    words: str
    object_type: str = ""
    object_id: str = ""
    part: str = ""


def choices(access: RecordAccess, linked: str = "") -> dict[str, About]:
    """{reference: About} for each thing the raiser may choose: the thing they came from (first), then each plan and
    decision of the person's they can see. Each is named by the capability that owns it."""
    found: dict[str, About] = {}
    linked_about = resolve(access, linked) if linked else None
    if linked_about is not None:
        found[linked] = linked_about
    for item in shareables(access.person):
        if access.is_supporter and not access.parts_shared(item.object_type, item.object_id):
            continue
        found.setdefault(
            ref(item.object_type, item.object_id), About(f"“{item.title}”", item.object_type, item.object_id)
        )
    return found


def resolve(access: RecordAccess, reference: str) -> About | None:
    """The thing a reference names, as an About, if this reader may see it (else None)."""
    described = describe(access, reference)
    if described is None:
        return None
    object_type, object_id, part = reference.split(":")
    return About(described.words, object_type, object_id, part)


def service_action(key: str) -> About | None:
    words = SERVICE_ACTIONS.get(key)
    return About(words, SERVICE_ACTION, "", key) if words else None


def where(access: RecordAccess, object_type: str, object_id: str, part: str) -> Described | None:
    """Where the reader can see what a concern is about, if it is a thing they may still see (a query)."""
    if not object_type or object_type == SERVICE_ACTION:
        return None
    return describe(access, ref(object_type, object_id, part))


def theme_of(object_type: str) -> str:
    """What kind of thing a concern was about, for the learning page (never its words)."""
    if object_type == SERVICE_ACTION:
        return SERVICE_THEME
    return theme(object_type) or ELSE_THEME


def themes() -> list[str]:
    """Every kind of thing, in a fixed order (each capability's, something withheld, the service's, anything else)."""
    ordered = [words for capability in registered() for words in capability.themes.values()]
    ordered += [theme(WITHHELD), SERVICE_THEME, ELSE_THEME]
    return list(dict.fromkeys(ordered))


def raise_link(access: RecordAccess) -> Callable[[str], str] | None:
    """The link beside any one thing, for a reader who may raise a concern here (not the care team, who record ones
    that came another way from the concerns page, nor emergency access)."""
    from safeplan.concerns.services import ConcernError, raiser_for

    try:
        who = raiser_for(access)
    except ConcernError:
        return None
    if who.recording:
        return None
    base = reverse("concern_raise", kwargs={"person_id": access.person.pk})
    return lambda reference: f"{base}?{urlencode({'about': reference})}"
