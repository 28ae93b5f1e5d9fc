"""Restorative responses (issue 12, item 4): recorded by the care team with the person's agreement, after a concern.

A restorative response keeps what happened from each side, the raiser's account and the service's, side by side:
neither replaces the other. It says sorry where one is owed, what changed (linked to the plan or decision that
changed, chosen from the person's own things through the registry, or described in words when a template or a
policy changed), and what was learned. Each one is an immutable row; a later one is a new row beside it.

What changed is named to a reader only as far as they may see it: a supporter who raised the concern reads the name
of a plan or decision only when the person shares it with them (hazard H31).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.concerns.about import shown_title
from safeplan.concerns.models import Concern, Kind, Restorative
from safeplan.concerns.services import ConcernError
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Shareable, shareables
from safeplan.people.records import Action, Writer, audit_change

TEMPLATE = "template"
POLICY = "policy"
IN_WORDS = {TEMPLATE: "a plan template", POLICY: "a policy, or how the service works"}
SHOWN_IN_WORDS = {TEMPLATE: N_("A plan template"), POLICY: N_("A policy, or how the service works")}  # on the page


@dataclass(frozen=True)
class Changed:
    """Where the change was made: one of the person's things (a plan, or a section of one; a decision), or a template
    or policy described in words."""

    object_type: str
    object_id: str = ""
    words: str = ""


@dataclass(frozen=True)
class ChangedChoice:
    key: str  # "plan:<id>", "plan:<id>:<section>", "decision:<id>", "template" or "policy"
    text: str
    changed: Changed | None  # None: described in words


def changed_choices(access: RecordAccess) -> list[ChangedChoice]:
    """What the care team may say changed: each of the person's plans and their sections, and their decisions (from
    every capability, through the registry), then a template or a policy, in words."""
    found = []
    for item in shareables(access.person):
        title = f"“{item.title}”"
        key = f"{item.object_type}:{item.object_id}"
        found.append(ChangedChoice(key, title, Changed(item.object_type, item.object_id, title)))
        for part, part_title in item.parts:
            words = f"{title}: {part_title}"
            found.append(ChangedChoice(f"{key}:{part}", words, Changed(item.object_type, item.object_id, words)))
    found += [ChangedChoice(kind, f"Something else: {words}", None) for kind, words in IN_WORDS.items()]
    return found


def record_restorative(
    writer: Writer,
    concern: Concern,
    *,
    agreed_on: date | None,
    their_account: str,
    our_account: str,
    what_changed: str,
    changed: Changed | None,
    learned: str,
    apology: str = "",
    now: datetime | None = None,
) -> Restorative:
    """A restorative response to a concern, recorded by the care team on the day the person agreed to it being
    recorded (required: without their agreement there is nothing to record). Both accounts, what changed and where,
    and what was learned are required; the apology is there when one is owed."""
    if not writer.is_care_team:
        raise ConcernError("The care team records a restorative response, with the person's agreement.")
    writer.check(concern.person_id, error=ConcernError, what="concern")
    if concern.kind != Kind.CONCERN:
        raise ConcernError("A restorative response follows a concern, not a compliment.")
    moment = now or timezone.now()
    name = concern.person.name_to_use
    if agreed_on is None:
        raise ConcernError(
            f"Enter the date {name} agreed to a restorative response being recorded. Without their agreement, "
            "do not record one."
        )
    if agreed_on > timezone.localdate(moment):
        raise ConcernError("The date they agreed cannot be in the future.")
    if agreed_on < concern.received_on:
        raise ConcernError("The date they agreed cannot be before the concern was received.")
    parts = {
        "what happened as they tell it": their_account,
        "what happened as the service sees it": our_account,
        "what changed": what_changed,
        "what was learned": learned,
    }
    missing = [words for words, text in parts.items() if not text.strip()]
    if missing:
        raise ConcernError(
            f"Say {missing[0]}. A restorative response keeps both accounts, what changed and what was learned."
        )
    if changed is None:
        raise ConcernError("Say where the change was made: a plan, a decision, a template or a policy.")
    if changed.object_type in IN_WORDS:
        if not changed.words.strip():
            raise ConcernError(f"Say which {IN_WORDS[changed.object_type].split(',')[0].removeprefix('a ')} changed.")
    elif not _is_theirs(concern, changed):
        raise ConcernError("That is not one of their plans or decisions.")
    with transaction.atomic():
        row = Restorative.objects.create(
            concern=concern,
            agreed_on=agreed_on,
            their_account=their_account.strip(),
            our_account=our_account.strip(),
            apology=apology.strip(),
            what_changed=what_changed.strip(),
            changed_type=changed.object_type,
            changed_id=changed.object_id,
            changed_words=changed.words.strip()[:300],
            learned=learned.strip(),
            **writer.authored(moment),
        )
        audit_change(writer, Action.CREATE, "restorative", row.pk, concern.pk)
    return row


def _is_theirs(concern: Concern, changed: Changed) -> bool:
    return any(
        (item.object_type, item.object_id) == (changed.object_type, changed.object_id)
        for item in shareables(concern.person)
    )


@dataclass(frozen=True)
class RestorativeShown:
    """A restorative response as one reader sees it: where the change was made, named only as far as they may see."""

    row: Restorative
    where: str  # what changed, in words this reader may read
    href: str  # a link to it, or ""


def restoratives_on(access: RecordAccess, concern: Concern) -> list[RestorativeShown]:
    """The restorative responses to a concern, oldest first, for whoever may see the case."""
    rows = list(Restorative.objects.filter(concern=concern).order_by("written_at", "pk"))
    if not rows:
        return []
    things = {(item.object_type, item.object_id): item for item in shareables(concern.person)}
    return [_shown(access, row, things) for row in rows]


def _shown(access: RecordAccess, row: Restorative, things: dict[tuple[str, str], Shareable]) -> RestorativeShown:
    if row.changed_type in IN_WORDS:
        return RestorativeShown(row, f"{translated(SHOWN_IN_WORDS[row.changed_type])}: {row.changed_words}", "")
    item = things.get((row.changed_type, row.changed_id))
    if access.is_supporter and not access.parts_shared(row.changed_type, row.changed_id):
        return RestorativeShown(row, f"Something in {access.person.name_to_use}'s record", "")
    if item is None:  # no longer there: the words it had when the response was recorded
        return RestorativeShown(row, _shown_changed(row.changed_words), "")
    section = row.changed_words.partition("”: ")[2]
    anchor = next((f"#section-{key}" for key, title in item.parts if section and title == section), "")
    return RestorativeShown(row, _shown_changed(row.changed_words), item.href + anchor)


_CHANGED = re.compile(r"“(?P<title>.*?)”(?:: (?P<section>.*))?", re.S)


def _shown_changed(words: str) -> str:
    """Where the change was made, kept in English (`“My safety plan”: Warning signs`), in the reader's language: the
    plan's title and its section as the catalogue has them."""
    found = _CHANGED.fullmatch(words)
    if found is None:
        return words
    shown = f"“{shown_title(found['title'])}”"
    return f"{shown}: {translated(found['section'])}" if found["section"] else shown
