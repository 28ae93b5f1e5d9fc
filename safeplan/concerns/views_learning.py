"""The learning page (issue 12, item 6): an organisation's figures from concerns and compliments, with no names and no
words anyone wrote, for its oversight staff and team leads; and the same figures as JSON for the oversight capability
to chart. Each view is audited as a listing about no one (figures only)."""

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.concerns.learning import FEWER, Learning, learning_for
from safeplan.core.charts import SMALL
from safeplan.people.access import organisations_where, staff_roles
from safeplan.people.models import Organisation, StaffRole, User
from safeplan.people.wording import counts_for

ROLES = {StaffRole.Role.OVERSIGHT: "oversight", StaffRole.Role.TEAM_LEAD: "team lead"}


def learning_organisations(user: User) -> list[Organisation]:
    """The organisations whose figures the user may see: those where they have an oversight or team-lead role."""
    return organisations_where(user, set(ROLES))


def _figures(request: HttpRequest) -> tuple[Learning, list[tuple[str, str]]]:
    """The figures of the user's organisation (the one asked for, when they have more than one), audited."""
    user: User = request.user  # type: ignore[assignment]
    organisations = learning_organisations(user)
    asked = request.GET.get("organisation", "")
    chosen = next((o for o in organisations if str(o.pk) == asked), organisations[0] if organisations else None)
    if chosen is None:
        raise Http404("Not available.")
    roles = {role.role for role in staff_roles(user) if role.organisation_id == chosen.pk}
    figures = learning_for(chosen)
    audit.record_listing(
        request,
        role=ROLES[StaffRole.Role.OVERSIGHT if StaffRole.Role.OVERSIGHT in roles else StaffRole.Role.TEAM_LEAD],
        object_type="concerns_learning",
        shown=0,
        note=f" (figures only, organisation {chosen.pk})",
        purpose=AuditEvent.Purpose.GOVERNANCE,
    )
    words = [(phrase, FEWER if n in SMALL else str(n)) for phrase, n in counts_for(chosen, figures.first)]
    return figures, words


def learning(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        figures, words = _figures(request)
        response = render(request, "concerns/learning.jinja", {"learning": figures, "words": words})
    return response


def learning_json(request: HttpRequest) -> JsonResponse:
    with transaction.atomic():
        figures, words = _figures(request)
    return JsonResponse({**figures.as_json(), "language_hints_shown": dict(words)})
