"""What plans adds to the pages that gather every capability: its part of the record page, "Your plans" in the
person's navigation, the caseload's review column and the demo plans."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import (
    Capability,
    CaseloadColumn,
    DemoWorld,
    Described,
    NavLink,
    RecordPart,
    Shareable,
    SummaryPart,
    WithheldThing,
    Withholdable,
)
from safeplan.people.models import Person, User
from safeplan.plans import measures as plans_measures


def _record_part(access: RecordAccess) -> dict[str, Any]:
    from safeplan.plans.at_a_glance import plans_at_a_glance

    plans, due = plans_at_a_glance(access.person, count_due=access.is_care_team)
    return {"plans": plans, "due": due}


def _your_plans(user: User) -> str | None:
    return reverse("your_plans") if getattr(user, "person_record", None) is not None else None


def _overdue(person_ids: list[Any]) -> set[Any]:
    from safeplan.plans.queries import overdue_people

    return overdue_people(person_ids)


def _seed(world: DemoWorld) -> None:
    from safeplan.plans.demo import seed_plans

    seed_plans(world.organisation, world.people, world.staff, world.person_users)


def _shareable(person: Person) -> list[Shareable]:
    """Each plan, section by section; a supporter may be asked to add their own words to the sections they see."""
    from safeplan.plans.queries import SHARED_AS, plans_of

    return [
        Shareable(
            SHARED_AS,
            str(plan.pk),
            plan.title,
            reverse("plan", kwargs={"person_id": person.pk, "plan_id": plan.pk}),
            group=N_("Your plans"),
            parts=tuple((section["key"], section["title"]) for section in plan.template.sections),
            addable=True,
        )
        for plan in plans_of(person)
    ]


def _export(person: Person) -> dict[str, Any]:
    from safeplan.plans.export import export_plans

    return export_plans(person)


def _find_entry(access: RecordAccess, object_id: str) -> WithheldThing | None:
    from safeplan.plans.withheld import find_entry

    return find_entry(access, object_id)


def _entry_link(row: Any) -> str:
    from safeplan.plans.withheld import entry_link

    return entry_link(row)


def _summary(access: RecordAccess) -> list[SummaryPart]:
    from safeplan.plans.summary_parts import summary_parts

    return summary_parts(access)


def _describer(name: str) -> Any:
    """One of plans.described's functions, imported when first called (models are not ready at registration)."""

    def describe(access: RecordAccess, object_id: str, part: str) -> Described | None:
        from safeplan.plans import described

        found: Described | None = getattr(described, name)(access, object_id, part)
        return found

    return describe


def _daily() -> list[Any]:
    from safeplan.plans.tasks import remind_of_reviews

    return [remind_of_reviews]


PLANS = Capability(
    "plans",
    daily=_daily,
    measures=plans_measures.MEASURES,
    record_parts=[RecordPart("plans/_record_part.jinja", _record_part)],
    navigation=[NavLink(gettext_lazy("Your plans"), _your_plans)],
    caseload_columns=[CaseloadColumn("Plan review", _overdue, flag="Review overdue", otherwise="Up to date")],
    seed_demo=_seed,
    export=_export,
    shareable=_shareable,
    object_names={
        "safety_plan": N_("your plan"),
        "safety_plans": N_("your list of plans"),
        "plan_entry": N_("your plan"),
        "plan_version": N_("a version of your plan"),
        "plan_comparison": N_("changes to your plan"),
    },
    creation_words={"safety_plan": N_("started a plan"), "plan_version": N_("put forward a version of your plan")},
    withholdable={"plan_entry": Withholdable("an entry in a plan", _find_entry, _entry_link)},
    describes={
        "plan": _describer("describe_plan"),
        "plan_entry": _describer("describe_entry"),
        "plan_version": _describer("describe_version"),
    },
    themes=dict.fromkeys(["plan", "plan_entry", "plan_version"], "One of their plans"),
    summary=_summary,
)
