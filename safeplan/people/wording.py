"""The language guide (issue 13, item 5): words that label, blame or speak of danger rather than safety, each with a
person-centred alternative and why. Shipped as data (`people/data/language-guide.toml`); an organisation may keep
its own list in admin (its rows are used instead once it has any). As staff write, hints appear beside what they
wrote — never blocking, never stopping a save — and each hint shown is counted by organisation, phrase and month:
a measure for learning, with no names and no words anyone wrote.
"""

import re
import tomllib
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.contrib import messages
from django.db import models
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from safeplan.people.models import Organisation

GUIDE = Path(__file__).parent / "data" / "language-guide.toml"


class LanguagePhrase(models.Model):
    """One phrase of an organisation's own language guide (used instead of the shipped list once it has any)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="language_phrases")
    phrase = models.CharField(max_length=100, help_text="As staff might write it, for example: non-compliant.")
    alternative = models.CharField(max_length=200)
    why = models.CharField(max_length=300)

    class Meta:
        ordering = ["organisation", "phrase"]
        constraints = [models.UniqueConstraint(fields=["organisation", "phrase"], name="one_phrase_per_organisation")]

    def __str__(self) -> str:
        return self.phrase


class LanguageHintCount(models.Model):
    """How often a hint was shown, by organisation, phrase and month: no names, nothing anyone wrote."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(max_length=100)
    month = models.DateField(help_text="The first day of the month.")
    shown = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["organisation", "month", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "phrase", "month"], name="one_count_per_phrase_month")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} {self.month:%Y-%m}: {self.shown}"


@dataclass(frozen=True)
class Hint:
    phrase: str
    alternative: str
    why: str

    @property
    def words(self) -> str:
        return f"You wrote “{self.phrase}”. You could write: {self.alternative}. {self.why}"


@cache
def shipped() -> tuple[Hint, ...]:
    with GUIDE.open("rb") as file:
        data = tomllib.load(file)
    return tuple(Hint(row["phrase"], row["alternative"], row["why"]) for row in data["phrases"])


def guide_for(organisation: Organisation) -> tuple[Hint, ...]:
    own = tuple(
        Hint(row.phrase, row.alternative, row.why) for row in LanguagePhrase.objects.filter(organisation=organisation)
    )
    return own or shipped()


GAP = "[\\s\\-\u2010\u2011\u2013]+"  # a space or any hyphen or dash (text pasted from a word processor has others)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in re.split(GAP, phrase.strip())]
    return re.compile(r"(?<![\w\-\u2010\u2011])" + GAP.join(words) + r"(?![\w\-\u2010\u2011])", re.IGNORECASE)


def hints_in(texts: list[str], guide: tuple[Hint, ...]) -> list[Hint]:
    """The hints for the phrases found in what was written (each once), in the guide's order."""
    joined = "\n".join(texts)
    return [hint for hint in guide if _pattern(hint.phrase).search(joined)]


def count_shown(organisation: Organisation, hints: list[Hint], today: date | None = None) -> None:
    month = (today or timezone.localdate()).replace(day=1)
    for hint in hints:
        counted, _ = LanguageHintCount.objects.get_or_create(organisation=organisation, phrase=hint.phrase, month=month)
        LanguageHintCount.objects.filter(pk=counted.pk).update(shown=F("shown") + 1)


def hints_for(organisation: Organisation, texts: list[str], already: list[str] | None = None) -> list[Hint]:
    """The hints for what a member of staff just wrote (not for phrases already in the words they changed), counted
    as shown."""
    guide = guide_for(organisation)
    before = set(hints_in(already or [], guide))
    found = [hint for hint in hints_in(texts, guide) if hint not in before]
    if found:
        count_shown(organisation, found)
    return found


def counts_for(organisation: Organisation, since: date) -> list[tuple[str, int]]:
    """How often each hint was shown since `since` (the first of a month), most often first: a measure for learning."""
    totals: dict[str, int] = {}
    for phrase, shown in LanguageHintCount.objects.filter(organisation=organisation, month__gte=since).values_list(
        "phrase", "shown"
    ):
        totals[phrase] = totals.get(phrase, 0) + shown
    return sorted(totals.items(), key=lambda row: (-row[1], row[0]))


def offer_hints(
    request: HttpRequest, organisation: Organisation, texts: list[str], already: list[str] | None = None
) -> None:
    """After the care team saves words in its own voice, a gentle message for each phrase in the guide that was not
    there before (never blocking: the words are already saved)."""
    for hint in hints_for(organisation, texts, already=already):
        messages.info(request, f"A word to think about. {hint.words}")


def guide_data(organisation: Organisation) -> list[dict[str, str]]:
    """The guide for a page's live hints (core/static/safeplan/init.js), to embed with Jinja's `tojson`."""
    return [asdict(hint) for hint in guide_for(organisation)]
