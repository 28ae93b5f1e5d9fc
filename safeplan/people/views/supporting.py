"""Supporters and advocates: the people who chose them, and what each of those people shares with them now."""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import people_supported_by
from safeplan.people.capabilities import registered
from safeplan.people.requests import SignedInRequest


def supporting(request: SignedInRequest) -> HttpResponse:
    with transaction.atomic():
        relationships = list(people_supported_by(request.user).order_by("person__full_name"))
        if not relationships:
            raise Http404("Nobody has chosen you as a supporter.")
        kinds = sorted({r.get_kind_display().lower() for r in relationships})
        audit.record_listing(
            request,
            role=" and ".join(kinds),
            object_type="people_supported",
            shown=len(relationships),
            purpose=AuditEvent.Purpose.SHARED,
        )
        rows = [
            (
                support,
                [link for c in registered() if c.shared_with for link in c.shared_with(support)],
                [link for c in registered() if c.supporter_pages for link in c.supporter_pages(support)],
            )
            for support in relationships
        ]
        response = render(request, "people/supporting.jinja", {"rows": rows})
    return response
