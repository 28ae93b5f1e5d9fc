"""Improvement cycles: the list, starting one (or the next after one), and a cycle's page with its figures before and
after and what was learned. Figures only, for oversight staff and team leads of the organisation; every page and
change is audited as governance."""

from datetime import timedelta

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import posted
from safeplan.oversight import cycles
from safeplan.oversight.access import ROLES, chosen, overseen
from safeplan.oversight.forms import CycleForm, LearningForm
from safeplan.oversight.models import ImprovementCycle
from safeplan.people.access import staff_roles
from safeplan.people.capabilities import measures
from safeplan.people.models import Organisation, StaffRole, Team, User

GOVERNANCE = AuditEvent.Purpose.GOVERNANCE


def _audit(request: HttpRequest, role: str, action: str, cycle_id: object = "", note: str = "") -> None:
    audit.record(
        actor=audit.actor_for(request, role),
        action=action,
        object_type="improvement_cycle",
        object_id=f"{cycle_id}{note}",
        purpose=GOVERNANCE,
    )


def _changeable(user: User, organisation_id: int) -> tuple[bool, set[int]]:
    """Whether the user oversees the organisation (any of its cycles), and which of its teams they lead (only those
    teams' cycles, for a team lead)."""
    roles = [r for r in staff_roles(user) if r.organisation_id == organisation_id]
    oversight = any(r.role == StaffRole.Role.OVERSIGHT for r in roles)
    return oversight, {r.team_id for r in roles if r.role == StaffRole.Role.TEAM_LEAD and r.team_id}


def _cycle(request: HttpRequest, cycle_id: int) -> tuple[ImprovementCycle, str]:
    """The cycle, when it is one of an organisation the user oversees, with the role they see it in; else 404."""
    user: User = request.user  # type: ignore[assignment]
    cycle = ImprovementCycle.objects.select_related("organisation", "team", "follows").filter(pk=cycle_id).first()
    if cycle is None or cycle.organisation_id not in {o.pk for o in overseen(user)}:
        raise Http404("Not available.")
    roles = {r.role for r in staff_roles(user) if r.organisation_id == cycle.organisation_id}
    return cycle, ROLES[StaffRole.Role.OVERSIGHT if StaffRole.Role.OVERSIGHT in roles else StaffRole.Role.TEAM_LEAD]


def cycle_list(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        organisation, role = chosen(request)
        found = list(ImprovementCycle.objects.filter(organisation=organisation).select_related("team"))
        _audit(request, role, AuditEvent.Action.LIST, note=f"{len(found)} cycles, organisation {organisation.pk}")
        response = render(
            request,
            "oversight/cycles.jinja",
            {"organisation": organisation, "cycles": found, "today": timezone.localdate()},
        )
    return response


def _teams(organisation: Organisation, user: User) -> list[tuple[str, str]]:
    """Where a cycle may be run by this user: anywhere for oversight, a team lead's own teams only."""
    oversight, led = _changeable(user, organisation.pk)
    teams = Team.objects.filter(organisation=organisation).order_by("name")
    if not oversight:
        teams = teams.filter(pk__in=led)
    whole = [("", f"{organisation.name} (the whole organisation)")] if oversight else []
    return whole + [(str(t.pk), t.name) for t in teams]


def cycle_new(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        organisation, role = chosen(request)
        follows = None
        asked = request.GET.get("follows", "") or request.POST.get("follows", "")
        if asked.isdigit():
            follows = ImprovementCycle.objects.filter(pk=int(asked), organisation=organisation).first()
        initial = {}
        if follows is not None:
            initial = {
                "measures": follows.measures,
                "team": str(follows.team_id or ""),
                "aim": follows.aim,
                "starts_on": follows.ends_on + timedelta(days=1),
            }
        form = CycleForm(
            posted(request),
            initial=initial,
            measures=[(m.key, m.title) for m in measures()],
            teams=_teams(organisation, request.user),  # type: ignore[arg-type]
        )
        if form.is_valid():
            data = form.cleaned_data
            team = (
                Team.objects.filter(pk=int(data["team"]), organisation=organisation).first() if data["team"] else None
            )
            try:
                cycle = cycles.start(
                    organisation,
                    request.user,  # type: ignore[arg-type]
                    title=data["title"],
                    aim=data["aim"],
                    change=data["change"],
                    chosen=data["measures"],
                    prediction=data["prediction"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    team=team,
                    follows=follows,
                )
            except cycles.CycleError as error:
                form.add_error(None, str(error))
            else:
                _audit(request, role, AuditEvent.Action.CREATE, cycle.pk)
                return HttpResponseRedirect(reverse("oversight_cycle", kwargs={"cycle_id": cycle.pk}))
        status = 422 if form.errors else 200
        _audit(request, role, AuditEvent.Action.READ, note=f"new cycle form, organisation {organisation.pk}")
        response = render(
            request,
            "oversight/cycle_new.jinja",
            {"organisation": organisation, "form": form, "follows": follows},
            status=status,
        )
    return response


def cycle_page(request: HttpRequest, cycle_id: int) -> HttpResponse:
    with transaction.atomic():
        cycle, role = _cycle(request, cycle_id)
        oversight, led = _changeable(request.user, cycle.organisation_id)  # type: ignore[arg-type]
        may_change = oversight or cycle.team_id in led
        if request.method == "POST" and not may_change:
            raise Http404("Not available.")
        form = LearningForm(posted(request), initial={"revision": cycle.revision, "next_step": cycle.next_step})
        status, stale, attempt = 200, "", ""
        if form.is_valid():
            try:
                cycles.record_learning(
                    cycle,
                    learned=form.cleaned_data["learned"],
                    next_step=form.cleaned_data["next_step"],
                    revision_seen=form.cleaned_data["revision"],
                )
            except cycles.CycleChanged as error:
                cycle.refresh_from_db()
                stale, attempt = str(error), form.cleaned_data["learned"]
                form = LearningForm(initial={"revision": cycle.revision, "next_step": cycle.next_step})
                status = 409
            else:
                _audit(request, role, AuditEvent.Action.UPDATE, cycle.pk, " (what was learned)")
                return HttpResponseRedirect(reverse("oversight_cycle", kwargs={"cycle_id": cycle.pk}))
        elif form.errors:
            status = 422
        today = timezone.localdate()
        before, after = cycles.periods(cycle, today)
        _audit(request, role, AuditEvent.Action.READ, cycle.pk)
        response = render(
            request,
            "oversight/cycle.jinja",
            {
                "cycle": cycle,
                "figures": cycles.before_after(cycle, today),
                "before": before,
                "after": after,
                "form": form if may_change else None,
                "attempt": attempt,
                "stale": stale,
                "error_summary": [{"text": stale, "href": "#learned"}] if stale else None,
                "today": today,
                "next_cycles": list(cycle.next_cycles.all()),
            },
            status=status,
        )
    return response
