"""How an export reads on the pages: what state it is in, when it goes, and when a subject-access request is due."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from safeplan.exports.models import Export

Status = Export.Status


def day(value: date | None) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def moment(export: Export, field: str) -> str:
    value = getattr(export, field)
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


@dataclass(frozen=True)
class ExportRow:
    export: Export
    today: date

    @property
    def state(self) -> str:
        """In words, with how far it has got while it is being made."""
        export = self.export
        if export.is_stalled():
            return "Taking longer than it should: it will be tried again shortly"
        if export.status == Status.BUILDING:
            return f"Being made: {export.progress}% done"
        if export.status == Status.READY and not export.downloadable():
            return "Deleted after 7 days"
        return str(Status(export.status).label)

    @property
    def tag(self) -> str:
        return {
            Status.QUEUED: "nhsuk-tag--blue",
            Status.BUILDING: "nhsuk-tag--blue",
            Status.READY: "nhsuk-tag--green",
            Status.FAILED: "nhsuk-tag--red",
            Status.EXPIRED: "nhsuk-tag--grey",
        }[Status(self.export.status)]

    @property
    def asked(self) -> str:
        return moment(self.export, "created_at")

    @property
    def expires(self) -> str:
        """ "Available until 9 March 2026 at 2:05pm, then deleted" for a copy that can be downloaded."""
        if not self.export.downloadable():
            return ""
        return f"Available until {moment(self.export, 'expires_at')}, then deleted"

    @property
    def received(self) -> str:
        return day(self.export.received_on)

    def _days(self, count: int) -> str:
        return "1 day" if count == 1 else f"{count} days"

    @property
    def due(self) -> str:
        """ "due 24 December 2026", and plainly when it is late: past its due day and not made, or made after it."""
        export = self.export
        if export.due_on is None:
            return ""
        due = f"due {day(export.due_on)}"
        if export.ready_at is not None:
            made = timezone.localdate(export.ready_at)
            if made <= export.due_on:
                return f"{due}: made on time"
            return f"{due}: made late, by {self._days((made - export.due_on).days)}"
        if export.due_on < self.today:
            return f"{due}: late by {self._days((self.today - export.due_on).days)}"
        return due

    @property
    def is_late(self) -> bool:
        export = self.export
        if export.due_on is None:
            return False
        if export.ready_at is not None:
            return timezone.localdate(export.ready_at) > export.due_on
        return export.due_on < self.today


def refreshing(exports: list[Export]) -> bool:
    """Whether the page should refresh itself: a copy is being made (and has not stalled)."""
    return any(export.in_progress and not export.is_stalled() for export in exports)


def rows(exports: list[Export]) -> list[ExportRow]:
    today = timezone.localdate()
    return [ExportRow(export, today) for export in exports]
