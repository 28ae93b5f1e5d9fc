"""The measures worked out once a night, not on every view: counting a year of records for a trust takes most of a
minute (bench/oversight.py), reading the counts takes milliseconds. The nightly job (`safeplan daily_jobs`) works
out the last 12 whole months for every organisation, so a late entry is counted by the next morning. A page shows
the latest counts kept, with when they were worked out; only when none cover the latest whole month (a new month
before the job has run, or a new organisation) does it work them out itself, once."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from safeplan.oversight.models import MeasureCount
from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Counts, Month, complete_months
from safeplan.people.models import Organisation


def refresh(organisation: Organisation, months: list[Month]) -> datetime:
    """Work out every measure for these months and keep the counts (one transaction; the organisation's row is
    locked, so two at once take turns)."""
    now = timezone.now()
    with transaction.atomic():
        # Two at once take turns, without blocking anything that only refers to the organisation (no_key: rows
        # added with a foreign key to it are not held up).
        Organisation.objects.select_for_update(no_key=True).filter(pk=organisation.pk).first()
        rows = [
            MeasureCount(
                organisation=organisation,
                key=measure.key,
                team_id=team,
                month=month,
                numerator=numerator,
                denominator=denominator,
                computed_at=now,
            )
            for measure in measures()
            for (team, month), (numerator, denominator) in measure.counts(organisation, months).items()
        ]
        MeasureCount.objects.filter(organisation=organisation).delete()
        MeasureCount.objects.bulk_create(rows, batch_size=2000)
    return now


def _latest(organisation: Organisation, months: list[Month]) -> datetime | None:
    """When the counts kept for these months were worked out, if they cover the latest of them for every measure
    there is now (a measure added since the last count is worked out at once, not shown as "none counted")."""
    kept = MeasureCount.objects.filter(organisation=organisation, month=months[-1].first, team_id=ORGANISATION)
    found = dict(kept.values_list("key", "computed_at"))
    if not found or {m.key for m in measures()} - set(found):
        return None
    return max(found.values())


def stored(organisation: Organisation, months: list[Month]) -> tuple[dict[str, Counts], datetime]:
    """The latest counts kept for these months, and when they were worked out; worked out first when none cover
    the latest month (checked again once it is this request's turn, so it is done once)."""
    when = _latest(organisation, months)
    if when is None:
        with transaction.atomic():
            Organisation.objects.select_for_update(no_key=True).filter(pk=organisation.pk).first()
            when = _latest(organisation, months) or refresh(organisation, months)
    kept = MeasureCount.objects.filter(organisation=organisation, month__gte=months[0].first)
    found: dict[str, Counts] = {}
    for key, team, month, numerator, denominator in kept.values_list(
        "key", "team_id", "month", "numerator", "denominator"
    ):
        found.setdefault(key, {})[(team, month)] = (numerator, denominator)
    return found, when


def refresh_all(today: date) -> int:
    """The nightly job's work: every organisation's last 12 months. Returns how many organisations."""
    months = complete_months(today)
    organisations = list(Organisation.objects.all())
    for organisation in organisations:
        refresh(organisation, months)
    return len(organisations)
