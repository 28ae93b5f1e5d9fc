"""How a reminder of a late concern leaves safeplan: through GOV.UK Notify (its official client,
`notifications-python-client`) when `NOTIFY_API_KEY` and `NOTIFY_LATE_CONCERN_TEMPLATE_ID` are set, otherwise through
Django's e-mail backend (SMTP in production; printed to the console in development and the demo).

A reminder says only that a concern about someone on the team's caseload is late, what is late and since when, and
links to the case, which opens only after signing in. Never the person's name, never what was said: not in the
subject, the body, Notify's personalisation or reference, nor in an error raised from here (an SMTP error can carry
an address, so it is not chained).

The Notify template, set up in Notify's admin, has two placeholders: ((link)) and ((what_is_late)). For example:
subject "A concern is late"; body "A concern about someone on your team's caseload is late: ((link))" then
"((what_is_late))" and a line saying the e-mail does not say who it is about, so sign in to see the case.
"""

from dataclasses import dataclass

from django.conf import settings

from safeplan.core import notify as core
from safeplan.core.notify import DeliveryFailed

__all__ = ["DeliveryFailed", "Message", "channel", "send"]


@dataclass(frozen=True)
class Message:
    link: str  # the case, which opens only after signing in
    what_is_late: str  # "The acknowledgement was due 3 March 2027."
    reference: str  # an opaque reference for Notify (the reminder's id)


def channel() -> str:
    """ "notify" when GOV.UK Notify is configured, else "email"."""
    return core.channel(settings.NOTIFY_LATE_CONCERN_TEMPLATE_ID)


def send(addresses: list[str], message: Message) -> None:
    """One e-mail to each address (nobody sees who else was told). Raises DeliveryFailed if any could not be sent."""
    if channel() == "notify":
        _by_notify(addresses, message)
    else:
        _by_email(addresses, message)


def _by_notify(addresses: list[str], message: Message) -> None:
    personalisation = {"link": message.link, "what_is_late": message.what_is_late}
    core.by_notify(addresses, settings.NOTIFY_LATE_CONCERN_TEMPLATE_ID, personalisation, message.reference)


def _by_email(addresses: list[str], message: Message) -> None:
    context = {"link": message.link, "what_is_late": message.what_is_late}
    core.by_email(addresses, "concerns/email/late_reminder_subject.txt", "concerns/email/late_reminder.txt", context)
