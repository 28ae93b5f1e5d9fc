"""The measures page and its CSV: an organisation's figures by team and month, small numbers suppressed, each chart
beside a table of the same figures. Each view is audited once as a listing about no one (figures only)."""

import csv
from datetime import datetime

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.oversight.access import chosen, overseen
from safeplan.oversight.figures import MeasureFigures, figures
from safeplan.oversight.rollup import stored
from safeplan.people.measures import ORGANISATION, complete_months
from safeplan.people.models import Organisation


def _audited(request: HttpRequest, what: str) -> tuple[Organisation, list[MeasureFigures], datetime]:
    organisation, role = chosen(request)
    today = timezone.localdate()
    months = complete_months(today)
    counted, when = stored(organisation, months)
    found = figures(organisation, months, counted)
    audit.record_listing(
        request,
        role=role,
        object_type="oversight_measures",
        shown=0,
        note=f" ({what}, figures only, organisation {organisation.pk})",
        purpose=AuditEvent.Purpose.GOVERNANCE,
    )
    return organisation, found, when


def _scope(request: HttpRequest) -> int:
    asked = request.GET.get("scope", "")
    return int(asked) if asked.isdigit() else ORGANISATION


@require_GET
def measures_page(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        organisation, found, when = _audited(request, "page")
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
                "when": when,
            },
        )
    return response


def _plain(text: str) -> str:
    """A name as text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def measures_csv(request: HttpRequest) -> HttpResponse:
    """Every cell of the page, one row each: no names, no identifiers, suppressed cells blank with the reason."""
    with transaction.atomic():
        organisation, found, when = _audited(request, "CSV")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measures-{timezone.localtime(when):%Y-%m-%d-%H%M}.csv"'
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
