"""What shared decisions add to the pages that gather every capability: a part of the record page, demo records."""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from safeplan.decisions import measures as decisions_measures
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import (
    Capability,
    DemoWorld,
    Described,
    RecordPart,
    Shareable,
    WithheldThing,
    Withholdable,
)
from safeplan.people.models import Person


def _seed(world: DemoWorld) -> None:
    from safeplan.decisions.demo import seed_decisions

    seed_decisions(world.people[0], world.people[1], world.people[2], world.staff)


def _export(person: Person) -> dict[str, Any]:
    from safeplan.decisions.export import export_decisions

    return export_decisions(person)


SHARED_AS = "decision"  # the object type of a decision in the person's shares


def _shareable(person: Person) -> list[Shareable]:
    """Each decision, whole: a supporter the person shares it with reads the whole record of it."""
    from safeplan.decisions.models import Decision

    return [
        Shareable(
            SHARED_AS,
            str(decision.pk),
            decision.question,
            reverse("decision", kwargs={"person_id": person.pk, "decision_id": decision.pk}),
            group=N_("Your shared decisions"),
        )
        for decision in Decision.objects.filter(person=person).order_by("created_at", "pk")
    ]


def _describe(access: RecordAccess, object_id: str, part: str) -> Described | None:
    """A decision, named for a reader who may open it (a supporter only one shared with them)."""
    from safeplan.decisions.models import Decision

    if part:
        return None
    try:
        decision = Decision.objects.filter(pk=object_id, person=access.person).first()
    except ValidationError:
        return None
    if decision is None or (access.is_supporter and not access.parts_shared(SHARED_AS, decision.pk)):
        return None
    href = reverse("decision", kwargs={"person_id": access.person.pk, "decision_id": decision.pk})
    shown = _("The decision “%(words)s”") % {"words": decision.question}
    return Described(f"The decision “{decision.question}”", href, THEME, shown=shown)


THEME = "One of their decisions"


def _find_view(access: RecordAccess, object_id: str) -> WithheldThing | None:
    from safeplan.decisions.withheld import find_view

    return find_view(access, object_id)


def _find_legal_check(access: RecordAccess, object_id: str) -> WithheldThing | None:
    from safeplan.decisions.withheld import find_legal_check

    return find_legal_check(access, object_id)


def _withheld_link(row: Any) -> str:
    from safeplan.decisions.withheld import link

    return link(row)


DECISIONS = Capability(
    "decisions",
    measures=decisions_measures.MEASURES,
    record_parts=[RecordPart("decisions/_record_part.jinja")],
    seed_demo=_seed,
    export=_export,
    shareable=_shareable,
    object_names={
        name: N_("a decision")
        for name in [
            "decision",
            "decision_option",
            "decision_later_harm",
            "decision_view",
            "decision_capacity",
            "decision_legal_check",
            "decision_agreement",
            "decision_outcome",
        ]
    }
    | {"decisions": N_("your decisions")},
    creation_words={"decision": N_("started a decision")},
    describes={SHARED_AS: _describe},
    themes={SHARED_AS: THEME},
    withholdable={
        "decision_view": Withholdable("a view in a decision", _find_view, _withheld_link),
        "decision_legal_check": Withholdable("a note on a law in a decision", _find_legal_check, _withheld_link),
    },
)
