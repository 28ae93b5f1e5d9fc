"""Every change to a safety plan: one transaction each, with its audit row, refusing stale or forbidden changes.

Split by sub-domain: `templates` (starting a plan), `entries` (writing in a voice, revisions, stale edits) and
`versions` (putting forward and signing). Callers use this package's names.
"""

from safeplan.plans.services.common import (
    VIEW_KIND,
    PlanError,
    StaleEdit,
    VersionChanged,
    Writer,
    add_months,
    check_plan,
    writer_for,
)
from safeplan.plans.services.entries import (
    add_entry,
    clean_fields,
    entry_kind,
    hide_from_staff,
    latest_revision,
    revise_entry,
)
from safeplan.plans.services.reviews import ask_for_review, review_entry
from safeplan.plans.services.templates import start_plan, templates_for
from safeplan.plans.services.versions import put_forward, sign_version

__all__ = [
    "VIEW_KIND",
    "ask_for_review",
    "review_entry",
    "PlanError",
    "StaleEdit",
    "VersionChanged",
    "Writer",
    "add_entry",
    "add_months",
    "check_plan",
    "clean_fields",
    "entry_kind",
    "hide_from_staff",
    "latest_revision",
    "put_forward",
    "revise_entry",
    "sign_version",
    "start_plan",
    "templates_for",
    "writer_for",
]
