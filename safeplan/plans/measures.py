"""What plans count for oversight (people/measures.py): plans agreed with the person, reviews on time, people with an
agreed crisis plan, entries in the person's own words, and how often the language guide spoke up. Each is counted in
the database by team and month; none counts plans for their own sake (a plan nobody agreed with the person is not a
success)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from safeplan.people.measures import ORGANISATION, Counts, Measure, Month, by, during, monthly_counts, people_counts
from safeplan.people.models import Organisation
from safeplan.people.wording import LanguageHintCount
from safeplan.plans.models import Entry, EntryRevision, Plan, PlanTemplate, PlanVersion, Signature, Voice


def _agreed_with_person(last: date) -> Exists:
    """A version of the plan the person signed and that was agreed by `last`."""
    return Exists(
        Signature.objects.filter(
            by("version__agreed_at", last), version__plan=OuterRef("pk"), role=Signature.Role.PERSON
        )
    )


def agreed_plan_counts(plans: QuerySet[Plan], organisation: Organisation, months: list[Month]) -> Counts:
    """Of these plans, started by the month's end: those agreed with the person's signature by then. For any
    capability whose records are plans of one template (harm minimisation)."""
    return monthly_counts(
        plans,
        person="person",
        organisation=organisation,
        months=months,
        counted=lambda first, last: by("started_at", last),
        met=lambda first, last: Q(_agreed_with_person(last)),
    )


def _plans_agreed(organisation: Organisation, months: list[Month]) -> Counts:
    return agreed_plan_counts(Plan.objects.all(), organisation, months)


def _reviews_on_time(organisation: Organisation, months: list[Month]) -> Counts:
    reviewed = Exists(
        PlanVersion.objects.filter(
            plan=OuterRef("plan"), number__gt=OuterRef("number"), agreed_at__date__lte=OuterRef("review_due")
        )
    )
    today = timezone.localdate()
    return monthly_counts(
        PlanVersion.objects.filter(agreed_at__isnull=False),
        person="plan__person",
        organisation=organisation,
        months=months,
        # Counted once the review date has passed, done or not (a review due today is not late yet); one done early
        # counts in the month it was due.
        counted=lambda first, last: Q(review_due__gte=first, review_due__lte=last, review_due__lt=today),
        met=lambda first, last: Q(reviewed),
    )


def crisis_sections() -> tuple[list[int], list[str]]:
    """The plan templates with a crisis part (who to call, what to do in a crisis) and those parts' keys: a small
    table, read once a count."""
    templates, keys = [], set()
    for template in PlanTemplate.objects.only("definition"):
        found = [s["key"] for s in template.sections if s.get("crisis")]
        if found:
            templates.append(template.pk)
            keys.update(found)
    return templates, sorted(keys)


def _crisis_plans(organisation: Organisation, months: list[Month]) -> Counts:
    templates, keys = crisis_sections()
    # Something in the crisis part when the version was agreed: written by then, not taken out by then, and not
    # hidden from staff (a supporter's words the person kept from the care team are in no version).
    taken_out = EntryRevision.objects.filter(
        entry=OuterRef("pk"), removed=True, written_at__lte=OuterRef(OuterRef("agreed_at"))
    )
    with_crisis_part = Exists(
        Entry.objects.filter(
            plan=OuterRef("plan"),
            section_key__in=keys,
            created_at__lte=OuterRef("agreed_at"),
            hidden_from_staff_at__isnull=True,
        ).exclude(Exists(taken_out))
    )
    return people_counts(
        organisation,
        months,
        lambda first, last: Q(
            Exists(
                PlanVersion.objects.filter(
                    with_crisis_part,
                    by("agreed_at", last),
                    plan__person=OuterRef("pk"),
                    plan__template__in=templates,
                )
            )
        ),
    )


def _written_in(first: date, last: date) -> Q:
    return during("created_at", first, last)


def _own_words(organisation: Organisation, months: list[Month]) -> Counts:
    return monthly_counts(
        Entry.objects.all(),
        person="plan__person",
        organisation=organisation,
        months=months,
        counted=_written_in,
        met=lambda first, last: Q(voice=Voice.PERSON),
    )


def _hints(organisation: Organisation, months: list[Month]) -> Counts:
    """Hints shown, over entries the care team wrote in its own voice (the only words hints are offered on)."""
    entries = monthly_counts(
        Entry.objects.filter(voice=Voice.CARE_TEAM),
        person="plan__person",
        organisation=organisation,
        months=months,
        counted=_written_in,
        met=lambda first, last: Q(),
    )
    shown = dict(
        LanguageHintCount.objects.filter(organisation=organisation, month__gte=months[0].first)
        .values("month")
        .annotate(total=Sum("shown"))
        .values_list("month", "total")
    )
    return {(ORGANISATION, m.first): (shown.get(m.first, 0), entries[(ORGANISATION, m.first)][1]) for m in months}


MEASURES = [
    Measure(
        "plans_agreed",
        10,
        "Plans agreed with the person",
        "Plans with a version the person signed, agreed by the end of the month",
        "Plans of the people cared for in the month, started by its end",
        "At the end of each month (today, for this month)",
        _plans_agreed,
        why="Counts plans the person agreed to, not plans written: a plan written about someone is not theirs.",
    ),
    Measure(
        "reviews_on_time",
        20,
        "Reviews on time",
        "Of those, reviews done by the review date: a newer version agreed on or before it",
        "Agreed plan versions whose review date fell in the month and has passed",
        "Each month, by the month the review was due",
        _reviews_on_time,
    ),
    Measure(
        "crisis_plans",
        30,
        "People with an agreed crisis plan",
        "People with a plan agreed by the end of the month whose crisis part (who to call, what to do in a crisis) "
        "had something in it when it was agreed",
        "People cared for in the month",
        "At the end of each month (today, for this month)",
        _crisis_plans,
    ),
    Measure(
        "own_words",
        40,
        "Entries in the person's own words",
        "Entries written in the person's own voice",
        "All entries written in plans in the month (the person's, the care team's and supporters')",
        "Each month, by the month the entry was written",
        _own_words,
    ),
    Measure(
        "language_hints",
        110,
        "Language-guide hints",
        "Times the language guide offered a gentler way of saying something",
        "Entries the care team wrote in its own voice in the month (per 1,000)",
        "Each month",
        _hints,
        better="lower",
        per=1000,
        by_team=False,
        why="Hints are counted for the whole organisation only, never by person or by who wrote.",
    ),
]
