"""The team lead's page "Concerns that are late": cases about people their teams care for whose acknowledgement,
response or delay letter is late, with who raised it (in role words), what is late and since when, who is handling
it, the reminders sent, and a link to the case. Not found for anyone who leads no team. One audit row for the list."""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.concerns.escalation import LateStep, late_for_lead, led_teams
from safeplan.concerns.models import Concern
from safeplan.people.requests import SignedInRequest


@dataclass(frozen=True)
class LateRow:
    person: str
    link: str
    raised_by: str
    late: list[str]
    handler: str
    reminded: list[str]


def _row(concern: Concern, steps: list[LateStep]) -> LateRow:
    missed = {(step.kind, step.due_on) for step in steps}
    reminders = [r for r in concern.reminders.all() if (r.kind, r.due_on) in missed]
    return LateRow(
        person=concern.person.full_name,
        link=reverse("concern", kwargs={"person_id": concern.person_id, "concern_id": concern.pk}),
        raised_by=concern.raised_by_role[:1].upper() + concern.raised_by_role[1:],
        late=[step.words for step in steps],
        handler=str(concern.handler) if concern.handler else "Nobody yet",
        reminded=[f"{r.get_kind_display().capitalize()}: {timezone.localtime(r.sent_at):%-d %B %Y}" for r in reminders],
    )


def late_concerns(request: SignedInRequest) -> HttpResponse:
    if not led_teams(request.user):
        raise Http404("Not available.")
    with transaction.atomic():
        cases = late_for_lead(request.user, timezone.localdate())
        audit.record_listing(
            request,
            role="team lead",
            object_type="late_concerns",
            shown=len(cases),
            purpose=AuditEvent.Purpose.CARE,
        )
        rows = [_row(concern, steps) for concern, steps in cases]
        response = render(request, "concerns/late.jinja", {"rows": rows})
    return response
