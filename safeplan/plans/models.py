"""Co-produced safety plans: templates, entries in a voice, revisions, versions put forward and signed.

History the product shows is kept as immutable rows: an entry's revisions, a plan's versions once agreed, and
signatures. The database refuses to change them (triggers in migration 0002) as well as the model layer.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.core.immutability import Authored, History
from safeplan.core.immutability import ImmutableRecord as ImmutableRecord  # raised by plans' history rows
from safeplan.people.models import Organisation, Person, SupportRelationship, User

SHARED_AS = "plan"  # the object type of a plan in the person's shares (people.shares)
# What a supporter may add in their own words where the person asked them to (besides a differing view beside any
# entry): free text and accounts of events. Never a yes/no answer, a contact, or a harm-minimisation kind, which
# would read as the person's own answer (hazard H29).
SUPPORTER_KINDS = frozenset({"text", "event"})


class Voice(models.TextChoices):
    PERSON = "person", "the person"
    CARE_TEAM = "care_team", "the care team"
    SUPPORTER = "supporter", "a named supporter"


class Mode(models.TextChoices):
    """How the words came to be written down."""

    OWN = "own", "in their own words"
    TOGETHER = "together", "written together"
    FOR = "for", "written down for them"


class CrisisLine(models.Model):
    """A crisis line or service the organisation lists in every six-step plan, with when it was last checked."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="crisis_lines")
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40)
    hours = models.CharField(max_length=120, blank=True, help_text="For example, 24 hours, every day.")
    description = models.CharField(max_length=300, blank=True)
    how = models.CharField(
        max_length=4,
        choices=[("call", "Call"), ("text", "Text"), ("both", "Call or text")],
        default="call",
        help_text="Whether people call this number, text it, or either (the crisis page shows those buttons).",
    )
    last_checked = models.DateField(help_text="When someone last rang or checked this number was right.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PlanTemplate(models.Model):
    """One version of a plan template. Shipped ones come from files; organisations may keep edited copies."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_templates",
        help_text="Empty for the templates shipped with safeplan.",
    )
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    description = models.TextField()
    definition = models.JSONField(help_text="Sections and prompts, as in the template files.")
    source = models.CharField(max_length=200, help_text="The file it was loaded from, or who copied it.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], condition=Q(organisation__isnull=True), name="shipped_template_version"
            ),
            models.UniqueConstraint(
                fields=["organisation", "key", "version"],
                condition=Q(organisation__isnull=False),
                name="org_template_version",
            ),
        ]

    def __str__(self) -> str:
        owner = self.organisation.name if self.organisation_id else "shipped"  # type: ignore[union-attr]
        return f"{self.title} (version {self.version}, {owner})"

    @property
    def sections(self) -> list[dict]:
        return list(self.definition["sections"])


class Plan(models.Model):
    """A living plan. Its entries are the draft; agreed versions are snapshots of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plans")
    template = models.ForeignKey(PlanTemplate, on_delete=models.PROTECT, related_name="plans")
    purpose = models.CharField(
        max_length=80, blank=True, help_text="What this plan is for, when the person has more than one of its kind."
    )
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=0, help_text="Goes up by one with every change to any entry.")
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["person", "started_at"], name="plan_person")]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"

    @property
    def title(self) -> str:
        """The template's title, and what this one is for when the person has another of the same kind. English,
        whatever the reader's language: it is kept in what is stored (a concern's words, an export)."""
        return f"{self.template.title}: {self.purpose}" if self.purpose else self.template.title

    @property
    def shown_title(self) -> str:
        """The title as a page shows it, in the reader's language where the template's title is translated. Never
        stored."""
        title = translated(self.template.title)
        return f"{title}: {self.purpose}" if self.purpose else title


class Entry(models.Model):
    """One statement in a plan, in one voice. Its words live in revisions; the entry only points at the latest."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="entries")
    section_key = models.SlugField(max_length=60)
    item_key = models.SlugField(max_length=60)
    voice = models.CharField(max_length=20, choices=Voice.choices)
    supporter = models.ForeignKey(
        SupportRelationship, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responds_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        help_text="Set when this entry is a differing view of another.",
    )
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    hidden_from_staff_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the person hides a supporter's entry from their care team (it is then in no version).",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["plan", "section_key", "item_key"], name="entry_item"),
            models.Index(fields=["created_at"], name="entry_written"),  # the measures count entries by month
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(voice="supporter", supporter__isnull=False) | (~Q(voice="supporter") & Q(supporter=None)),
                name="entry_supporter_voice_named",
            )
        ]

    def __str__(self) -> str:
        return f"Entry {self.pk} in {self.section_key}/{self.item_key}"


class EntryRevision(Authored):
    """The words of an entry at one revision. Never changed once written."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    fields = models.JSONField()
    removed = models.BooleanField(default=False, help_text="This revision takes the entry out of the plan.")
    mode = models.CharField(max_length=20, choices=Mode.choices)

    class Meta:
        ordering = ["entry", "number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="entry_revision_number")]

    def __str__(self) -> str:
        return f"Revision {self.number} of entry {self.entry_id}"


class PlanVersion(History):
    """A numbered snapshot of a plan put forward for agreement. Once agreed it never changes."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    plan_revision = models.PositiveIntegerField(help_text="The plan's revision this snapshot was taken at.")
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    put_forward_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    put_forward_at = models.DateTimeField()
    agreed_at = models.DateTimeField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        indexes = [models.Index(fields=["review_due"], name="version_review_due")]  # reviews due by month
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number"),
            models.CheckConstraint(
                condition=Q(agreed_at__isnull=True) | Q(review_due__isnull=False), name="agreed_version_has_review"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of plan {self.plan_id}"

    def is_locked(self) -> bool:
        """Until it is agreed a version collects signatures; once agreed it never changes."""
        return self.pk is not None and PlanVersion.objects.filter(pk=self.pk, agreed_at__isnull=False).exists()


class Signature(History):
    """The person or a practitioner signing one exact version (its content hash)."""

    class Role(models.TextChoices):  # shown in the signer's list, in the reader's language (versions.jinja)
        PERSON = "person", N_("the person")
        PRACTITIONER = "practitioner", N_("a practitioner")

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=20, choices=Role.choices)
    signer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["version", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["version", "role"], name="one_signature_per_role")]

    def __str__(self) -> str:
        return f"{self.signer_name} signed version {self.version_id} as {self.role}"


class EntryReview(Authored):
    """A look at whether an entry is still current, made by the care team with the person: "historical — no longer
    current" folds it away under "Earlier history" on every view (never deleted, still readable); only a later review
    brings it back. The latest review of an entry is the one in force."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="reviews")
    current = models.BooleanField(help_text="False: historical, no longer current.")
    with_whom = models.CharField(max_length=200, help_text="Who it was looked at with: the person, their advocate, …")
    why = models.TextField(max_length=2000)

    class Meta:
        ordering = ["entry", "written_at", "pk"]

    def __str__(self) -> str:
        return f"{'current' if self.current else 'historical'}: {self.entry_id}"


class ReviewRequest(Authored):
    """The person asking for an entry to be looked at again (is it still true of them now?)."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="review_requests")
    words = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["entry", "written_at", "pk"]

    def __str__(self) -> str:
        return f"Review asked for {self.entry_id}"
