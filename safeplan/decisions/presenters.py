from uuid import UUID

from django.http import Http404

from safeplan.decisions.models import Agreement, Decision, LaterHarm, LegalCheck, View
from safeplan.people.access import RecordAccess

# The words the person reads in place of the care team's terms; staff pages keep the clinical and legal ones.
FRAMEWORKS_FOR_THE_PERSON: dict[str, str] = {
    LegalCheck.Framework.DUTY_OF_CARE: "Your care team's duty to take reasonable care of you",
    LegalCheck.Framework.HUMAN_RIGHTS: "Your human rights, such as to freedom and to a private and family life",
    LegalCheck.Framework.HEALTH_AND_SAFETY: "Health and safety law, which keeps everyone safe where your care happens",
    LegalCheck.Framework.MENTAL_CAPACITY: "Whether you can make this decision yourself",
    LegalCheck.Framework.FLUCTUATING_CAPACITY: "Whether you can make this decision at some times but not others",
    LegalCheck.Framework.SAFEGUARDING: "Protecting you from abuse or neglect",
}
AREAS_FOR_THE_PERSON: dict[str, str] = {LaterHarm.Area.LIBERTY: "Freedom (for example, being kept in hospital)"}
VOICES_FOR_THE_PERSON: dict[str, str] = {View.Voice.PERSON: "you", View.Voice.PRACTITIONER: "your care team"}


def decision_in_record(access: RecordAccess, decision_id: UUID) -> Decision:
    """A decision in this person's record, or 404; a supporter finds only one the person shared with them."""
    decision = Decision.objects.filter(pk=decision_id, person=access.person).first()
    if decision is None or (access.is_supporter and not access.parts_shared("decision", decision.pk)):
        raise Http404("No decision found.")
    return decision


def status(decision: Decision, agreement: Agreement | None, *, is_person: bool = False) -> tuple[str, str]:
    if agreement is None or agreement.final_at is None:
        if agreement is not None:
            return ("Waiting for signatures", "nhsuk-tag--blue")
        return ("Being talked through", "nhsuk-tag--grey")
    if decision.outcomes.all():  # prefetched on the list page
        return ("Reviewed", "nhsuk-tag--purple")
    if agreement.against_preference_reason:
        whose = "your" if is_person else "the person's"
        return (f"Decided against {whose} preference", "nhsuk-tag--orange")
    return ("Agreed", "nhsuk-tag--green")


def frameworks(is_person: bool) -> list[tuple[str, str]]:
    """Each legal framework's value and the label this reader sees."""
    return [
        (value, FRAMEWORKS_FOR_THE_PERSON.get(value, label) if is_person else label)
        for value, label in LegalCheck.Framework.choices
    ]


def areas(is_person: bool) -> list[tuple[str, str]]:
    """Each part of life a later harm could touch, as this reader sees it."""
    return [
        (value, AREAS_FOR_THE_PERSON.get(value, label) if is_person else label)
        for value, label in LaterHarm.Area.choices
    ]


def area(harm: LaterHarm, is_person: bool) -> str:
    return AREAS_FOR_THE_PERSON.get(harm.area, harm.get_area_display()) if is_person else harm.get_area_display()


def voice(value: str, is_person: bool) -> str:
    """Whose voice a view or an outcome is in, lower case, as this reader sees it."""
    label = VOICES_FOR_THE_PERSON.get(value) if is_person else None
    return label or str(View.Voice(value).label).lower()


def may_sign(agreement: Agreement | None, access: RecordAccess) -> bool:
    """Whether this reader can add their signature to the agreement now."""
    if agreement is None or agreement.final_at is not None or not access.may_write:
        return False
    if access.is_person:
        return agreement.person_signed_at is None
    return access.is_care_team and agreement.practitioner_signed_at is None
