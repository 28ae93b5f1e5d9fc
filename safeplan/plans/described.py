"""A plan, an entry in one or one of its versions, named for a reader who may see it (`people.capabilities.describe`):
what and where, never the entry's words. A concern about an entry keeps these words, so they must stay true to show
even when the entry is later withheld, hidden from the care team or taken out.

Who may see what follows the plan pages: a supporter only what sits in a section shared with them; the person
nothing withheld from them (they raise a concern about its marker instead); the care team nothing the person hid.
"""

import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Described
from safeplan.plans.models import SHARED_AS, Entry, Plan, PlanVersion
from safeplan.plans.presenters import london_day
from safeplan.plans.queries import entry_of, is_current, placement
from safeplan.plans.withheld import hidden_by_withholding

THEME = "One of their plans"


def _plan(access: RecordAccess, plan_id: str) -> Plan | None:
    plan = Plan.objects.filter(pk=plan_id, person=access.person).select_related("template").first()
    if plan is None or (access.is_supporter and not access.parts_shared(SHARED_AS, plan.pk)):
        return None
    return plan


def _href(plan: Plan, anchor: str = "") -> str:
    return reverse("plan", kwargs={"person_id": plan.person_id, "plan_id": plan.pk}) + anchor


def describe_plan(access: RecordAccess, object_id: str, part: str) -> Described | None:
    plan = _plan(access, object_id) if _is_uuid(object_id) and not part else None
    if plan is None:
        return None
    return Described(f"“{plan.title}”", _href(plan), THEME, shown=f"“{plan.shown_title}”")


def describe_entry(access: RecordAccess, object_id: str, part: str) -> Described | None:
    entry = entry_of(access.person, object_id) if not part else None
    if entry is None or not is_current(entry):
        return None
    placed, plan = entry.responds_to or entry, entry.plan
    if access.is_supporter:
        shared = access.parts_shared(SHARED_AS, plan.pk)
        if not shared or ("" not in shared and placed.section_key not in shared):
            return None
    if (access.is_person or access.is_supporter) and hidden_by_withholding(access, entry):
        return None
    if any(_hidden_from(access, one) for one in (entry, entry.responds_to) if one is not None):
        return None
    section, prompt, _kind = placement(entry)
    where = f", in “{section}”: {prompt}" if section else ""
    what = "A different view" if entry.responds_to is not None else "An entry"
    return Described(
        f"{what} in “{plan.title}”{where}",
        _href(plan, f"#entry-{entry.pk}"),
        THEME,
        shown=_entry_shown(entry, plan, section, prompt),
    )


def _entry_shown(entry: Entry, plan: Plan, section: str, prompt: str) -> str:
    """The entry named as `describe_entry` names it, in the reader's language (for a page, never kept)."""
    words = {"title": plan.shown_title, "section": translated(section), "prompt": translated(prompt)}
    if entry.responds_to is not None:
        if section:
            return _("A different view in “%(title)s”, in “%(section)s”: %(prompt)s") % words
        return _("A different view in “%(title)s”") % words
    if section:
        return _("An entry in “%(title)s”, in “%(section)s”: %(prompt)s") % words
    return _("An entry in “%(title)s”") % words


def _hidden_from(access: RecordAccess, entry: Entry) -> bool:
    """A supporter's words the person hid from their care team: seen only by the person and that supporter (as
    `queries.hidden_for`); the care team, emergency access and other supporters are kept from them."""
    if entry.hidden_from_staff_at is None or access.is_person:
        return False
    return not (access.is_supporter and access.support is not None and entry.supporter_id == access.support.pk)


def describe_version(access: RecordAccess, object_id: str, part: str) -> Described | None:
    if not object_id.isdigit() or part:
        return None
    version = PlanVersion.objects.filter(pk=int(object_id), plan__person=access.person).defer("snapshot").first()
    plan = _plan(access, str(version.plan_id)) if version is not None else None
    if version is None or plan is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):  # the words a concern keeps: English, whoever reads
        agreed = f", agreed on {london_day(version.agreed_at)}" if version.agreed_at else ", not agreed"
    href = reverse("plan_version", kwargs={"person_id": plan.person_id, "plan_id": plan.pk, "number": version.number})
    words: dict[str, object] = {"number": version.number, "title": plan.shown_title}
    if version.agreed_at:
        words["day"] = london_day(version.agreed_at)
        shown = _("Version %(number)s of “%(title)s”, agreed on %(day)s") % words
    else:
        shown = _("Version %(number)s of “%(title)s”, not agreed") % words
    return Described(f"Version {version.number} of “{plan.title}”{agreed}", href, THEME, shown=shown)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
