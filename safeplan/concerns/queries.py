"""The public read API of concerns: which cases a reader may see, one case in a record, and late cases for a team
lead. Every function takes what the caller's access allows; none widens it.

Who sees a case: the person's care team (and emergency access) every case about them; the person the cases they
raised and those raised for them (by their advocate, or recorded by staff as theirs); a supporter or advocate only the
cases they raised.
"""

from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeplan.concerns.models import Concern, State
from safeplan.people.access import RecordAccess

OPEN = (State.RECEIVED, State.ACKNOWLEDGED, State.LOOKING_INTO)


def visible_concerns(access: RecordAccess) -> QuerySet[Concern]:
    mine = Concern.objects.filter(person=access.person)
    if access.is_person:
        return mine.filter(Q(raised_by=access.person.user_id) | Q(person_follows=True))
    if access.is_supporter:
        return mine.filter(raised_by=access.support.user_id if access.support else None)
    return mine


def concern_in_record(access: RecordAccess, concern_id: UUID | str) -> Concern:
    found = visible_concerns(access).filter(pk=concern_id).select_related("person__organisation", "handler").first()
    if found is None:
        raise Http404("No such concern.")
    return found


def late_cases(person_ids: list[UUID], today: date | None = None) -> QuerySet[Concern]:
    """Cases about these people with a late step (`concerns/late.py`: the one rule the case page and reminders use)."""
    from safeplan.concerns.late import late_rule

    return Concern.objects.filter(person_id__in=person_ids).filter(late_rule(today or timezone.localdate()))
