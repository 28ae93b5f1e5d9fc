"""Everything shared decisions hold about a person, for "All my data" (registered as `export=` in
decisions/capability.py; documented in safeplan/exports/schema/all-my-data.schema.json under `records.decisions`).

Each decision with every option and the later harms to the person's life it could bring, every view ever recorded
(earlier views that a later one replaced included), every capacity assessment, every legal framework considered,
the agreement (or none yet) and what happened afterwards. A view or a note on a law withheld from the person
(docs/adr/0010-withheld-items.md) is in its place as withheld, never its words, and listed under `withheld`.
"""

from datetime import date, datetime
from typing import Any

from safeplan.core.immutability import Authored
from safeplan.decisions.models import Agreement, Decision, LaterHarm, LegalCheck
from safeplan.decisions.withheld import LEGAL_CHECK, VIEW, exported, for_export
from safeplan.people.models import Person
from safeplan.people.withholding import Withholding


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _authored(row: Authored) -> dict[str, Any]:
    return {
        "written_by": row.written_by_name,
        "written_by_role": row.written_by_role,
        "written_at": _when(row.written_at),
    }


def _agreement(agreement: Agreement | None) -> dict[str, Any] | None:
    if agreement is None:
        return None
    return {
        "chosen_option": agreement.chosen.title,
        "person_will": agreement.person_will,
        "staff_will": agreement.staff_will,
        "others_will": agreement.others_will,
        "look_again_if": agreement.look_again_if,
        "review_on": _when(agreement.review_on),
        "proposed_by": agreement.proposed_by_name,
        "proposed_at": _when(agreement.proposed_at),
        "person_signed_by": agreement.person_signed_by,
        "person_signed_at": _when(agreement.person_signed_at),
        "practitioner_signed_by": agreement.practitioner_signed_by,
        "practitioner_signed_at": _when(agreement.practitioner_signed_at),
        "against_preference_reason": agreement.against_preference_reason,
        "final_at": _when(agreement.final_at),
    }


def _decision(
    decision: Decision, agreement: Agreement | None, withheld: dict[str, dict[str, Withholding]]
) -> dict[str, Any]:
    areas, likelihoods, seriousness = (
        dict(LaterHarm.Area.choices),
        dict(LaterHarm.Likelihood.choices),
        dict(LaterHarm.Seriousness.choices),
    )
    frameworks = dict(LegalCheck.Framework.choices)
    return {
        "id": str(decision.pk),
        "question": decision.question,
        "context": decision.context,
        "created_by": str(decision.created_by),
        "created_at": _when(decision.created_at),
        "options": [
            {
                "id": option.pk,
                "title": option.title,
                "benefits": option.benefits,
                "harms_now": option.harms_now,
                "carry_on": option.carry_on,
                **_authored(option),
                "later_harms": [
                    {
                        "area": harm.area,
                        "area_words": str(areas.get(harm.area, harm.area)),
                        "description": harm.description,
                        "likelihood": str(likelihoods.get(harm.likelihood, harm.likelihood)),
                        "seriousness": str(seriousness.get(harm.seriousness, harm.seriousness)),
                        **_authored(harm),
                    }
                    for harm in option.later_harms.all()
                ],
            }
            for option in decision.options.all()
        ],
        "views": [
            exported(withheld[VIEW][str(view.pk)])
            if str(view.pk) in withheld[VIEW]
            else {
                "voice": view.voice,
                "speaker": view.speaker,
                "preferred_option": view.preferred.title if view.preferred is not None else None,
                "reasons": view.reasons,
                **_authored(view),
            }
            for view in decision.views.all()
        ],
        "capacity_assessments": [
            {
                "understand": assessment.understand,
                "retain": assessment.retain,
                "weigh": assessment.weigh,
                "communicate": assessment.communicate,
                "has_capacity": assessment.has_capacity,
                "fluctuating": assessment.fluctuating,
                "review_on": _when(assessment.review_on),
                "notes": assessment.notes,
                **_authored(assessment),
            }
            for assessment in decision.capacity_assessments.all()
        ],
        "legal_frameworks": [
            exported(withheld[LEGAL_CHECK][str(check.pk)])
            if str(check.pk) in withheld[LEGAL_CHECK]
            else {
                "framework": check.framework,
                "framework_words": str(frameworks.get(check.framework, check.framework)),
                "applies": check.applies,
                "note": check.note,
                **_authored(check),
            }
            for check in decision.legal_checks.all()
        ],
        "agreement": _agreement(agreement),
        "outcomes": [
            {
                "voice": outcome.voice,
                "what_happened": outcome.what_happened,
                "what_we_learned": outcome.what_we_learned,
                **_authored(outcome),
            }
            for outcome in decision.outcomes.all()
        ],
    }


def export_decisions(person: Person) -> dict[str, Any]:
    decisions = list(
        Decision.objects.filter(person=person)
        .select_related("created_by")
        .prefetch_related(
            "options__later_harms", "views__preferred", "capacity_assessments", "legal_checks", "outcomes"
        )
        .order_by("created_at", "pk")
    )
    agreements = {a.decision_id: a for a in Agreement.objects.filter(decision__in=decisions).select_related("chosen")}
    withheld, listed = for_export(person)
    return {
        "withheld": listed,
        "decisions": [_decision(decision, agreements.get(decision.pk), withheld) for decision in decisions],
    }
