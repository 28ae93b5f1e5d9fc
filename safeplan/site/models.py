"""What the site keeps of its own: only when the person last said they had seen what others changed.

Principle 10 the other way round: this is about the person's own reading, so it is theirs alone. No staff page,
admin, export, measure or API reads it (`site/tests/test_new_since.py` checks that nothing outside the person's own
pages names it); it is never audited or counted.
"""

from django.conf import settings
from django.db import models


class LastLooked(models.Model):
    """The newest change by others the person had been shown when they pressed "I've seen these": its audit
    sequence number (rows are numbered in the order they are committed, so nothing written in between is skipped)
    and when it was made."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_through = models.BigIntegerField(help_text="The audit sequence number of the newest change they were shown.")
    seen_up_to = models.DateTimeField(help_text="When that change was made.")

    def __str__(self) -> str:
        return f"seen through #{self.seen_through}"
