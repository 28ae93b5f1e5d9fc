"""A subject-access request is due one calendar month after the day it was received."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from safeplan.exports.models import Export
from safeplan.exports.presenters import ExportRow
from safeplan.exports.services import due_on


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 11, 24), date(2026, 12, 24)),
        (date(2026, 12, 15), date(2027, 1, 15)),
    ],
)
def test_the_due_date_is_one_calendar_month_later_or_the_last_day_of_a_shorter_month(received, due):
    assert due_on(received) == due


def row(due: date, today: date, ready_at: datetime | None = None) -> ExportRow:
    export = Export(kind=Export.Kind.SUBJECT_ACCESS, received_on=due - timedelta(days=30), due_on=due)
    export.ready_at = ready_at
    return ExportRow(export, today)


def test_the_due_date_reads_plainly_and_a_late_request_says_so():
    assert row(date(2026, 12, 24), date(2026, 12, 1)).due == "due 24 December 2026"
    late = row(date(2026, 12, 24), date(2026, 12, 27))
    assert late.due == "due 24 December 2026: late by 3 days" and late.is_late
    assert row(date(2026, 12, 24), date(2026, 12, 25)).due.endswith("late by 1 day")
    made = timezone.make_aware(datetime(2026, 12, 20, 10, 0))
    on_time = row(date(2026, 12, 24), date(2027, 1, 5), ready_at=made)
    assert on_time.due == "due 24 December 2026: made on time" and not on_time.is_late
    made_late = row(date(2026, 12, 24), date(2027, 1, 5), ready_at=made + timedelta(days=6))
    assert made_late.due == "due 24 December 2026: made late, by 2 days" and made_late.is_late
