"""The one check every view that changes a record makes: who is writing, refused as not-found for read-only access."""

from django.http import Http404

from safeplan.people.access import RecordAccess
from safeplan.plans.services import Writer, writer_for


def writer_or_404(request, access: RecordAccess) -> Writer:
    """The person themselves or their care team; emergency access reads but never writes."""
    writer = writer_for(request, access)
    if not (writer.is_person or writer.is_care_team):
        raise Http404("Emergency access is for reading only.")
    return writer
