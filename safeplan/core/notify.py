"""How a reminder leaves safeplan: through GOV.UK Notify (its official client, `notifications-python-client`) when
it is configured for that reminder, otherwise through Django's e-mail backend (SMTP in production; printed to the
console in development and the demo). Shared by every reminder (late concerns, reviews coming due, training due).

A reminder never carries a person's name or anything from a record: callers pass only a link (which opens after
signing in) and plain words about what is due. Errors raised from here name no address (an SMTP error can carry one,
so it is not chained).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from notifications_python_client import notifications
from notifications_python_client.errors import APIError


class DeliveryFailed(Exception):
    """The reminder could not be handed over; the message names no person and no address."""


@dataclass(frozen=True)
class Reminder:
    subject_template: str  # a template rendered with `context`: the e-mail's subject
    body_template: str  # and its plain-text body
    context: dict[str, str]
    notify_template_id: str = ""  # the Notify template, when Notify is configured for this reminder
    personalisation: dict[str, str] = field(default_factory=dict)  # its placeholders
    reference: str = ""  # an opaque reference for Notify


def due_reminder(template: str, subject: str, what_is_due: str, link: str, reference: str) -> Reminder:
    """A reminder that something is due: e-mailed from `template`_subject.txt and `template`.txt (with `link` and
    `what_is_due`), or through the Notify template for reminders (NOTIFY_REMINDER_TEMPLATE_ID) when that is set."""
    return Reminder(
        f"{template}_subject.txt",
        f"{template}.txt",
        {"link": link, "what_is_due": what_is_due},
        settings.NOTIFY_REMINDER_TEMPLATE_ID,
        {"subject": subject, "what_is_due": what_is_due, "link": link},
        reference,
    )


def channel(notify_template_id: str) -> str:
    """ "notify" when GOV.UK Notify is configured for a reminder with this template, else "email"."""
    return "notify" if settings.NOTIFY_API_KEY and notify_template_id else "email"


def send(addresses: list[str], reminder: Reminder) -> None:
    """One e-mail to each address (nobody sees who else was told). Raises DeliveryFailed if any could not be sent."""
    if channel(reminder.notify_template_id) == "notify":
        by_notify(addresses, reminder.notify_template_id, reminder.personalisation, reminder.reference)
    else:
        by_email(addresses, reminder.subject_template, reminder.body_template, reminder.context)


def by_notify(addresses: list[str], template_id: str, personalisation: dict[str, str], reference: str) -> None:
    client = notifications.NotificationsAPIClient(settings.NOTIFY_API_KEY)
    try:
        for address in addresses:
            client.send_email_notification(
                email_address=address, template_id=template_id, personalisation=personalisation, reference=reference
            )
    except APIError as error:
        raise DeliveryFailed(f"GOV.UK Notify did not accept it (status {error.status_code}).") from None


def by_email(addresses: list[str], subject_template: str, body_template: str, context: dict[str, str]) -> None:
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    try:
        with get_connection() as connection:
            for address in addresses:
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection).send()
    except OSError as error:  # smtplib's errors are OSErrors; some carry the refused address, so none is chained
        raise DeliveryFailed(f"The mail server did not accept it ({type(error).__name__}).") from None
