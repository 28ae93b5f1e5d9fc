"""Something in a person's record withheld from them (the serious-harm test): one row per thing, with the reason in
plain words, who decided, when, and when it will be looked at again (docs/adr/0010-withheld-items.md).

A withholding is a decision about the record, so it lives in the kernel beside shares and care relationships. People
knows nothing of what the thing is: the capability that owns it (plans for an entry, decisions for a view) registers
it as `Withholdable` (people/capabilities.py), finds it in a record, and shows the person a marker in its place.
Releasing keeps the row (`released_at`), so "was this withheld when the person signed?" can always be answered.

This module holds the model and the reads; the changes (withhold, release) are in `people/withholding_services.py`.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from markupsafe import Markup

from safeplan.core import catalogue
from safeplan.core.fixed_sql import Columns, load_all, prep, select
from safeplan.people.models import CareRelationship, Person, StaffRole, User

if TYPE_CHECKING:
    from safeplan.people.access import RecordAccess
    from safeplan.people.capabilities import Described


class WithholdingQuerySet(models.QuerySet["Withholding"]):
    def current(self) -> "WithholdingQuerySet":
        """In force now: not released."""
        return self.filter(released_at__isnull=True)

    def past_review(self, today: date | None = None) -> "WithholdingQuerySet":
        return self.current().filter(review_on__lt=today or timezone.localdate())


class Withholding(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="withholdings")
    object_type = models.CharField(max_length=40, help_text="What kind of thing: for example, plan_entry.")
    object_id = models.CharField(max_length=64)
    container_id = models.CharField(
        max_length=64, blank=True, help_text="What it sits in (a plan's or a decision's id), for the marker and links."
    )
    part = models.CharField(max_length=60, blank=True, help_text="Where in it: a plan's section, a decision's part.")
    reason = models.TextField(max_length=2000, help_text="Why showing it would be likely to cause serious harm.")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_by_name = models.CharField(max_length=200)
    decided_by_role = models.CharField(max_length=40)
    decided_at = models.DateTimeField()
    review_on = models.DateField(help_text="When the decision is looked at again.")
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    released_by_name = models.CharField(max_length=200, blank=True)
    release_note = models.TextField(max_length=1000, blank=True)

    objects = WithholdingQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        indexes = [models.Index(fields=["person", "object_type", "container_id"], name="withholding_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "object_type", "object_id"],
                condition=Q(released_at__isnull=True),
                name="one_current_withholding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} withheld from {self.person_id}"

    @property
    def decided_on(self) -> date:
        return timezone.localdate(self.decided_at)

    def in_force_at(self, moment: datetime) -> bool:
        return self.decided_at <= moment and (self.released_at is None or self.released_at > moment)

    def is_past_review(self, today: date | None = None) -> bool:
        return self.released_at is None and self.review_on < (today or timezone.localdate())


HOW_TO_ASK = "Ask your care team about it: they can tell you what they can, and when they will look at it again."


def exported(row: Withholding) -> dict[str, Any]:
    """A withheld thing in the person's copy of all their data: that it is there, when, who decided; never its words."""
    return {
        "withheld": True,
        "withheld_on": row.decided_on.isoformat(),
        "review_by": row.review_on.isoformat(),
        "decided_by": row.decided_by_name,
        "decided_by_role": row.decided_by_role,
    }


_WITHHOLDING = Columns(Withholding, alias="h")
# `Withholding.objects.current().filter(person=…, object_type=…)`, as SQL written once (core/fixed_sql.py): every
# plan page asks. `people/tests/test_withholding.py` holds it to that rule.
_CURRENT = select(
    _WITHHOLDING, "h.person_id = %s AND h.object_type = %s AND h.released_at IS NULL", "h.decided_at, h.id"
)


def current_withholdings(person: Person, object_type: str) -> dict[str, Withholding]:
    """{object id: its withholding} for the things of one kind withheld from the person now (one query)."""
    found = load_all(_WITHHOLDING, _CURRENT, [prep(Withholding, "person", person.pk), object_type])
    return {row.object_id: row for row in found}


def describe_withheld(access: "RecordAccess", object_id: str) -> "Described | None":
    """The marker of something withheld from the person, named for them (or the care team): when and by whom, never
    what it is. A supporter never learns that anything is withheld (None), nor does anyone once it is released."""
    from safeplan.people.capabilities import WITHHELD, Described, theme, withholdable

    if access.is_supporter or not object_id.isdigit():
        return None
    row = Withholding.objects.current().filter(person=access.person, pk=int(object_id)).first()
    kind = withholdable(row.object_type) if row is not None else None
    if row is None or kind is None:
        return None
    when = f"{row.decided_on:%-d %B %Y}"  # named the same for the person and staff: the words are kept and read by both
    words = f"Something not shown to {access.person.name_to_use}, since {when} (decided by {row.decided_by_name})"
    return Described(words, kind.link(row).split("#")[0], theme(WITHHELD))


def withheld_ids(person: Person, object_type: str) -> set[str]:
    return set(current_withholdings(person, object_type))


def withholdings_of(person: Person, object_types: Iterable[str], container_id: object = None) -> list[Withholding]:
    """Every withholding of these kinds, released ones too (for "was it withheld then?"), oldest first."""
    rows = Withholding.objects.filter(person=person, object_type__in=list(object_types))
    if container_id is not None:
        rows = rows.filter(container_id=str(container_id))
    return list(rows)


def withheld_at(rows: Iterable[Withholding], object_ids: Iterable[object], moment: datetime) -> bool:
    """Whether any of these things was withheld at that moment (from rows `withholdings_of` returned)."""
    ids = {str(object_id) for object_id in object_ids}
    return any(row.object_id in ids and row.in_force_at(moment) for row in rows)


def past_review_for(user: User, today: date | None = None) -> list[Withholding]:
    """Withholdings past their review date, for people cared for now by the teams this user leads; empty for anyone
    who leads no team (practitioners, oversight, administrators, the person, supporters)."""
    led = [role.team_id for role in StaffRole.objects.filter(user=user, role=StaffRole.Role.TEAM_LEAD)]
    if not led:
        return []
    caring = CareRelationship.objects.active().filter(person=OuterRef("person"), team_id__in=led)
    rows = Withholding.objects.past_review(today).filter(Exists(caring)).select_related("person")
    return list(rows.order_by("review_on", "decided_at", "pk"))


def withheld_words(
    decided_by: str,
    withheld_on: str,
    review_by: str,
    review_passed: bool,
    *,
    gettext: Callable[[str], str] = catalogue.gettext,
) -> Markup:
    """What the person reads where something withheld from them sits (ADR 0010): who decided and when, why in
    general terms, when it will be looked at again (or that the date has passed), and how to ask. Never what it is.
    Dates come as words. Every page draws it from here: the plan's sections in Python, decisions through the
    `withheld_words` template macro (people/_withheld_marker.jinja)."""
    decided = Markup(  # noqa: S704 - the catalogues' own words, as a template's _("…") marks them; values escaped
        gettext(
            "%(who)s from your care team decided on %(day)s not to show it to you for now, because they believe"
            " seeing it could seriously harm your health or someone else's."
        )
    ) % {"who": decided_by, "day": withheld_on}
    if review_passed:
        later = gettext("They said they would look at this again by %(day)s: you can ask them about it now.")
    else:
        later = gettext("They will look at this again by %(day)s. You can ask your care team about it.")
    return decided + Markup(" ") + Markup(later) % {"day": review_by}  # noqa: S704 - as above
