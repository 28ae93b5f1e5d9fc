"""Escalation (issue 12, item 5): the team lead's page of late concerns, and the daily job that reminds the caring
team's leads (and whoever handles the case) once for each missed date, without a name or a word of what was said."""

import io
import signal
from datetime import datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from safeplan.audit.models import AuditEvent
from safeplan.concerns import notify, services
from safeplan.concerns.escalation import late_for_lead, send_reminders
from safeplan.concerns.models import Concern, Reminder
from safeplan.concerns.tasks import RemindersNotSent, send_concern_reminders
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World
from safeplan.people.tests.factories import CareRelationshipFactory, PersonFactory, UserFactory

WHAT = "The crisis line number in my plan rang out twice on Saturday night"
ABOUT = "the crisis line at the weekend"
LEAD, PRACTITIONER, OTHER_LEAD = "lead@example.test", "practitioner@example.test", "other-lead@example.test"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class EscalationWorld(World):
    """The World, with e-mail addresses for the staff around the person and a name the person goes by."""

    def __init__(self) -> None:
        super().__init__()
        for user, email in [(self.lead, LEAD), (self.practitioner, PRACTITIONER), (self.other_lead, OTHER_LEAD)]:
            user.email = email
            user.save()
        self.person.preferred_name = "Robin"
        self.person.save()
        self.start = timezone.now()

    def writer(self, user) -> Writer:
        return Writer(user, resolve_access(user, self.person.pk))

    def raise_one(self, kind: str = "concern", person=None) -> Concern:
        person = person or self.person
        writer = Writer(person.user, resolve_access(person.user, person.pk))
        about = services.About(ABOUT)
        return services.raise_concern(writer, kind=kind, about=about, what_happened=WHAT, now=self.start)

    def at(self, days: int) -> datetime:
        return self.start + timedelta(days=days)


@pytest.fixture
def world(db) -> EscalationWorld:
    return EscalationWorld()


def run_on(moment: datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return send_concern_reminders.call()


def test_the_job_reminds_the_caring_teams_lead_once_however_often_it_runs(world):
    concern = world.raise_one()
    assert run_on(world.at(1)) == 0 and not mail.outbox  # not late yet
    assert run_on(world.at(10)) == 1
    assert run_on(world.at(10)) == 0  # run twice the same day
    assert run_on(world.at(11)) == 0  # and the next day: the same missed date is not reminded again
    assert [message.to for message in mail.outbox] == [[LEAD]]  # not the other team's lead, not the practitioner
    reminder = Reminder.objects.get()
    assert (reminder.concern, reminder.kind, reminder.due_on) == (concern, "acknowledge", concern.acknowledge_by)
    assert (reminder.sent_to, reminder.channel) == (1, "email")


def test_a_reminder_recorded_before_a_restart_is_not_sent_again(world):
    concern = world.raise_one()
    Reminder.objects.create(
        concern=concern, kind="acknowledge", due_on=concern.acknowledge_by, sent_at=world.at(4), sent_to=1
    )
    assert run_on(world.at(10)) == 0
    assert not mail.outbox and Reminder.objects.count() == 1


def test_a_reminder_that_could_not_be_sent_is_not_recorded_and_is_sent_at_the_next_run(world):
    world.raise_one()
    down = mock.patch.object(notify, "_by_email", side_effect=notify.DeliveryFailed("The mail server is down."))
    with down, pytest.raises(RemindersNotSent, match="1 not sent"):
        run_on(world.at(10))
    assert not Reminder.objects.exists() and not mail.outbox
    assert run_on(world.at(11)) == 1
    assert len(mail.outbox) == 1 and Reminder.objects.count() == 1


def test_a_later_missed_date_of_the_same_case_is_a_new_reminder_to_the_lead_and_the_handler(world):
    concern = world.raise_one()
    run_on(world.at(10))
    with time_machine.travel(world.at(10), tick=False):
        services.acknowledge(world.writer(world.practitioner), concern)
        services.take_on(world.writer(world.practitioner), concern)
    assert run_on(world.at(20)) == 0  # acknowledged, and the response is not due yet
    assert run_on(world.at(60)) == 1
    first_date = concern.respond_by
    assert sorted(m.to[0] for m in mail.outbox[1:]) == [LEAD, PRACTITIONER]  # the handler too, each their own
    with time_machine.travel(world.at(61), tick=False):
        services.agree_new_date(world.writer(world.lead), concern, world.at(70).date(), "We are waiting on the rota")
    assert run_on(world.at(65)) == 0
    assert run_on(world.at(75)) == 1  # the new date, missed too
    kinds = list(dict.fromkeys(Reminder.objects.order_by("sent_at").values_list("kind", "due_on")))
    assert Reminder.objects.filter(kind="respond").count() == 4  # to the lead and the handler, each date
    assert kinds == [
        ("acknowledge", concern.acknowledge_by),
        ("respond", first_date),
        ("respond", world.at(70).date()),
    ]


def test_six_months_without_a_response_reminds_that_a_letter_explaining_the_delay_is_due(world):
    concern = world.raise_one()
    with time_machine.travel(world.at(1), tick=False):
        services.acknowledge(world.writer(world.practitioner), concern)
        services.agree_new_date(world.writer(world.practitioner), concern, world.at(300).date(), "A long review")
    assert run_on(world.at(150)) == 0
    assert run_on(world.at(200)) == 1
    assert Reminder.objects.get().kind == "delay_letter"
    assert "A letter explaining why the response is taking so long was due" in mail.outbox[0].body


def test_nothing_is_sent_for_cases_on_time_answered_or_closed(world):
    thanks = world.raise_one(kind="compliment")
    answered = world.raise_one()
    closed = world.raise_one()
    assert run_on(world.at(2)) == 0  # on time: three working days are at least three days
    staff = world.writer(world.practitioner)
    with time_machine.travel(world.at(2), tick=False):
        for case in (answered, closed):
            services.acknowledge(staff, case)
            services.respond(staff, case, how_looked_into="We rang it", found="It was down", will_change="A backup")
        services.close(staff, closed)
        services.close(staff, thanks)  # a compliment is thanked and closed
    assert run_on(world.at(400)) == 0  # answered and closed cases have nothing late
    assert not mail.outbox and not Reminder.objects.exists()


def test_a_compliment_is_never_late_so_nobody_is_reminded_of_it(client, world):
    thanks = world.raise_one(kind="compliment")
    assert run_on(world.at(400)) == 0 and not Reminder.objects.exists()
    with time_machine.travel(world.at(400)):
        client.force_login(world.lead)
        assert "Concern late" not in client.get(reverse("caseload")).content.decode()
        page = client.get(reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": thanks.pk}))
        assert "We aim to say thank you by" in page.content.decode() and "it is late" not in page.content.decode()


def test_a_reminder_says_what_is_late_and_links_the_case_without_a_name_or_what_was_said(world, settings):
    concern = world.raise_one()
    run_on(world.at(10))
    (message,) = mail.outbox
    link = settings.SITE_URL + reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    assert message.subject == "A concern is late"
    assert f"A concern about someone in your organisation's care is late: {link}" in message.body
    assert f"The acknowledgement was due {concern.acknowledge_by:%-d %B %Y}." in message.body
    for secret in [world.person.full_name, "Robin", WHAT, ABOUT, "crisis line"]:
        assert secret not in message.subject and secret not in message.body


def test_gov_uk_notify_sends_it_when_configured(world, settings):
    settings.NOTIFY_API_KEY, settings.NOTIFY_LATE_CONCERN_TEMPLATE_ID = "test-key", "template-id"
    concern = world.raise_one()
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        assert run_on(world.at(10)) == 1
    client_class.assert_called_once_with("test-key")
    (call,) = client_class.return_value.send_email_notification.call_args_list
    reminder = Reminder.objects.get()
    assert call.kwargs["email_address"] == LEAD and call.kwargs["template_id"] == "template-id"
    assert call.kwargs["reference"] == f"concern-reminder-{reminder.pk}"
    assert set(call.kwargs["personalisation"]) == {"link", "what_is_late"}
    assert str(concern.pk) in call.kwargs["personalisation"]["link"]
    assert not any(s in str(call) for s in [world.person.full_name, "Robin", WHAT, ABOUT])
    assert reminder.channel == "notify" and not mail.outbox


def test_notify_refusing_it_records_nothing_and_names_no_one(world, settings):
    from notifications_python_client.errors import HTTPError

    settings.NOTIFY_API_KEY, settings.NOTIFY_LATE_CONCERN_TEMPLATE_ID = "test-key", "template-id"
    world.raise_one()
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        client_class.return_value.send_email_notification.side_effect = HTTPError(message=f"bad address {LEAD}")
        with pytest.raises(RemindersNotSent) as raised:
            run_on(world.at(10))
    assert LEAD not in str(raised.value) and not Reminder.objects.exists()


def test_nobody_with_an_e_mail_address_means_no_reminder_recorded_so_it_is_sent_once_someone_has_one(world):
    world.lead.email = ""
    world.lead.save()
    world.raise_one()
    assert send_reminders(world.at(10)).nobody_to_tell == 1 and not Reminder.objects.exists()
    world.lead.email = LEAD
    world.lead.save()
    assert run_on(world.at(11)) == 1


def test_the_team_lead_sees_their_teams_late_concerns_and_everyone_else_is_not_found(client, world):
    concern = world.raise_one()
    url = reverse("late_concerns")
    client.force_login(world.lead)
    assert "No concern about the people your teams care for is late" in client.get(url).content.decode()
    with time_machine.travel(world.at(10)):
        send_reminders()
        client.force_login(world.lead)
        seq = AuditEvent.objects.count()
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        case = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
        assert world.person.full_name in page and case in page and "The person" in page
        assert f"The acknowledgement was due {concern.acknowledge_by:%-d %B %Y}" in page
        assert "Reminder sent: Acknowledgement late" in page and "Nobody yet" in page
        assert WHAT not in page
        assert ">Late concerns<" in page  # in the team lead's navigation
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", "object_type", "object_id")) == [
            ("list", "late_concerns", "1 shown")
        ]
        client.force_login(world.other_lead)
        other = client.get(url).content.decode()
        assert world.person.full_name not in other and "is late" in other
        assert client.get(case).status_code == 404
        for user in [world.practitioner, world.person.user, world.supporter, world.advocate, world.administrator]:
            client.force_login(user)
            assert client.get(url).status_code == 404
            assert ">Late concerns<" not in client.get(reverse("home")).content.decode()


def test_the_lead_page_reads_the_same_number_of_times_for_one_late_case_or_many(client, world):
    world.raise_one()

    def queries() -> int:
        with time_machine.travel(world.at(10)):
            client.force_login(world.lead)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("late_concerns")).status_code == 200
        return len(captured.captured_queries)

    one = queries()
    for _ in range(3):
        person = PersonFactory(organisation=world.org, user=UserFactory())
        CareRelationshipFactory(person=person, team=world.care.team)
        world.raise_one(person=person)
    with time_machine.travel(world.at(10)):
        assert len(late_for_lead(world.lead)) == 4
    assert queries() == one


@pytest.fixture
def restore_signals():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_the_command_queues_the_job_with_nothing_about_anyone_and_the_worker_sends_it(settings, restore_signals):
    settings.TASKS = DATABASE_QUEUE
    world = EscalationWorld()
    world.raise_one()
    with time_machine.travel(world.at(10)):
        out = io.StringIO()
        call_command("concern_reminders", stdout=out)
        assert "Queued" in out.getvalue()
        job = DBTaskResult.objects.get()
        assert job.task_path == "safeplan.concerns.tasks.send_concern_reminders"
        assert job.args_kwargs == {"args": [], "kwargs": {}}
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=io.StringIO())
        job.refresh_from_db()
        assert job.status == "SUCCESSFUL" and job.return_value == 1
        call_command("concern_reminders", "--now", stdout=io.StringIO())  # a second day's run, in-process
    assert [message.to for message in mail.outbox] == [[LEAD]] and Reminder.objects.count() == 1
