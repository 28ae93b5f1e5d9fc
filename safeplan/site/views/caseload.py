"""The practitioner's caseload: people their teams care for, searchable by name or NHS number, with a column for
each capability that flags people (such as plans overdue for review)."""

from django import forms
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import NHSForm
from safeplan.people.access import caseload_for, is_clinician, staff_role_label, team_roles
from safeplan.people.capabilities import registered, staff_notices
from safeplan.people.models import CareRelationship, Person, normalise_nhs_number
from safeplan.people.requests import SignedInRequest

PAGE_SIZE = 50


class CaseloadSearchForm(NHSForm):
    q = forms.CharField(
        label="Search your caseload",
        required=False,
        max_length=100,
        help_text="A name, or an NHS number such as 999 123 4567",
        widget=forms.TextInput(attrs={"classes": "nhsuk-input--width-20", "spellcheck": "false"}),
    )


def _search(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    digits = normalise_nhs_number(query)
    if digits.isdigit():
        return people.filter(nhs_number=digits)
    return people.filter(Q(full_name__icontains=query) | Q(preferred_name__icontains=query))


def caseload(request: SignedInRequest) -> HttpResponse:
    if not is_clinician(request.user):
        raise Http404("No caseload.")
    form = CaseloadSearchForm(request.GET or None)
    teams = list(team_roles(request.user))
    with transaction.atomic():
        matching = caseload_for(request.user)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        if query:
            matching = _search(matching, query)
        care = CareRelationship.objects.active().filter(team_id__in=teams).select_related("team")
        caring = Prefetch("care_relationships", care, to_attr="caring")
        people = list(matching.order_by("full_name", "id").prefetch_related(caring)[: PAGE_SIZE + 1])
        shown = [p.pk for p in people[:PAGE_SIZE]]
        columns = [(column, column.flagged(shown)) for c in registered() for column in c.caseload_columns]
        audit.record_listing(
            request,
            role=staff_role_label(request.user),
            object_type="caseload",
            shown=min(len(people), PAGE_SIZE),
            note=" (search)" if query else "",
            purpose=AuditEvent.Purpose.CARE,
        )
    status = 422 if form.is_bound and not form.is_valid() else 200
    context = {
        "form": form,
        "people": people[:PAGE_SIZE],
        "more": len(people) > PAGE_SIZE,
        "query": query,
        "columns": columns,
        "notices": staff_notices(request.user),  # type: ignore[arg-type]
    }
    return render(request, "site/caseload.jinja", context, status=status)
