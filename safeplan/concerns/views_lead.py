"""The page "Concerns that are late": for a team lead, cases about people their teams care for whose acknowledgement,
response or delay letter is late, with who raised it (in role words), what is late and since when, who is handling
it, the reminders sent, and a link to the case; for oversight, late cases about people no team with a lead cares for
now (no lead would see them), by reference and the team that last cared for them, never by name and without a link
(oversight opens no records). Not found for anyone else. One audit row for each list."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.concerns.escalation import late_for_lead, late_with_nobody_caring, led_teams, overseen
from safeplan.concerns.late import LateStep
from safeplan.concerns.models import Concern, Reminder
from safeplan.people.models import CareRelationship
from safeplan.people.requests import SignedInRequest


@dataclass(frozen=True)
class LateRow:
    person: str  # the person's name for a team lead; for oversight, the case's reference and date (never a name)
    link: str
    raised_by: str
    late: list[str]
    handler: str
    reminded: list[str]
    last_team: str = ""


def _row(concern: Concern, steps: list[LateStep], *, cared_for: bool = True) -> LateRow:
    missed = {(step.kind, step.due_on) for step in steps}
    sent = sorted(
        {(r.kind, timezone.localdate(r.sent_at)) for r in concern.reminders.all() if (r.kind, r.due_on) in missed}
    )
    if cared_for:
        person = concern.person.full_name
        link = reverse("concern", kwargs={"person_id": concern.person_id, "concern_id": concern.pk})
    else:  # oversight reads records of no one: a reference the team that takes it on can find, and no link
        person, link = f"Reference {str(concern.pk)[:8].upper()}, received {concern.received_on:%-d %B %Y}", ""
    return LateRow(
        person=person,
        link=link,
        raised_by=concern.raised_by_role[:1].upper() + concern.raised_by_role[1:],
        late=[step.words for step in steps],
        handler=str(concern.handler) if concern.handler else "Nobody yet",
        reminded=[f"{Reminder.Kind(kind).label.capitalize()}: {day:%-d %B %Y}" for kind, day in sent],
        last_team="" if cared_for else _last_team(concern),
    )


def _last_team(concern: Concern) -> str:
    """The team caring for the person now (without a lead), or the one that cared for them last."""
    latest = (
        CareRelationship.objects.filter(person_id=concern.person_id)
        .select_related("team")
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on")
        .first()
    )
    return latest.team.name if latest is not None else "No team has cared for them"


def late_concerns(request: SignedInRequest) -> HttpResponse:
    leads, oversees = bool(led_teams(request.user)), bool(overseen(request.user))
    if not (leads or oversees):
        raise Http404("Not available.")
    today = timezone.localdate()
    with transaction.atomic():
        cases = late_for_lead(request.user, today)
        orphans = late_with_nobody_caring(request.user, today)
        for shown, role, purpose, held in [
            (len(cases), "team lead", AuditEvent.Purpose.CARE, leads),
            (len(orphans), "oversight", AuditEvent.Purpose.GOVERNANCE, oversees),
        ]:
            if held:
                audit.record_listing(request, role=role, object_type="late_concerns", shown=shown, purpose=purpose)
        context = {
            "leads": leads,
            "oversees": oversees,
            "rows": [_row(concern, steps) for concern, steps in cases],
            "orphans": [_row(concern, steps, cared_for=False) for concern, steps in orphans],
        }
        response = render(request, "concerns/late.jinja", context)
    return response
