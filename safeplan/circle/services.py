"""The person chooses what each supporter or advocate sees: sections of each plan, until a date if they like,
revocable at once. One transaction each, audited; a revoked share stays as history."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from safeplan.circle.presenters import shown_title
from safeplan.people.capabilities import Shareable, shareables
from safeplan.people.models import Person, SupportRelationship
from safeplan.people.records import Action, RecordError, Writer, audit_change
from safeplan.people.shares import ADVOCACY, ADVOCACY_SCOPES, WHOLE, Share, current_shares
from safeplan.plans.models import Plan


class SharingError(RecordError):
    """A sharing choice that cannot be made; the message is safe to show the person."""


def supporters_of(writer: Writer) -> list[SupportRelationship]:
    """The supporters and advocates the person has now (not those whose relationship has ended)."""
    today = timezone.localdate()
    chosen = SupportRelationship.objects.filter(person=writer.access.person, started_on__lte=today)
    return list(chosen.exclude(ended_on__lt=today).select_related("user").order_by("user__display_name", "pk"))


def set_sharing(
    writer: Writer,
    support: SupportRelationship,
    item: Shareable,
    *,
    parts: set[str],
    adds: frozenset[str] | set[str] = frozenset(),
    ends_on: date | None = None,
    now: datetime | None = None,
) -> list[Share]:
    """Share exactly these parts of one thing with one supporter (`item` is one of `shareables(person)`; `parts`
    is {WHOLE} for all of it), until `ends_on` (inclusive) if given, letting them add their own words to the parts in
    `adds`. Parts no longer chosen stop being shared at once; a part whose end date or adding changed starts again
    with the new choice (the old row stays as history)."""
    if not writer.is_person:
        raise SharingError(_("Only you can choose what the people you chose can see."))
    writer.check(writer.person_id, error=SharingError, what="choice")
    if support.person_id != writer.person_id:
        raise SharingError(_("Choose one of your supporters."))
    if support.ended_on is not None and support.ended_on < timezone.localdate():
        raise SharingError(_("You no longer have this supporter."))
    if item.object_type == ADVOCACY and support.kind != SupportRelationship.Kind.ADVOCATE and parts:
        raise SharingError(_("Only an independent advocate can act for you."))
    known = {key for key, _title in item.parts} if item.parts else {WHOLE}
    if not parts <= known:
        raise SharingError(_("Choose parts of “%(title)s”.") % {"title": shown_title(item.title)})
    if adds and not item.addable:
        raise SharingError(_("Nobody else can add to “%(title)s”.") % {"title": shown_title(item.title)})
    if not adds <= parts:
        raise SharingError(_("To let them add their own words to a section, share that section with them too."))
    if ends_on is not None and ends_on < timezone.localdate():
        raise SharingError(_("The last day to share it cannot be in the past."))
    moment = now or timezone.now()
    with transaction.atomic():
        current = {
            s.part: s for s in current_shares(support).filter(object_type=item.object_type, object_id=item.object_id)
        }
        kept = {
            part
            for part, share in current.items()
            if part in parts and share.ends_on == ends_on and share.may_add == (part in adds)
        }
        for part, share in current.items():
            if part not in kept:
                Share.objects.filter(pk=share.pk).update(revoked_at=moment, revoked_by=writer.user)
                audit_change(writer, Action.UPDATE, "share", share.pk, f"stopped {part or 'all'}")
        created = []
        for part in sorted(parts - kept):
            share = Share.objects.create(
                support=support,
                object_type=item.object_type,
                object_id=item.object_id,
                part=part,
                may_add=part in adds,
                ends_on=ends_on,
                shared_at=moment,
                shared_by=writer.user,
            )
            audit_change(writer, Action.CREATE, "share", share.pk, f"shared {part or 'all'}")
            created.append(share)
    return created


def acting_for(person: Person) -> Shareable:
    """What an advocate may do on the person's behalf, shared like a thing with parts (people.shares.ADVOCACY)."""
    acting = N_("Acting for you")
    return Shareable(ADVOCACY, str(person.pk), acting, "", acting, tuple(ADVOCACY_SCOPES.items()))


def shareable_plan(plan: Plan) -> Shareable:
    """A plan as the person shares it (what plans registers), for callers that hold the plan."""
    return next(item for item in shareables(plan.person) if item.object_id == str(plan.pk))


def set_plan_sharing(
    writer: Writer,
    support: SupportRelationship,
    plan: Plan,
    *,
    sections: set[str],
    adds: frozenset[str] | set[str] = frozenset(),
    ends_on: date | None = None,
    now: datetime | None = None,
) -> list[Share]:
    """Share exactly these sections of one plan (see `set_sharing`)."""
    if plan.person_id != writer.person_id:
        raise SharingError(_("Choose one of your own plans."))
    return set_sharing(writer, support, shareable_plan(plan), parts=sections, adds=adds, ends_on=ends_on, now=now)


def stop_sharing_everything(writer: Writer, support: SupportRelationship, *, now: datetime | None = None) -> int:
    """Stop sharing anything with this supporter, at once. Returns how many shares stopped."""
    if not writer.is_person or support.person_id != writer.person_id:
        raise SharingError(_("Only you can choose what the people you chose can see."))
    moment = now or timezone.now()
    with transaction.atomic():
        current = list(current_shares(support))
        for share in current:
            Share.objects.filter(pk=share.pk).update(revoked_at=moment, revoked_by=writer.user)
            audit_change(writer, Action.UPDATE, "share", share.pk, "stopped everything")
    return len(current)
