from uuid import UUID

from django.http import Http404

from safeplan.decisions.models import Agreement, Decision
from safeplan.people.access import RecordAccess


def decision_in_record(access: RecordAccess, decision_id: UUID) -> Decision:
    decision = Decision.objects.filter(pk=decision_id, person=access.person).first()
    if decision is None:
        raise Http404("No decision found.")
    return decision


def status(decision: Decision, agreement: Agreement | None) -> tuple[str, str]:
    if agreement is None or agreement.final_at is None:
        if agreement is not None:
            return ("Waiting for signatures", "nhsuk-tag--blue")
        return ("Being talked through", "nhsuk-tag--grey")
    if decision.outcomes.all():  # prefetched on the list page
        return ("Reviewed", "nhsuk-tag--purple")
    if agreement.against_preference_reason:
        return ("Decided against the person's preference", "nhsuk-tag--orange")
    return ("Agreed", "nhsuk-tag--green")
