import io
import json
import zipfile

from pypdf import PdfReader

from safeplan.exports import services
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer


def writer(user, person) -> Writer:
    access = resolve_access(user, person.pk)
    assert access is not None
    return Writer(user, access)


def ask(world, user=None, **kwargs):
    """The person (or, with `user` and `received_on`, their care team) asks for a copy."""
    return services.request_export(writer(user or world.person.user, world.person), **kwargs)


def unzip(export) -> dict[str, bytes]:
    with zipfile.ZipFile(export.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def data(export) -> dict:
    return json.loads(unzip(export)["data.json"])


def pdf_text(export) -> str:
    reader = PdfReader(io.BytesIO(unzip(export)["all-my-data.pdf"]))
    return " ".join(page.extract_text() for page in reader.pages)
