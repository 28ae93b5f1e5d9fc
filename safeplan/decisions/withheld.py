"""Parts of a decision record withheld from the person (the serious-harm test; the kernel's `people.withholding`,
docs/adr/0010-withheld-items.md).

Two parts may be withheld: someone's view (not the person's own) and a note on a law or duty (a safeguarding note,
say). Options and their harms never are: the person weighs every option of a decision about them (principle 7), and
an agreement names one. Capacity assessments never are: no assessment happens without the person's knowledge
(principle 4). The person sees "Something here is not shown to you" where a withheld part sits; a supporter the
decision is shared with sees the record as if it had never been written; the care team sees it with the reason.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from safeplan.decisions import presenters, services
from safeplan.decisions.models import Agreement, Decision, LegalCheck, View
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import WithheldThing
from safeplan.people.withholding import (
    HOW_TO_ASK,
    Withholding,
    current_withholdings,
    exported,
    withheld_at,
    withholdings_of,
)

VIEW = "decision_view"
LEGAL_CHECK = "decision_legal_check"
KINDS = (VIEW, LEGAL_CHECK)
FOR_THE_PERSON = {VIEW: "a view in a decision about you", LEGAL_CHECK: "a note in a decision about you"}


def _decision_url(person_id: object, decision_id: object, anchor: str) -> str:
    return reverse("decision", kwargs={"person_id": person_id, "decision_id": decision_id}) + f"#{anchor}"


def find_view(access: RecordAccess, object_id: str) -> WithheldThing | None:
    if not object_id.isdigit():
        return None
    view = View.objects.filter(pk=object_id, decision__person=access.person).select_related("decision").first()
    if view is None:
        return None
    preferred = view.preferred.title if view.preferred is not None else "no preference yet"
    own = view.voice == View.Voice.PERSON
    return WithheldThing(
        heading=f"{view.speaker}'s view in the decision “{view.decision.question}”",
        rows=[("Prefers", preferred), ("Why", view.reasons)],
        back=_decision_url(access.person.pk, view.decision_id, f"view-{view.pk}"),
        container_id=str(view.decision_id),
        part="views",
        refusal=f"This is {access.person.name_to_use}'s own view: it cannot be withheld from them." if own else "",
    )


def find_legal_check(access: RecordAccess, object_id: str) -> WithheldThing | None:
    if not object_id.isdigit():
        return None
    check = LegalCheck.objects.filter(pk=object_id, decision__person=access.person).select_related("decision").first()
    if check is None:
        return None
    return WithheldThing(
        heading=f"A note on {check.get_framework_display().lower()} in the decision “{check.decision.question}”",
        rows=[("Bears on the decision", "yes" if check.applies else "no"), ("Note", check.note)],
        back=_decision_url(access.person.pk, check.decision_id, "frameworks"),
        container_id=str(check.decision_id),
        part="legal_checks",
    )


def link(row: Withholding) -> str:
    anchor = f"view-{row.object_id}" if row.object_type == VIEW else "frameworks"
    return _decision_url(row.person_id, row.container_id, anchor)


def marker(row: Withholding) -> dict[str, Any]:  # (review_passed: the marker says so, rather than a date gone by)
    return {
        "marker": True,
        "withholding_id": row.pk,
        "decided_by": row.decided_by_name,
        "withheld_on": row.decided_on,
        "review_by": row.review_on,
        "review_passed": row.is_past_review(),
    }


def note(row: Withholding, name: str) -> dict[str, Any]:
    return {
        "id": row.pk,
        "withheld_from": name,
        "decided_by": f"{row.decided_by_name} ({row.decided_by_role})",
        "withheld_on": row.decided_on,
        "review_by": row.review_on,
        "reason": row.reason,
        "overdue": row.is_past_review(),
    }


def _withheld(access: RecordAccess) -> dict[str, dict[str, Withholding]]:
    return {kind: current_withholdings(access.person, kind) for kind in KINDS}


def page_context(access: RecordAccess, decision: Decision, agreement: Agreement | None) -> dict[str, Any]:
    """The decision page's views, frameworks and signature notes as this reader may see them."""
    withheld = _withheld(access)
    views_withheld, checks_withheld = withheld[VIEW], withheld[LEGAL_CHECK]
    leave_out = access.is_supporter
    views: list[Any] = services.current_views(
        decision, leaving_out={int(i) for i in views_withheld} if leave_out else set()
    )
    checks: dict[str, Any] = dict(
        services.legal_checks(decision, leaving_out={int(i) for i in checks_withheld} if leave_out else set())
    )
    notes: dict[str, dict[str, Any]] = {}
    name = access.person.name_to_use
    if access.is_person:
        views = [marker(views_withheld[str(v.pk)]) if str(v.pk) in views_withheld else v for v in views]
        checks = {
            k: marker(checks_withheld[str(c.pk)]) if str(c.pk) in checks_withheld else c for k, c in checks.items()
        }
    elif not access.is_supporter:
        notes = {f"view-{k}": note(row, name) for k, row in views_withheld.items()}
        notes |= {f"check-{k}": note(row, name) for k, row in checks_withheld.items()}
    preferred = {v.preferred_id for v in views if isinstance(v, View)}
    return {
        "views": views,
        "disagree": len(preferred) > 1,
        "frameworks": [(value, label, checks.get(value)) for value, label in presenters.frameworks(access.is_person)],
        "withheld_notes": notes,
        "may_withhold": access.is_care_team,
        **_signature_notes(access, decision, agreement, withheld),
    }


def _signature_notes(
    access: RecordAccess, decision: Decision, agreement: Agreement | None, withheld: dict[str, dict[str, Withholding]]
) -> dict[str, str]:
    """What the agreement's signatures say: whether anything in the decision was withheld from the person when each
    was made, and (before signing) whether anything is now. Nothing for a supporter."""
    if agreement is None or access.is_supporter:
        return {}
    whom = access.person.name_to_use  # (the care team's words; the person's are below, in their language)
    rows = withholdings_of(access.person, KINDS, container_id=decision.pk)
    ids = [row.object_id for row in rows]
    found = {}
    for role in ("person", "practitioner"):
        signed_at = getattr(agreement, f"{role}_signed_at")
        if signed_at is not None and withheld_at(rows, ids, signed_at):
            found[f"{role}_signed_note"] = (
                _("When this was signed, the decision record included something not shown to you.")
                if access.is_person
                else f"When this was signed, the decision record included something not shown to {whom}."
            )
    now_withheld = any(row.container_id == str(decision.pk) for kind in KINDS for row in withheld[kind].values())
    if now_withheld and agreement.final_at is None:
        found["signing_note"] = (
            _(
                "This decision record includes something not shown to you. Signing says you agree with what you can "
                "read; you can ask your care team about the rest."
            )
            if access.is_person
            else f"This decision record includes something not shown to {whom}. They sign what they can see, and the "
            "signatures will say so."
        )
    return found


def for_export(person: Any) -> tuple[dict[str, dict[str, Withholding]], list[dict[str, Any]]]:
    """The current withholdings of decision parts ({kind: {id: row}}) and the top-level `withheld` list's items."""
    withheld = {kind: current_withholdings(person, kind) for kind in KINDS}
    questions = {str(pk): q for pk, q in Decision.objects.filter(person=person).values_list("pk", "question")}
    listed = [
        {
            "what": FOR_THE_PERSON[kind],
            "where": f"the decision “{questions.get(row.container_id, '')}”",
            **exported(row),
            "how_to_ask": HOW_TO_ASK,
        }
        for kind in KINDS
        for row in withheld[kind].values()
    ]
    return withheld, listed
