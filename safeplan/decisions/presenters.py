from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from constants, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.decisions.models import Agreement, Decision, LaterHarm, LegalCheck, Option, View
from safeplan.people.access import RecordAccess

# The words the person reads in place of the care team's terms; staff pages keep the clinical and legal ones.
# In English here, translated where the person reads them (their language may be Welsh).
FRAMEWORKS_FOR_THE_PERSON: dict[str, str] = {
    LegalCheck.Framework.DUTY_OF_CARE: N_("Your care team's duty to take reasonable care of you"),
    LegalCheck.Framework.HUMAN_RIGHTS: N_("Your human rights, such as to freedom and to a private and family life"),
    LegalCheck.Framework.HEALTH_AND_SAFETY: N_(
        "Health and safety law, which keeps everyone safe where your care happens"
    ),
    LegalCheck.Framework.MENTAL_CAPACITY: N_("Whether you can make this decision yourself"),
    LegalCheck.Framework.FLUCTUATING_CAPACITY: N_("Whether you can make this decision at some times but not others"),
    LegalCheck.Framework.SAFEGUARDING: N_("Protecting you from abuse or neglect"),
}
AREAS_FOR_THE_PERSON: dict[str, str] = {LaterHarm.Area.LIBERTY: N_("Freedom (for example, being kept in hospital)")}
VOICES_FOR_THE_PERSON: dict[str, str] = {
    View.Voice.PERSON: N_("you"),
    View.Voice.PRACTITIONER: N_("your care team"),
    View.Voice.SUPPORTER: N_("a supporter"),
    View.Voice.ADVOCATE: N_("an advocate"),
}


def decision_in_record(access: RecordAccess, decision_id: UUID) -> Decision:
    """A decision in this person's record, or 404; a supporter finds only one the person shared with them."""
    decision = Decision.objects.filter(pk=decision_id, person=access.person).first()
    if decision is None or (access.is_supporter and not access.parts_shared("decision", decision.pk)):
        raise Http404("No decision found.")
    return decision


def status(decision: Decision, agreement: Agreement | None, *, is_person: bool = False) -> tuple[str, str]:
    """The decision's stage in words (in the reader's language) and the tag's colour."""
    if agreement is None or agreement.final_at is None:
        if agreement is not None:
            return (_("Waiting for signatures"), "nhsuk-tag--blue")
        return (_("Being talked through"), "nhsuk-tag--grey")
    if decision.outcomes.all():  # prefetched on the list page
        return (_("Reviewed"), "nhsuk-tag--purple")
    if agreement.against_preference_reason:
        words = _("Decided against your preference") if is_person else "Decided against the person's preference"
        return (words, "nhsuk-tag--orange")
    return (_("Agreed"), "nhsuk-tag--green")


def frameworks(is_person: bool) -> list[tuple[str, str]]:
    """Each legal framework's value and the label this reader sees."""
    return [
        (value, translated(FRAMEWORKS_FOR_THE_PERSON.get(value, label)) if is_person else label)
        for value, label in LegalCheck.Framework.choices
    ]


def areas(is_person: bool) -> list[tuple[str, str]]:
    """Each part of life a later harm could touch, as this reader sees it."""
    return [
        (value, translated(AREAS_FOR_THE_PERSON.get(value, label)) if is_person else label)
        for value, label in LaterHarm.Area.choices
    ]


def area(harm: LaterHarm, is_person: bool) -> str:
    if is_person:
        return translated(AREAS_FOR_THE_PERSON.get(harm.area, harm.get_area_display()))
    return harm.get_area_display()


def likelihood_and_seriousness(harm: LaterHarm, is_person: bool) -> tuple[str, str]:
    """How likely a later harm seems and how serious it would be, lower case, as this reader sees them."""
    likely, serious = harm.get_likelihood_display(), harm.get_seriousness_display()
    if is_person:
        likely, serious = translated(likely), translated(serious)
    return likely.lower(), serious.lower()


def option_title(option: Option | None) -> str:
    """An option's title: "Carry on as now", which safeplan writes itself, in the reader's language; the titles
    people wrote as they wrote them."""
    if option is None:
        return ""
    return translated(option.title) if option.carry_on else option.title


def voice(value: str, is_person: bool) -> str:
    """Whose voice a view or an outcome is in, lower case, as this reader sees it."""
    label = VOICES_FOR_THE_PERSON.get(value) if is_person else None
    return translated(label) if label else str(View.Voice(value).label).lower()


def may_sign(agreement: Agreement | None, access: RecordAccess) -> bool:
    """Whether this reader can add their signature to the agreement now."""
    if agreement is None or agreement.final_at is not None or not access.may_write:
        return False
    if access.is_person:
        return agreement.person_signed_at is None
    return access.is_care_team and agreement.practitioner_signed_at is None
