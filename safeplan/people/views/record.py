"""A person's record: the care team's view and the person's own "Your record"."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render

from safeplan.people.presenters import access_log, care_teams, open_grant_notice, person_summary_rows
from safeplan.people.views.record_access import person_record_view
from safeplan.plans.presenters import plans_with_status


@person_record_view()
def person_record(request, access):
    if access.role == "person":
        return redirect("your_record")
    context = {
        "person": access.person,
        "summary_rows": person_summary_rows(access.person),
        "care_teams": care_teams(access.person),
        "emergency": open_grant_notice(access.grant),
        "plans": plans_with_status(access.person),
    }
    return render(request, "people/record.jinja", context)


class OlderForm(forms.Form):
    before = forms.IntegerField(required=False, min_value=1)


def your_record(request):
    """The person's own record, with who has looked at it."""
    person = getattr(request.user, "person_record", None)
    if person is None:
        raise Http404("No record.")
    return _own_record(request, person.pk)


@person_record_view()
def _own_record(request, access):
    older = OlderForm(request.GET)
    before = older.cleaned_data["before"] if older.is_valid() else None
    log, more = access_log(access.person, before_seq=before)
    context = {
        "person": access.person,
        "summary_rows": person_summary_rows(access.person),
        "care_teams": care_teams(access.person),
        "access_log": log,
        "older_than": more,
    }
    return render(request, "people/your_record.jinja", context)
