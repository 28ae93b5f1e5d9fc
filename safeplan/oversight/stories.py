"""Practice stories: written by the care team with the person's agreement, shared within the organisation, withdrawn
the moment the person says so. A story names nobody: the form asks the writer to take out anything that could
identify the person, and the words are refused if they hold the person's name or NHS number."""

import re
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from safeplan.oversight.models import PracticeStory
from safeplan.people.models import Person
from safeplan.people.records import Action, RecordError, Writer, audit_change


class StoryError(RecordError):
    pass


def _names(person: Person) -> list[str]:
    """Every name they go by, whole and in parts (split at spaces, hyphens and apostrophes)."""
    whole = {person.full_name, person.preferred_name}
    parts = {part for name in whole for part in re.split(r"[\s\-'’]+", name)}
    return sorted((w for w in whole | parts if w and len(w) > 1), key=len, reverse=True)


def identifying(person: Person, *texts: str) -> str:
    """The first of the person's names found in these words, or their NHS number or date of birth, else ""."""
    joined = " ".join(texts)
    digits = re.sub(r"\D", "", joined)
    if person.nhs_number and person.nhs_number in digits:
        return "their NHS number"
    born = person.date_of_birth
    for written in (f"{born:%d%m%Y}", f"{born.day}{born.month}{born.year}", f"{born:%Y%m%d}"):
        if written in digits:
            return "their date of birth"
    for name in _names(person):
        if re.search(rf"\b{re.escape(name)}\b", joined, flags=re.IGNORECASE):
            return f"“{name}”"
    return ""


def write(writer: Writer, *, kind: str, title: str, story: str, learned: str, agreed_on: date) -> PracticeStory:
    if not writer.is_care_team:
        raise StoryError("The care team writes a practice story, with the person.")
    writer.check(error=StoryError, what="record")
    person = writer.access.person
    if agreed_on > timezone.localdate():
        raise StoryError("The date they agreed cannot be in the future.")
    found = identifying(person, title, story, learned)
    if found:
        raise StoryError(f"Take out {found}: a practice story names nobody.")
    with transaction.atomic():
        made = PracticeStory.objects.create(
            organisation=person.organisation,
            person=person,
            kind=kind,
            title=title.strip(),
            story=story.strip(),
            learned=learned.strip(),
            agreed_on=agreed_on,
            written_by=writer.user,
            written_at=timezone.now(),
        )
        audit_change(writer, Action.CREATE, "practice_story", made.pk)
    return made


def withdraw(writer: Writer, story: PracticeStory) -> None:
    """The person takes their agreement back (or the care team records that they did): the story leaves the
    library at once. Kept, so the person's record shows what was shared and when it stopped."""
    writer.check(story.person_id, error=StoryError, what="record")
    with transaction.atomic():
        changed = PracticeStory.objects.filter(pk=story.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=writer.user
        )
        if changed:
            audit_change(writer, Action.UPDATE, "practice_story", story.pk, "withdrawn")


def of(person: Person) -> list[PracticeStory]:
    return list(PracticeStory.objects.filter(person=person))


def library(organisation_ids: list[int]) -> QuerySet[PracticeStory]:
    """The stories shared within these organisations now (never one withdrawn)."""
    return PracticeStory.objects.filter(organisation_id__in=organisation_ids, withdrawn_at__isnull=True)
