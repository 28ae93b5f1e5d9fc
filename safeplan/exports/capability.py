"""What "All my data" adds to the pages that gather every capability: a link from the person's home to their
copies, the care team's subject-access requests on the record page (with any still to answer and when each is
due), a finished copy for the demo's Rowan, and the words for its audited objects on the person's access log."""

from typing import Any

from django.utils.translation import gettext_noop as N_

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, DemoWorld, RecordPart


def _record_part(access: RecordAccess) -> dict[str, Any]:
    if not access.is_care_team:
        return {}
    from safeplan.exports.presenters import rows
    from safeplan.exports.queries import open_requests

    return {"open": rows(open_requests(access.person.pk))}


def _seed(world: DemoWorld) -> None:
    from safeplan.exports.demo import seed_exports

    seed_exports(world)


EXPORTS = Capability(
    "exports",
    record_parts=[RecordPart("exports/_record_part.jinja", _record_part)],
    seed_demo=_seed,
    object_names={"export": N_("a copy of all your data"), "exports": N_("your copies of all your data")},
    creation_words={"export": N_("started making a copy of all your data")},
)
