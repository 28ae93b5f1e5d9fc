"""A supporter's own needs as a carer: written by the carer in their own words, read by the person only if the carer
chooses, read by the care team (who offer a carer's assessment and record the date they offered it).

The carer writes from their own login whether or not the person has shared anything with them, so these services
take the carer's support relationship, found for the signed-in user only (`own_support`), not a RecordAccess. Every
read and write is audited, as the carer, but not against the person's record: the person's access log and "New
since you last looked" would otherwise tell them that a note they may not read exists (hazard H30).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.circle.models import CarerNote, CarersAssessmentOffer
from safeplan.people.access import people_supported_by
from safeplan.people.models import SupportRelationship, User
from safeplan.people.records import Action, RecordError, Writer

CARE = AuditEvent.Purpose.CARE

OBJECT = "carer_needs"


class CarerError(RecordError):
    """A carer's note that cannot be saved; the message is safe to show."""


@dataclass
class CarerSummary:
    support: SupportRelationship
    note: CarerNote | None
    offer: CarersAssessmentOffer | None


def own_support(user: User, support_id: int) -> SupportRelationship:
    """The signed-in user's own current relationship as someone's supporter, or 404."""
    support = (
        people_supported_by(user)
        .filter(pk=support_id, kind=SupportRelationship.Kind.SUPPORTER)
        .select_related("person", "user")
        .first()
    )
    if support is None:
        raise Http404("Not one of your relationships.")
    return support


def _carer_actor(user: User, support: SupportRelationship, request_id: str = "") -> audit.Actor:
    return audit.Actor(user.pk, str(user), f"{support.get_kind_display().lower()} (as a carer)", request_id)


def audit_carer_read(request: HttpRequest, support: SupportRelationship) -> None:
    audit.record(
        actor=_carer_actor(request.user, support, getattr(request, "request_id", "")),  # type: ignore[arg-type]
        action=AuditEvent.Action.READ,
        object_type=OBJECT,
        object_id=support.pk,
        purpose=AuditEvent.Purpose.SHARED,
    )  # no person_id: the person's access log would tell them a carer's private note exists (hazard H30)


def note_needs(
    carer: User,
    support: SupportRelationship,
    *,
    needs: str,
    person_may_see: bool,
    offered_on: date | None = None,
    request_id: str = "",
    now: datetime | None = None,
) -> CarerNote:
    """The carer writes (again) what they need; the earlier words stay as history."""
    if support.user_id != carer.pk:
        raise CarerError("Only the carer writes about their own needs.")
    needs = needs.strip()
    if not needs:
        raise CarerError("Write what you need as a carer.")
    moment = now or timezone.now()
    if offered_on is not None and offered_on > timezone.localdate():
        raise CarerError("The date you were offered a carer's assessment cannot be in the future.")
    author = {
        "written_by": carer,
        "written_by_name": str(carer),
        "written_by_role": "carer",
        "written_at": moment,
    }
    with transaction.atomic():
        note = CarerNote.objects.create(support=support, needs=needs, person_may_see=person_may_see, **author)
        audit.record(
            actor=_carer_actor(carer, support, request_id),
            action=Action.CREATE,
            object_type=OBJECT,
            object_id=note.pk,
            purpose=AuditEvent.Purpose.SHARED,
        )
        if offered_on is not None and offered_on != _latest_offer_date(support):
            CarersAssessmentOffer.objects.create(support=support, offered_on=offered_on, **author)
    return note


def record_offer(writer: Writer, support: SupportRelationship, offered_on: date) -> CarersAssessmentOffer:
    """The care team records the date they offered this carer an assessment of their own needs."""
    if not writer.is_care_team:
        raise CarerError("The care team records when a carer's assessment was offered.")
    writer.check(support.person_id, error=CarerError, what="carer's record")
    if offered_on > timezone.localdate():
        raise CarerError("The date it was offered cannot be in the future.")
    with transaction.atomic():
        offer = CarersAssessmentOffer.objects.create(support=support, offered_on=offered_on, **writer.authored())
        audit.record(actor=writer.actor, action=Action.CREATE, object_type=OBJECT, object_id=offer.pk, purpose=CARE)
    return offer


def _latest_offer_date(support: SupportRelationship) -> date | None:
    offer = CarersAssessmentOffer.objects.filter(support=support).order_by("-offered_on", "-pk").first()
    return offer.offered_on if offer else None


def summaries(supporters: list[SupportRelationship], *, for_person: bool) -> list[CarerSummary]:
    """Each supporter's latest carer's note and assessment offer (two queries). For the person, only notes the
    carer chose to let them read."""
    notes: dict[int, CarerNote] = {}
    for written in CarerNote.objects.filter(support__in=supporters).order_by("written_at", "pk"):
        notes[written.support_id] = written
    offers: dict[int, CarersAssessmentOffer] = {}
    for offer in CarersAssessmentOffer.objects.filter(support__in=supporters).order_by("offered_on", "pk"):
        offers[offer.support_id] = offer
    rows = []
    for support in supporters:
        note = notes.get(support.pk)
        if for_person and note is not None and not note.person_may_see:
            note = None
        rows.append(CarerSummary(support, note, None if for_person else offers.get(support.pk)))
    return rows
