"""A person's record: the care team's view and the person's own "Your record", each with every capability's part."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from safeplan.people.access import RecordAccess
from safeplan.people.access_log import visits
from safeplan.people.capabilities import registered
from safeplan.people.presenters import care_teams, open_grant_notice, person_summary_rows
from safeplan.people.views.record_access import ACTION, Shown, own_record_id, person_record_view, show
from safeplan.site.news import mark_seen, new_for


def record_parts(access: RecordAccess) -> list[tuple[str, dict[str, Any]]]:
    """(template, its context) for every registered capability's part of this record."""
    return [(part.template, part.context(access)) for c in registered() for part in c.record_parts]


@person_record_view(care_team=True)
def person_record(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    if access.is_person:
        return redirect("your_record")
    context = {
        "person": access.person,
        "access": access,
        "summary_rows": person_summary_rows(access.person),
        "care_teams": care_teams(access.person, access.caring),
        "emergency": open_grant_notice(access.grant),
        "parts": record_parts(access),
    }
    return show(request, "site/record.jinja", context)


class OlderForm(forms.Form):
    before = forms.IntegerField(required=False, min_value=1)


RECENT_VISITS = 3


def your_record(request: HttpRequest) -> HttpResponseBase:
    """The person's home: their plans and crisis plan first, then who has looked lately, their care team and them."""
    return _own_record(request, own_record_id(request))


def your_access_log(request: HttpRequest) -> HttpResponseBase:
    """Everyone who has looked at or changed the person's record, one line per visit, newest first, paged."""
    return _own_access_log(request, own_record_id(request))


@person_record_view()
def _own_record(request: HttpRequest, access: RecordAccess) -> Shown:
    recent, more = visits(access.person, limit=RECENT_VISITS, yours=True)
    new, looked_before = new_for(request.user, access.person)  # type: ignore[arg-type]
    context = {
        "person": access.person,
        "access": access,
        "summary_rows": person_summary_rows(access.person),
        "care_teams": care_teams(access.person, access.caring),
        "parts": record_parts(access),
        "visits": recent,
        "more_visits": more is not None,
        "new": new,
        "looked_before": looked_before,
    }
    return show(request, "site/your_record.jinja", context)


class SeenForm(forms.Form):
    seen_through = forms.IntegerField(min_value=1)


def your_record_seen(request: HttpRequest) -> HttpResponseBase:
    """The "I've seen these" button: the person's own, never shown to anyone else (site/models.py); 404 for
    anyone else."""
    return _seen(request, own_record_id(request))


@person_record_view(methods=ACTION)
def _seen(request: HttpRequest, access: RecordAccess) -> HttpResponseBase:
    form = SeenForm(request.POST)
    if form.is_valid():
        mark_seen(request.user, access.person, form.cleaned_data["seen_through"])  # type: ignore[arg-type]
    return redirect(reverse("your_record") + "#new-since")


@person_record_view("access_log")
def _own_access_log(request: HttpRequest, access: RecordAccess) -> Shown:
    older = OlderForm(request.GET)
    before = older.cleaned_data["before"] if older.is_valid() else None
    found, more = visits(access.person, before_seq=before, yours=True)
    context = {"person": access.person, "visits": found, "older_than": more, "paged": before is not None}
    return show(request, "site/access_log.jinja", context)
