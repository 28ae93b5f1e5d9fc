"""The public read API of plans: what other capabilities (harm minimisation, the safety summary, exports, oversight)
and the site pages read about a person's plans. Nobody else queries plans' models for reading.

Every function here takes what the caller's access already allows (a `RecordAccess`, a plan found through one, or
person ids the caller was given by a scoped helper); none of them widens access.
"""

from typing import Any
from uuid import UUID

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from safeplan.core.fixed_sql import Columns, prep, rows
from safeplan.people.access import RecordAccess
from safeplan.people.models import Person
from safeplan.plans.models import SHARED_AS, Entry, EntryRevision, Plan, PlanTemplate, PlanVersion
from safeplan.plans.presenters import PlanStatus, plan_status

__all__ = ["SHARED_AS"]  # and the functions below


def entry_of(person: Person, object_id: str) -> Entry | None:
    """An entry (or a differing view) of this person's plans by its id as text, with its plan and what it answers."""
    if not object_id.isdigit():
        return None
    found = Entry.objects.filter(pk=int(object_id), plan__person=person).select_related("plan__template", "responds_to")
    return found.first()


def is_current(entry: Entry) -> bool:
    """Whether an entry is in the plan now (its latest revision was not taking it out)."""
    return EntryRevision.objects.filter(entry=entry, number=entry.revision, removed=False).exists()


def placement(entry: Entry) -> tuple[str, str, str]:
    """Where an entry sits: its section's title, its item's prompt and kind (a view sits where what it answers does)."""
    from safeplan.plans.plan_templates import item_definition

    placed = entry.responds_to or entry
    found = item_definition(entry.plan.template.definition, placed.section_key, placed.item_key)
    return (found[0]["title"], found[1]["prompt"], found[1]["kind"]) if found else ("", "", "text")


def shipped_template(key: str, version: int) -> PlanTemplate:
    """One version of a template shipped with safeplan (loaded from its file)."""
    return PlanTemplate.objects.get(organisation=None, key=key, version=version)


def plan_in_record(access: RecordAccess, plan_id: UUID | str) -> Plan:
    """A plan of the person whose record this is, or 404: plan ids from another record are never found, and a
    supporter finds only a plan the person shared some of with them."""
    plan = Plan.objects.select_related("template", "person__organisation").filter(pk=plan_id, person=access.person)
    found = plan.first()
    if found is None or (access.is_supporter and not access.parts_shared(SHARED_AS, found.pk)):
        raise Http404("No plan found.")
    return found


_PLAN, _TEMPLATE = Columns(Plan, alias="p"), Columns(PlanTemplate, alias="t")
# `Plan.objects.filter(person=…).select_related("template").order_by("started_at", "pk")`, as SQL written once
# (core/fixed_sql.py): every plan page reads it. `plans/tests/test_more_than_one_plan.py` holds it to that rule.
_PLANS_OF = (
    f"SELECT {_PLAN.sql}, {_TEMPLATE.sql} FROM {Plan._meta.db_table} p"  # noqa: S608 - names from the models
    f" JOIN {PlanTemplate._meta.db_table} t ON t.id = p.template_id WHERE p.person_id = %s ORDER BY p.started_at, p.id"
)


def plan_and_the_others(access: RecordAccess, plan_id: UUID | str) -> tuple[Plan, list[Plan]]:
    """`plan_in_record`, with the person's other plans this reader may see (oldest first), in one query."""
    plans = []
    for row in rows(_PLANS_OF, [prep(Plan, "person", access.person.pk)]):
        plan = _PLAN.load(row)
        plan.template = _TEMPLATE.load(row, len(_PLAN))
        plans.append(plan)
    found = next((plan for plan in plans if str(plan.pk) == str(plan_id)), None)
    if found is None or (access.is_supporter and not access.parts_shared(SHARED_AS, found.pk)):
        raise Http404("No plan found.")
    for plan in plans:
        plan.person = access.person  # the record's own person, with their organisation: no query for either
    others = [p for p in plans if p is not found and (not access.is_supporter or access.parts_shared(SHARED_AS, p.pk))]
    return found, others


def shared_sections(access: RecordAccess, plan: Plan) -> set[str] | None:
    """The section keys of this plan a supporter may see, or None when the reader sees every section."""
    if not access.is_supporter:
        return None
    parts = access.parts_shared(SHARED_AS, plan.pk)
    return None if "" in parts else parts


def only_shared(snapshot: dict[str, Any], sections: set[str] | None) -> dict[str, Any]:
    """A snapshot with only the sections shared (all of them when `sections` is None). Nothing else is copied in."""
    if sections is None:
        return snapshot
    return {**snapshot, "sections": [s for s in snapshot["sections"] if s["key"] in sections]}


def version_of(plan: Plan, number: int) -> PlanVersion:
    """One numbered version of a plan, with its signatures, or 404."""
    version = PlanVersion.objects.filter(plan=plan, number=number).prefetch_related("signatures").first()
    if version is None:
        raise Http404("No such version.")
    return version


def current_revisions(
    plan: Plan, *, item_key: str = "", views: bool = False, reader: RecordAccess | None = None
) -> QuerySet[EntryRevision]:
    """The words of each entry as they stand now (its latest revision, unless it was taken out), oldest entry first.
    Only the entries of one kind of item when `item_key` is given; differing views only when `views` is true.
    A supporter's entry the person hid from their care team is left out, unless the `reader` is the person or
    that supporter (so it is in no version, export or staff page)."""
    return _current(EntryRevision.objects.filter(entry__plan=plan), item_key=item_key, views=views, reader=reader)


def current_revisions_of(person: Person, *, reader: RecordAccess | None = None) -> QuerySet[EntryRevision]:
    """The same as `current_revisions`, for every plan of the person's at once (entries, not views)."""
    return _current(EntryRevision.objects.filter(entry__plan__person=person), reader=reader)


def _current(
    revisions: QuerySet[EntryRevision], *, item_key: str = "", views: bool = False, reader: RecordAccess | None = None
) -> QuerySet[EntryRevision]:
    revisions = revisions.filter(number=F("entry__revision"), removed=False).filter(hidden_for(reader))
    if item_key:
        revisions = revisions.filter(entry__item_key=item_key)
    if not views:
        revisions = revisions.filter(entry__responds_to__isnull=True)
    return revisions.select_related("entry").order_by("entry__created_at", "entry_id")


def hidden_for(reader: RecordAccess | None) -> Q:
    """Which entries hidden from staff this reader sees, as a filter on entry revisions."""
    shown = Q(entry__hidden_from_staff_at__isnull=True)
    if reader is not None and reader.is_person:
        return Q()
    if reader is not None and reader.is_supporter and reader.support is not None:
        return shown | Q(entry__supporter=reader.support)
    return shown


def current_entries(plan: Plan, item_key: str) -> QuerySet[Entry]:
    """The entries of one kind of item that are in the plan now (not taken out), oldest first."""
    current = current_revisions(plan, item_key=item_key).values("entry_id")
    return Entry.objects.filter(pk__in=current).order_by("created_at", "pk")


def plans_of(person: Person) -> list[Plan]:
    """The person's plans, oldest first, with their templates (for callers that already hold the person's access)."""
    return list(Plan.objects.filter(person=person).select_related("template").order_by("started_at", "pk"))


def do_not_contact(person: Person) -> list[tuple[str, str]]:
    """(name, who they are) of everyone on the do-not-contact lists of all the person's plans, as they stand now."""
    revisions = EntryRevision.objects.filter(
        entry__plan__person=person, number=F("entry__revision"), removed=False, entry__responds_to__isnull=True
    ).select_related("entry__plan__template")
    found = []
    for revision in revisions:
        kinds = {
            (section["key"], item["key"]): item["kind"]
            for section in revision.entry.plan.template.sections
            for item in section["items"]
        }
        if kinds.get((revision.entry.section_key, revision.entry.item_key)) == "do_not_contact":
            found.append((revision.fields.get("name", ""), revision.fields.get("relationship", "")))
    return [(name, who) for name, who in found if name]


def do_not_contact_names(person: Person) -> list[str]:
    """The names on the do-not-contact lists of all the person's plans, as they stand now."""
    return [name for name, _who in do_not_contact(person)]


def plans_with_status(person: Person, access: RecordAccess | None = None) -> list[tuple[Plan, PlanStatus]]:
    """The person's plans, newest first, each with whether it is agreed, changed since, or overdue for review
    (for a supporter's `access`, only the plans shared with them)."""
    plans = list(Plan.objects.filter(person=person).select_related("template").order_by("-started_at"))
    if access is not None and access.is_supporter:
        plans = [plan for plan in plans if access.parts_shared(SHARED_AS, plan.pk)]
    versions: dict[UUID, list[PlanVersion]] = {p.pk: [] for p in plans}
    for version in PlanVersion.objects.filter(plan__in=plans).defer("snapshot").order_by("number"):
        versions[version.plan_id].append(version)
    return [(plan, plan_status(plan, versions[plan.pk])) for plan in plans]


def overdue_people(person_ids: list[UUID]) -> set[UUID]:
    """Which of these people have a plan whose latest agreed version is past its review date."""
    latest_due = (
        PlanVersion.objects.filter(plan=OuterRef("pk"), agreed_at__isnull=False)
        .order_by("-number")
        .values("review_due")[:1]
    )
    overdue = (
        Plan.objects.filter(person_id__in=person_ids)
        .annotate(latest_due=Subquery(latest_due))
        .filter(latest_due__lt=timezone.localdate())
        .values_list("person_id", flat=True)
    )
    return set(overdue)
