"""Concerns, complaints and compliments about a person's care, as cases the raiser can follow.

A case's time limits are worked out once, when it is received, from the organisation's complaints policy then in
force (`ComplaintsPolicy`, one row per change, never edited): a later change of policy never moves an earlier case's
dates. Each step of a case is an immutable row (`Step`); nothing about a case is ever deleted.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_noop as N_

from safeplan.core.immutability import Authored
from safeplan.people.models import Organisation, Person, User


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"


# The complaints regulations' defaults for each nation: working days to acknowledge, working days to respond, and the
# ombudsman a person may go to. Public details of public bodies, not personal data. A response keeps the name in
# English; the page shows it in the reader's language (`presenters.shown_ombudsman`).
DEFAULTS = {
    Nation.ENGLAND: {
        "acknowledge_days": 3,
        "respond_days": 25,
        "ombudsman_name": N_("the Parliamentary and Health Service Ombudsman"),
        "ombudsman_phone": "0345 015 4033",
        "ombudsman_url": "https://www.ombudsman.org.uk",
    },
    Nation.WALES: {
        "acknowledge_days": 2,
        "respond_days": 30,
        "ombudsman_name": N_("the Public Services Ombudsman for Wales"),
        "ombudsman_phone": "0300 790 0203",
        "ombudsman_url": "https://www.ombudsman.wales",
    },
    Nation.SCOTLAND: {
        "acknowledge_days": 5,
        "respond_days": 20,
        "ombudsman_name": N_("the Scottish Public Services Ombudsman"),
        "ombudsman_phone": "0800 377 7330",
        "ombudsman_url": "https://www.spso.org.uk",
    },
}


class ComplaintsPolicy(models.Model):
    """An organisation's complaints policy from a moment on. A change is a new row; cases keep the dates of theirs."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND)
    acknowledge_days = models.PositiveSmallIntegerField(help_text="Working days to acknowledge and offer to talk.")
    respond_days = models.PositiveSmallIntegerField(help_text="Working days to respond, unless agreed otherwise.")
    time_limit_months = models.PositiveSmallIntegerField(default=12, help_text="From the event, or from knowing of it.")
    delay_letter_months = models.PositiveSmallIntegerField(
        default=6, help_text="With no response by then, a letter explains why."
    )
    ombudsman_name = models.CharField(max_length=200)
    ombudsman_phone = models.CharField(max_length=40)
    ombudsman_url = models.URLField()
    effective_from = models.DateTimeField()
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["organisation", "effective_from", "pk"]
        verbose_name_plural = "complaints policies"

    def __str__(self) -> str:
        return f"{self.get_nation_display()} policy from {self.effective_from:%Y-%m-%d}"


class Kind(models.TextChoices):
    CONCERN = "concern", "a concern or complaint"
    COMPLIMENT = "compliment", "a compliment"


class State(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    LOOKING_INTO = "looking_into", "Being looked into"
    RESPONDED = "responded", "Response sent"
    CLOSED = "closed", "Closed"
    REFERRED = "referred", "Referred on"


class ReceivedHow(models.TextChoices):
    ONLINE = "online", N_("Online, in safeplan")  # labels in English; a page shows them with words()
    PHONE = "phone", N_("By phone")
    PAPER = "paper", N_("On paper or by letter")
    EMAIL = "email", N_("By e-mail")
    IN_PERSON = "in_person", N_("In person")


class Concern(models.Model):
    """One concern, complaint or compliment about a person's care, and the case that follows it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    about_type = models.CharField(max_length=40, blank=True, help_text="What it is about: plan, decision, …")
    about_id = models.CharField(max_length=64, blank=True)
    about_part = models.CharField(max_length=60, blank=True)
    about_words = models.CharField(max_length=300, help_text="What it is about, in words, as the raiser saw it.")
    what_happened = models.TextField(max_length=6000)
    would_like = models.TextField(max_length=4000, blank=True)
    contact_ok = models.BooleanField(default=True)
    contact_how = models.CharField(max_length=300, blank=True)
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", help_text="Who entered it.")
    raised_by_name = models.CharField(max_length=200, help_text="Who raised it, as they are named to others.")
    raised_by_role = models.CharField(max_length=60, help_text="the person, a supporter, an advocate for them, …")
    on_behalf = models.BooleanField(default=False, help_text="Raised by an advocate on the person's behalf.")
    person_follows = models.BooleanField(
        default=True,
        help_text="Raised by the person or for them: they follow the case. Not when others raise their own.",
    )
    received_how = models.CharField(max_length=20, choices=ReceivedHow.choices, default=ReceivedHow.ONLINE)
    received_on = models.DateField()
    event_on = models.DateField(null=True, blank=True, help_text="When it happened, if the raiser said.")
    past_time_limit = models.BooleanField(
        default=False, help_text="Received more than the policy's time limit after it happened (staff decide)."
    )
    late_accepted_reason = models.TextField(blank=True, help_text="Why a concern past the time limit was accepted.")
    nation = models.CharField(max_length=20, choices=Nation.choices)
    acknowledge_by = models.DateField()
    respond_by = models.DateField()
    delay_letter_by = models.DateField(help_text="With no response by then, a letter explains why (from the policy).")
    handler = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-created_at"]
        indexes = [models.Index(fields=["person", "received_on"], name="concern_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} received {self.received_on}"

    @property
    def about_phrase(self) -> str:
        """What it is about, to follow "About …": the product's own words start lower case; the raiser's are theirs."""
        words = self.about_words
        if self.about_type and words[:1].isupper() and not words[1:2].isupper():
            return words[:1].lower() + words[1:]
        return words

    @property
    def about_heading(self) -> tuple[str, str]:
        """What it is about split for a page: (what and where, for the heading; the item's question, beneath)."""
        phrase = self.about_phrase
        if self.about_type and "”: " in phrase:
            where, question = phrase.split("”: ", 1)
            return f"{where}”", question
        return phrase, ""

    @property
    def shown_heading(self) -> tuple[str, str]:
        """`about_heading` in the reader's language (what is kept, `about_words`, stays English)."""
        from safeplan.concerns.about import shown_about

        heading, question = shown_about(self.about_words, self.about_type, self.about_part)
        if self.about_type and heading[:1].isupper() and not heading[1:2].isupper():
            heading = heading[:1].lower() + heading[1:]
        return heading, question


class Step(Authored):
    """One dated step of a case (received, acknowledged, a new response date, responded, closed). Never changed."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="steps")
    state = models.CharField(max_length=20, choices=State.choices)
    note = models.TextField(blank=True)
    respond_by = models.DateField(null=True, blank=True, help_text="A response date agreed at this step.")
    delay_letter = models.BooleanField(
        default=False, help_text="At this step the letter explaining why the response is taking so long was sent."
    )

    class Meta:
        ordering = ["concern", "written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.state} at {self.written_at:%Y-%m-%d}"


class Response(Authored):
    """The written response: every one says how it was looked into, what was found, what will change, and where to go
    next (the ombudsman named by the policy the case was received under)."""

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="response")
    how_looked_into = models.TextField(max_length=6000)
    found = models.TextField(max_length=6000)
    will_change = models.TextField(max_length=6000)
    apology = models.TextField(max_length=4000, blank=True)
    ombudsman = models.CharField(max_length=400, help_text="Who to go to next, with their phone and website.")

    def __str__(self) -> str:
        return f"Response to {self.concern_id}"


class Satisfaction(Authored):
    """What the raiser said about the response. A later answer is a new row."""

    class Answer(models.TextChoices):
        YES = "yes", N_("Yes")  # labels in English; the form and the page translate them
        PARTLY = "partly", N_("Partly")
        NO = "no", N_("No")

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="satisfaction")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    words = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["concern", "written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.answer} on {self.concern_id}"


class Reminder(models.Model):
    """A reminder that a step of a case is late, sent once to each recipient per case, kind and due date (the daily
    job is idempotent through this row's uniqueness: running it twice, or after a restart, sends nothing more, and a
    send that failed for one recipient is tried again for that one only). Rows from before recipients were kept have
    none: they stand for everyone reminded then."""

    class Kind(models.TextChoices):
        ACKNOWLEDGE = "acknowledge", "acknowledgement late"
        RESPOND = "respond", "response late"
        DELAY_LETTER = "delay_letter", "delay letter late"

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField(help_text="The date that was missed.")
    recipient = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Who it was sent to."
    )
    sent_at = models.DateTimeField()
    sent_to = models.PositiveIntegerField(default=0, help_text="How many staff it went to (never who, in the log).")
    channel = models.CharField(max_length=20, default="email", help_text="email, or notify when configured.")

    class Meta:
        ordering = ["concern", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "kind", "due_on", "recipient"], name="one_reminder_per_missed_date_and_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.concern_id} ({self.due_on})"


class Restorative(Authored):
    """A restorative response, recorded with the person's agreement: what happened from each side (kept side by side,
    neither replacing the other), an apology where owed, what changed (and where), and what was learned."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="restorative")
    agreed_on = models.DateField(help_text="When the person agreed to a restorative response being recorded.")
    their_account = models.TextField(max_length=6000, help_text="What happened, as the person (or raiser) tells it.")
    our_account = models.TextField(max_length=6000, help_text="What happened, as the service tells it.")
    apology = models.TextField(max_length=4000, blank=True)
    what_changed = models.TextField(max_length=4000)
    changed_type = models.CharField(max_length=40, blank=True, help_text="What changed: plan, template, policy, …")
    changed_id = models.CharField(max_length=64, blank=True)
    changed_words = models.CharField(max_length=300, blank=True, help_text="What changed, in words, with where.")
    learned = models.TextField(max_length=4000)

    class Meta:
        ordering = ["concern", "written_at", "pk"]

    def __str__(self) -> str:
        return f"Restorative response for {self.concern_id}"
