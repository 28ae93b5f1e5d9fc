"""How an export reads on the pages: what state it is in, when it goes, and when a subject-access request is due."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.core.dates import long_day
from safeplan.exports.models import FAILURE, PART_OF_RECORD, Export

Status = Export.Status

# A stored failure's words, to say them again in the reader's language (the copy's `error` stays English).
_FAILED = re.compile(re.escape(FAILURE).replace(re.escape("%(what)s"), "(?P<what>.+?)"))
_PART = re.compile(re.escape(PART_OF_RECORD).replace(re.escape("%(name)s"), "(?P<name>[a-z_]+)"))


def day(value: date | None) -> str:
    return long_day(value) if value else ""


def moment(export: Export, field: str) -> str:
    """'3 March 2026 at 2:05pm' in London (in Welsh, '3 Mawrth 2026 am 14:05', as the `london` filter says it)."""
    value = getattr(export, field)
    if value is None:
        return ""
    local = timezone.localtime(value)
    if translation.get_language() == "cy":
        return dateformat.format(local, "j F Y \\a\\m H:i")
    return local.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


@dataclass(frozen=True)
class ExportRow:
    export: Export
    today: date

    @property
    def state(self) -> str:
        """In words, with how far it has got while it is being made."""
        export = self.export
        if export.is_stalled():
            return _("Taking longer than it should: it will be tried again shortly")
        if export.status == Status.BUILDING:
            return _("Being made: %(done)s done") % {"done": f"{export.progress}%"}
        if export.status == Status.READY and not export.downloadable():
            return translated(Status.EXPIRED.label)
        return translated(str(Status(export.status).label))

    @property
    def problem(self) -> str:
        """Why it could not be made, in the reader's language where the stored words are known."""
        error = self.export.error
        found = _FAILED.fullmatch(error)
        if found is None:
            return error
        what = found["what"]
        part = _PART.fullmatch(what)
        shown = translated(PART_OF_RECORD) % {"name": part["name"]} if part else translated(what)
        return translated(FAILURE) % {"what": shown}

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
        return _("Available until %(when)s, then deleted") % {"when": moment(self.export, "expires_at")}

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
