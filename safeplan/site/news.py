""" "New since you last looked" on the person's home: what others changed in their record since the person last said
they had seen it. Reads the audit trail through `people.access_log.news`; keeps only `LastLooked`, which is the
person's alone (see site/models.py)."""

from django.db import IntegrityError, transaction

from safeplan.people.access_log import News, changes_by_others, news
from safeplan.people.models import Person, User
from safeplan.site.models import LastLooked

SHOWN = 5  # lines on the home page; the rest are in the access log


def new_for(user: User, person: Person) -> tuple[News, bool]:
    """What is new for the person, and whether they have ever said they looked. Two queries: their LastLooked and
    the audit rows. Never looked: everything since their account was made, newest first, `SHOWN` lines at most."""
    looked = LastLooked.objects.filter(user=user).first()
    if looked is None:
        return news(person, since=user.date_joined, limit=SHOWN), False
    return news(person, after_seq=looked.seen_through, limit=SHOWN), True


def mark_seen(user: User, person: Person, seen_through: int) -> None:
    """Record that the person has seen every change by others up to audit row `seen_through` (the newest change on
    the page they saw, not "now", so a change made while the page was open stays new). The number comes from a form:
    it is clamped to a real change to this person's record, and never moves backwards."""
    newest = changes_by_others(person).filter(seq__lte=seen_through).order_by("-seq").values("seq", "at").first()
    if newest is None:
        return
    with transaction.atomic():
        moved = LastLooked.objects.filter(user=user, seen_through__lt=newest["seq"]).update(
            seen_through=newest["seq"], seen_up_to=newest["at"]
        )
        if not moved and not LastLooked.objects.filter(user=user).exists():
            try:
                with transaction.atomic():
                    LastLooked.objects.create(user=user, seen_through=newest["seq"], seen_up_to=newest["at"])
            except IntegrityError:  # pressed twice at once: the other press made the row; move it on if need be
                LastLooked.objects.filter(user=user, seen_through__lt=newest["seq"]).update(
                    seen_through=newest["seq"], seen_up_to=newest["at"]
                )
