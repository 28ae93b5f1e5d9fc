"""What the person's plans give their safety summary (`people.capabilities.SummaryPart`): what matters to them, what
keeps them well, how they have coped, the people who help, the crisis section and who not to contact.

Each plan gives its agreed version where there is one, else its draft (its lines marked "not yet agreed"), always as
this reader may see it: a supporter only the sections shared with them, the person nothing withheld from them, staff
nothing the person hid from them. Read at the moment of reading, so the summary never holds a stale copy.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import SummaryLine, SummaryPart
from safeplan.people.withholding import HOW_TO_ASK
from safeplan.plans.historical import fold, historical
from safeplan.plans.models import SHARED_AS, CrisisLine, Plan
from safeplan.plans.presenters import PlanStatus, field_rows, london_day, plan_status
from safeplan.plans.queries import only_shared, plans_of, shared_sections
from safeplan.plans.snapshots import build_snapshot, hidden_from_staff, without_hidden
from safeplan.plans.withheld import as_seen_by, withheld_entries

# Which items of the shipped templates speak to which strength (by item key, the same in every template that has it).
STRENGTHS = {
    "matters": {"matters", "my-goal"},
    "keeps_well": {"keeps-me-well", "works-best", "feel-safe", "helps"},
    "coped": {"coping", "on-my-own", "places", "my-role"},
}


def as_seen(access: RecordAccess, plan: Plan, status: PlanStatus | None = None) -> tuple[dict[str, Any], str, bool]:
    """(snapshot, where it comes from, whether it is a draft nobody has agreed) for this reader: the agreed version
    where there is one, else the draft; entries no longer current are folded into "earlier"."""
    status = status or plan_status(plan)
    sections = shared_sections(access, plan)
    if status.agreed is not None:
        snapshot = without_hidden(only_shared(status.agreed.snapshot, sections), access, hidden_from_staff(plan))
        agreed_on = london_day(status.agreed.agreed_at or timezone.now())
        source, draft = _("From “%(title)s”, agreed on %(day)s") % {"title": plan.shown_title, "day": agreed_on}, False
    else:
        snapshot = only_shared(build_snapshot(plan, access), sections)
        source, draft = _("From “%(title)s”, not yet agreed") % {"title": plan.shown_title}, True
    folded = fold(as_seen_by(access, snapshot, withheld_entries(plan)), historical(plan))
    return folded, source, draft  # entries no longer current are in "earlier", which the summary leaves out


def _words(kind: str, entry: dict[str, Any], *, names_only: bool = False) -> str:
    """An entry as one line: its words, or a contact's name, who they are and number (for someone not to contact, and
    for the people who help, only their name and who they are: why not to contact someone is the person's to tell)."""
    rows = field_rows(kind, entry["fields"])
    if kind == "do_not_contact" or names_only:
        names = {gettext("Name"), gettext("Who they are to you")}  # the labels as field_rows gives them
        rows = [(label, value) for label, value in rows if label in names]
        return " — ".join(value for _label, value in rows if value)
    return "; ".join(value if not label else f"{label}: {value}" for label, value in rows if value)


def _parts_of(section: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """The summary parts an item of a plan speaks to."""
    parts = [part for part, keys in STRENGTHS.items() if item["key"] in keys]
    if item["kind"] == "do_not_contact":
        return [*parts, "do_not_contact"]
    if section["crisis"]:
        parts.append("crisis")
    return parts


def summary_parts(access: RecordAccess) -> list[SummaryPart]:
    found: list[SummaryPart] = []
    for plan in plans_of(access.person):
        if access.is_supporter and not access.parts_shared(SHARED_AS, plan.pk):
            continue
        snapshot, source, draft = as_seen(access, plan)
        lines: dict[str, list[SummaryLine]] = {}
        for section in snapshot["sections"]:
            for item in section["items"]:
                for entry in item["entries"]:
                    if entry.get("marker"):  # the person: where something withheld from them sits
                        line = SummaryLine(f"Something here is not shown to you. {HOW_TO_ASK}", marker=True)
                    else:
                        line = SummaryLine(_words(item["kind"], entry), withheld="withholding" in entry)
                    if not line.words:
                        continue
                    for part in _parts_of(section, item):
                        lines.setdefault(part, []).append(line)
                    if item["kind"] == "contact" and section["crisis"] and not line.marker:
                        people = SummaryLine(_words(item["kind"], entry, names_only=True), withheld=line.withheld)
                        lines.setdefault("people", []).append(people)
        found += [SummaryPart(part, source, tuple(part_lines), draft) for part, part_lines in lines.items()]
    crisis_lines = [
        SummaryLine(f"{line.name}: {line.phone}" + (f" ({line.hours})" if line.hours else ""))
        for line in CrisisLine.objects.filter(organisation_id=access.person.organisation_id)
    ]
    if crisis_lines:  # whether or not there is a plan
        found.append(SummaryPart("crisis", _("Crisis lines you can call"), tuple(crisis_lines)))
    return found
