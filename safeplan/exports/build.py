"""Building an export, and deleting it after its 7 days. The tasks in tasks.py call these; the demo seeder calls
`build` directly.

A build is idempotent: it always starts from scratch (status back to building, progress from 0), writes the ZIP
under a fixed temporary name beside the final one and renames it into place in one step, so a build that crashes
half-way and is run again leaves exactly one file, `<export id>.zip`, never two. A failure marks the export failed
with plain words (which part could not be made; never personal data, never the exception's text) and removes any
half-written file.
"""

import logging
import os
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_noop as N_

from safeplan.exports import document
from safeplan.exports.models import FAILURE, KEPT_FOR, Export
from safeplan.exports.pdf import render_all_my_data_pdf
from safeplan.exports.schema import SCHEMA_PATH
from safeplan.exports.schema import errors as schema_errors

logger = logging.getLogger(__name__)
Status = Export.Status

README = """All my data
===========

all-my-data.pdf   everything safeplan holds about you, to read.
data.json         the same, for a computer to read. Its shape is described field by field in
                  all-my-data.schema.json (JSON Schema), included here.

Keep this file safe: it is your health record. The copy on safeplan is deleted 7 days after it was made.
"""


class ExportFailed(Exception):
    """A build that could not finish. Its message names the export and the part; never personal data."""


def _failure(what: str) -> str:
    return (FAILURE % {"what": what})[:300]


def _set(export_id: UUID | str, **fields: Any) -> None:
    Export.objects.filter(pk=export_id).update(**fields)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _write_zip(export: Export, data: bytes, pdf: bytes, schema_text: bytes, made: datetime) -> int:
    """Write the ZIP under its temporary name, then put it in place in one step. Returns its size."""
    folder = Path(settings.EXPORTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # only the service's own account reads the exports
    partial = export.partial_path
    _remove(partial)
    stamp = timezone.localtime(made).timetuple()[:6]
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in [
            ("README.txt", README.encode("utf-8")),
            ("all-my-data.pdf", pdf),
            ("data.json", data),
            ("all-my-data.schema.json", schema_text),
        ]:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    os.chmod(partial, 0o600)
    os.replace(partial, export.path)
    return export.path.stat().st_size


def build(export_id: UUID | str, *, now: datetime | None = None) -> Export | None:
    """Build (or rebuild from scratch) one export. None if there is no such export or it has expired. In English,
    whatever language the request that asked for it was in (a job run at once, in the request, would otherwise
    take it): the copy's words match its schema and what staff read."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(export_id, now=now)


def _build(export_id: UUID | str, *, now: datetime | None = None) -> Export | None:
    export = Export.objects.select_related("person__organisation", "person__user").filter(pk=export_id).first()
    if export is None or export.status == Status.EXPIRED:
        return None
    made = now or timezone.now()
    _set(export.pk, status=Status.BUILDING, progress=0, error="", started_at=made, attempts=F("attempts") + 1)
    what = N_("a copy of the record")
    try:
        steps = document.steps()
        total = len(steps) + 2  # every part, then the PDF, then the ZIP
        doc = document.frame(export, made)
        for done, step in enumerate(steps):
            what = step.what
            document.place(doc, step, step.gather(export.person))
            _set(export.pk, progress=int(100 * (done + 1) / (total + 1)))
        doc = document.as_json(doc)
        what = N_("a copy that matches its documented shape")
        problems = schema_errors(doc)
        if problems:
            where = problems[0].split(":")[0]  # a path such as $.records.plans: no personal data
            logger.error("Export %s does not match its schema at %d places, first %s", export.pk, len(problems), where)
            raise ExportFailed(f"export {export.pk}: data.json does not match its schema")
        what = N_("the readable copy (PDF)")
        pdf = render_all_my_data_pdf(doc)
        _set(export.pk, progress=int(100 * (total - 1) / (total + 1)))
        what = N_("the download file")
        size = _write_zip(export, document.dumps(doc), pdf, SCHEMA_PATH.read_bytes(), made)
    except Exception as error:  # noqa: BLE001 - recorded as a failure (never a success) and raised again below
        _remove(export.partial_path)
        _remove(export.path)
        _set(export.pk, status=Status.FAILED, error=_failure(what), ready_at=None, expires_at=None, size=0)
        # The exception's own text may hold personal data: log and raise only its kind and the part that failed.
        logger.error("Export %s failed making %s: %s", export.pk, what, type(error).__name__)
        raise ExportFailed(f"export {export.pk} failed making {what}: {type(error).__name__}") from None
    ready = timezone.now() if now is None else now
    _set(
        export.pk,
        status=Status.READY,
        progress=100,
        error="",
        size=size,
        ready_at=ready,
        expires_at=ready + KEPT_FOR,
    )
    export.refresh_from_db()
    return export


def expire(now: datetime | None = None) -> int:
    """Delete the ZIP of every export past its 7 days and mark it expired. Returns how many were deleted."""
    now = now or timezone.now()
    count = 0
    for export in Export.objects.filter(status=Status.READY, expires_at__lte=now):
        _remove(export.path)
        _remove(export.partial_path)
        _set(export.pk, status=Status.EXPIRED, deleted_at=now, size=0)
        count += 1
    return count
