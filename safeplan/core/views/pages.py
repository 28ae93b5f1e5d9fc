"""Pages that are not about one person's record."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from safeplan.people.access import people_supported_by, team_roles
from safeplan.people.models import StaffRole


def home(request):
    """Send each user to where their work starts."""
    user = request.user
    if hasattr(user, "person_record"):
        return redirect("your_record")
    if team_roles(user):
        return redirect("caseload")
    if people_supported_by(user).exists():
        return redirect("supporting")
    if user.is_staff:
        return redirect("admin:index")
    oversight = StaffRole.objects.filter(user=user, role=StaffRole.Role.OVERSIGHT).exists()
    return render(request, "core/no_records.jinja", {"oversight": oversight})


@login_not_required
def about_records(request):
    return render(request, "core/about_records.jinja")


@login_not_required
@require_GET
def health(request):
    """For load balancers: the app is up and reaches its database (one query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
