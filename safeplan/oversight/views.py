"""The measures page and its CSV: an organisation's figures by team and month, small numbers suppressed, each chart
beside a table of the same figures. Each view is audited once as a listing about no one (figures only)."""

import csv

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.oversight.access import chosen, overseen
from safeplan.oversight.figures import MeasureFigures, figures
from safeplan.people.measures import ORGANISATION, last_months
from safeplan.people.models import Organisation


def _audited(request: HttpRequest, what: str) -> tuple[Organisation, list[MeasureFigures]]:
    organisation, role = chosen(request)
    found = figures(organisation, last_months(timezone.localdate()))
    audit.record_listing(
        request,
        role=role,
        object_type="oversight_measures",
        shown=0,
        note=f" ({what}, figures only, organisation {organisation.pk})",
        purpose=AuditEvent.Purpose.GOVERNANCE,
    )
    return organisation, found


def _scope(request: HttpRequest) -> int:
    asked = request.GET.get("scope", "")
    return int(asked) if asked.isdigit() else ORGANISATION


def measures_page(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        organisation, found = _audited(request, "page")
        scope = _scope(request)
        response = render(
            request,
            "oversight/measures.jinja",
            {
                "organisation": organisation,
                "organisations": overseen(request.user),  # type: ignore[arg-type]
                "figures": found,
                "scope": scope,
                "teams": found[0].scopes if found else [],
            },
        )
    return response


def _plain(text: str) -> str:
    """A name as text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def measures_csv(request: HttpRequest) -> HttpResponse:
    """Every cell of the page, one row each: no names, no identifiers, suppressed cells blank with the reason."""
    with transaction.atomic():
        organisation, found = _audited(request, "CSV")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measures-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["measure", "title", "team", "month", "numerator", "denominator", "value", "unit", "note", "definition"]
    )
    for item in found:
        measure = item.measure
        definition = f"Counted: {measure.numerator}. Out of: {measure.denominator}. {measure.period}."
        for month in item.months:
            for scope, cell in zip(item.scopes, item.row(month), strict=True):
                writer.writerow(
                    [
                        measure.key,
                        measure.title,
                        "whole organisation" if scope.key == ORGANISATION else _plain(scope.name),
                        f"{month.first:%Y-%m}",
                        "" if cell.numerator is None else cell.numerator,
                        "" if cell.denominator is None else cell.denominator,
                        "" if cell.value is None else f"{cell.value:g}",
                        measure.unit.strip(),
                        "" if cell.value is not None else cell.text,
                        definition,
                    ]
                )
    return response
