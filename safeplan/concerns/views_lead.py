"""The page "Concerns that are late": for a team lead, cases about people their teams care for whose acknowledgement,
response or delay letter is late, with who raised it (in role words), what is late and since when, who is handling
it, the reminders sent, and a link to the case; for oversight, late cases about people no team cares for now (no lead
would see them), without a link (they are not in anyone's care to open) and with what to do. Not found for anyone
else. One audit row for the list."""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.concerns.escalation import NOBODY_CARES, late_for_lead, late_with_nobody_caring, led_teams, overseen
from safeplan.concerns.late import LateStep
from safeplan.concerns.models import Concern, Reminder
from safeplan.people.requests import SignedInRequest


@dataclass(frozen=True)
class LateRow:
    person: str
    link: str
    raised_by: str
    late: list[str]
    handler: str
    reminded: list[str]


def _row(concern: Concern, steps: list[LateStep], *, cared_for: bool = True) -> LateRow:
    missed = {(step.kind, step.due_on) for step in steps}
    sent = sorted(
        {(r.kind, timezone.localdate(r.sent_at)) for r in concern.reminders.all() if (r.kind, r.due_on) in missed}
    )
    link = reverse("concern", kwargs={"person_id": concern.person_id, "concern_id": concern.pk}) if cared_for else ""
    return LateRow(
        person=concern.person.full_name,
        link=link,
        raised_by=concern.raised_by_role[:1].upper() + concern.raised_by_role[1:],
        late=[step.words for step in steps],
        handler=str(concern.handler) if concern.handler else "Nobody yet",
        reminded=[f"{Reminder.Kind(kind).label.capitalize()}: {day:%-d %B %Y}" for kind, day in sent],
    )


def late_concerns(request: SignedInRequest) -> HttpResponse:
    leads, oversees = bool(led_teams(request.user)), bool(overseen(request.user))
    if not (leads or oversees):
        raise Http404("Not available.")
    today = timezone.localdate()
    with transaction.atomic():
        cases = late_for_lead(request.user, today)
        orphans = late_with_nobody_caring(request.user, today)
        audit.record_listing(
            request,
            role="team lead" if leads else "oversight",
            object_type="late_concerns",
            shown=len(cases) + len(orphans),
            purpose=AuditEvent.Purpose.CARE if leads else AuditEvent.Purpose.GOVERNANCE,
        )
        context = {
            "leads": leads,
            "oversees": oversees,
            "rows": [_row(concern, steps) for concern, steps in cases],
            "orphans": [_row(concern, steps, cared_for=False) for concern, steps in orphans],
            "nobody_cares": NOBODY_CARES,
        }
        response = render(request, "concerns/late.jinja", context)
    return response
