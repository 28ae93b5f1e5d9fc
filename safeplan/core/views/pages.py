"""Pages that are not about one person's record."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
def about_records(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about_records.jinja")


@login_not_required
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app is up and reaches its database (one query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
