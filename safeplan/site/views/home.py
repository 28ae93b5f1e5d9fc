"""Where each user's work starts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from safeplan.people.access import people_supported_by, team_roles
from safeplan.people.models import StaffRole, User


def home(request: HttpRequest) -> HttpResponse:
    """Send each user to where their work starts."""
    user: User = request.user  # type: ignore[assignment]
    if hasattr(user, "person_record"):
        return redirect("your_record")
    if team_roles(user):
        return redirect("caseload")
    if people_supported_by(user).exists():
        return redirect("supporting")
    if user.is_staff:
        return redirect("admin:index")
    oversight = StaffRole.objects.filter(user=user, role=StaffRole.Role.OVERSIGHT).exists()
    return render(request, "site/no_records.jinja", {"oversight": oversight})
