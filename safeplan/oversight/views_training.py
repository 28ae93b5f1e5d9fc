"""Training and policy pages: a team lead sees and records their teams' training (oversight the whole
organisation's); every member of staff reads the organisation's statement on positive risk taking and its
harm-minimisation policy, which oversight records. Audited as governance."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import posted
from safeplan.oversight import training
from safeplan.oversight.forms import PolicyForm, TrainingForm
from safeplan.oversight.models import PolicyStatement
from safeplan.people.access import organisations_where, staff_roles
from safeplan.people.models import Organisation, StaffRole, User

STAFF: set[str] = {StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD, StaffRole.Role.OVERSIGHT}


def _audit(request: HttpRequest, role: str, action: str, object_type: str, note: str) -> None:
    audit.record(
        actor=audit.actor_for(request, role),
        action=action,
        object_type=object_type,
        object_id=note,
        purpose=AuditEvent.Purpose.GOVERNANCE,
    )


def _scope(user: User) -> tuple[Organisation, str, list[int] | None]:
    """The organisation whose training this user sees, their role, and the teams (None: all of them; []: only
    their own); 404 for anyone who is not staff of an organisation."""
    roles = staff_roles(user)
    oversight = next((r for r in roles if r.role == StaffRole.Role.OVERSIGHT), None)
    if oversight is not None:
        return oversight.organisation, "oversight", None
    led = [r for r in roles if r.role == StaffRole.Role.TEAM_LEAD]
    if not led:
        practitioner = next((r for r in roles if r.role == StaffRole.Role.PRACTITIONER), None)
        if practitioner is None:
            raise Http404("Not available.")
        return practitioner.organisation, "practitioner", []
    organisation = led[0].organisation
    return organisation, "team lead", [r.team_id for r in led if r.organisation_id == organisation.pk and r.team_id]


def training_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        organisation, role, teams = _scope(user)
        own = teams == []
        staff = [user] if own else training.staff_of(organisation, teams)
        if own and request.method == "POST":
            raise Http404("Your team lead records training.")
        form = TrainingForm(posted(request), staff=[(str(u.pk), str(u)) for u in staff])
        if form.is_valid():
            data = form.cleaned_data
            chosen = next(u for u in staff if str(u.pk) == data["user"])
            made = training.record(
                organisation,
                user,
                user=chosen,
                course=data["course"],
                completed_on=data["completed_on"],
                with_lived_experience=data["with_lived_experience"],
                refresh_years=data["refresh_years"],
            )
            _audit(request, role, AuditEvent.Action.CREATE, "training_record", str(made.pk))
            messages.success(request, f"Saved: {chosen}, {made.get_course_display()}.")
            return redirect("training")
        found = training.statuses(organisation, staff)
        _audit(request, role, AuditEvent.Action.LIST, "training_records", f"{len(staff)} staff")
        response = render(
            request,
            "oversight/training.jinja",
            {
                "organisation": organisation,
                "rows": [(member, found[member.pk]) for member in staff],
                "form": None if own else form,
                "whole": teams is None,
                "own": own,
            },
            status=422 if form.errors else 200,
        )
    return response


def policies_page(request: HttpRequest) -> HttpResponse:
    """Every member of staff reads them; oversight records a new version."""
    user: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        organisations = organisations_where(user, STAFF)
        if not organisations:
            raise Http404("Not available.")
        organisation = organisations[0]
        may_record = StaffRole.Role.OVERSIGHT in {
            r.role for r in staff_roles(user) if r.organisation_id == organisation.pk
        }
        role = "oversight" if may_record else "staff"
        form = PolicyForm(posted(request)) if may_record else None
        if request.method == "POST" and not may_record:
            raise Http404("Not available.")
        if form is not None and form.is_valid():
            made = PolicyStatement.objects.create(
                organisation=organisation, recorded_by=user, recorded_at=timezone.now(), **form.cleaned_data
            )
            _audit(request, role, AuditEvent.Action.CREATE, "policy_statement", str(made.pk))
            messages.success(request, f"Saved: {made.title}.")
            return redirect("policies")
        statements = list(PolicyStatement.objects.filter(organisation=organisation))
        current: dict[str, PolicyStatement] = {}
        for statement in statements:
            current.setdefault(statement.kind, statement)
        _audit(request, role, AuditEvent.Action.READ, "policy_statements", f"organisation {organisation.pk}")
        response = render(
            request,
            "oversight/policies.jinja",
            {
                "organisation": organisation,
                "current": [(kind, title, current.get(kind)) for kind, title in PolicyStatement.Kind.choices],
                "earlier": [s for s in statements if current.get(s.kind) is not s],
                "form": form,
                "today": timezone.localdate(),
            },
            status=422 if form is not None and form.errors else 200,
        )
    return response


def improving(request: HttpRequest) -> HttpResponse:
    """Where staff find everything the service does to learn: what each may open, no figures and no audit (it shows
    nothing but links)."""
    user: User = request.user  # type: ignore[assignment]
    roles = {r.role for r in staff_roles(user)}
    if not roles & STAFF:
        raise Http404("Not available.")
    return render(
        request,
        "oversight/improving.jinja",
        {"figures": bool(roles & {StaffRole.Role.OVERSIGHT, StaffRole.Role.TEAM_LEAD})},
    )
