"""What is late, said once (concerns/late.py) and agreed on by the caseload, the case page, the lead's page and the
reminders; the delay letter's date from the policy; reminders that reach someone when no team cares for the person,
and never twice to whoever was told already; a concern raised online past the time limit; what was raised is kept."""

from datetime import date, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.concerns import notify, presenters, services
from safeplan.concerns.escalation import NOBODY_CARES, send_reminders
from safeplan.concerns.late import late_steps
from safeplan.concerns.models import ComplaintsPolicy, Concern, Reminder, State, Step
from safeplan.concerns.queries import late_cases
from safeplan.concerns.tests.test_escalation import LEAD, PRACTITIONER, WHAT, EscalationWorld
from safeplan.core.dates import add_months

OVERSIGHT = "oversight@example.test"


@pytest.fixture
def world(db) -> EscalationWorld:
    made = EscalationWorld()
    made.oversight.email = OVERSIGHT
    made.oversight.save()
    return made


def test_the_caseload_the_case_page_and_the_reminders_agree_on_what_is_late_every_day(world):
    waiting = world.raise_one()
    acknowledged = world.raise_one()
    thanks = world.raise_one(kind="compliment")
    lettered = world.raise_one()
    staff = world.writer(world.practitioner)
    with time_machine.travel(world.at(1), tick=False):
        for case in (acknowledged, lettered):
            services.acknowledge(staff, case)
    with time_machine.travel(world.at(190), tick=False):
        services.send_delay_letter(staff, lettered, "We are still waiting for the ward's notes.")
    for days in [0, 3, 6, 20, 40, 100, 180, 184, 200, 400]:
        day = world.at(days).date()
        listed = set(late_cases([world.person.pk], day).values_list("pk", flat=True))
        for case in (waiting, acknowledged, thanks, lettered):
            case.refresh_from_db()
            steps = {step.kind for step in late_steps(case, day)}
            on_page = any(due.late for due in presenters.dues(case, day))
            assert (case.pk in listed) == bool(steps) == on_page, (days, case.kind, steps)
    assert thanks.pk not in listed  # a compliment is never late


def test_the_delay_letter_falls_due_when_the_policy_in_force_said(world):
    ComplaintsPolicy.objects.create(
        organisation=world.org,
        nation="england",
        acknowledge_days=3,
        respond_days=25,
        delay_letter_months=3,
        ombudsman_name="the Parliamentary and Health Service Ombudsman",
        ombudsman_phone="0345 015 4033",
        ombudsman_url="https://www.ombudsman.org.uk",
        effective_from=world.start - timedelta(days=1),
    )
    concern = world.raise_one()
    assert concern.delay_letter_by == add_months(concern.received_on, 3)
    with time_machine.travel(world.at(1), tick=False):
        services.acknowledge(world.writer(world.practitioner), concern)
        services.agree_new_date(world.writer(world.practitioner), concern, world.at(300).date(), "A long review")
    assert send_reminders(world.at(80)).sent == 0
    assert send_reminders(world.at(100)).sent == 1
    assert set(Reminder.objects.values_list("kind", "due_on")) == {("delay_letter", concern.delay_letter_by)}


def test_a_send_that_fails_for_one_recipient_is_sent_later_to_that_one_only(world):
    concern = world.raise_one()
    with time_machine.travel(world.at(1), tick=False):
        services.take_on(world.writer(world.practitioner), concern)  # the handler is reminded with the lead
    real = notify._by_email

    def refuse_the_handler(addresses, message):
        if addresses == [PRACTITIONER]:
            raise notify.DeliveryFailed("The mail server refused it.")
        real(addresses, message)

    with mock.patch.object(notify, "_by_email", side_effect=refuse_the_handler):
        outcome = send_reminders(world.at(60))
    assert (outcome.sent, outcome.failed) == (0, 1)
    assert [m.to for m in mail.outbox] == [[LEAD]]
    assert send_reminders(world.at(61)).sent == 1
    assert [m.to for m in mail.outbox] == [[LEAD], [PRACTITIONER]]  # the lead was not told twice
    assert send_reminders(world.at(62)).already_sent == 1 and len(mail.outbox) == 2


def test_when_no_team_cares_for_the_person_oversight_is_reminded_and_sees_it_by_reference_only(client, world):
    concern = world.raise_one()
    world.care.ended_on = world.at(1).date()
    world.care.save()
    assert send_reminders(world.at(10)).sent == 1
    (message,) = mail.outbox
    assert message.to == [OVERSIGHT] and NOBODY_CARES in message.body
    assert reverse("late_concerns") in message.body and str(concern.pk) not in message.body
    assert world.person.full_name not in message.body and WHAT not in message.body
    with time_machine.travel(world.at(10)):
        client.force_login(world.oversight)
        seq = AuditEvent.objects.count()
        page = client.get(reverse("late_concerns")).content.decode()
        assert f"Reference {str(concern.pk)[:8].upper()}" in page and world.care.team.name in page
        assert ">Late concerns<" in page
        for private in [world.person.full_name, world.person.name_to_use, WHAT, str(world.person.pk)]:
            assert private not in page  # oversight opens no records, and reads no names
        listed = AuditEvent.objects.get(seq__gt=seq)
        assert (listed.object_type, listed.purpose) == ("late_concerns", "governance")
        client.force_login(world.lead)  # the lead of the team that cared for them no longer sees it
        assert world.person.full_name not in client.get(reverse("late_concerns")).content.decode()


def test_a_caring_team_whose_lead_cannot_be_e_mailed_falls_back_to_oversight(world):
    world.lead.email = ""
    world.lead.save()
    world.raise_one()
    assert send_reminders(world.at(10)).sent == 1
    assert [m.to for m in mail.outbox] == [[OVERSIGHT]]


def test_a_concern_raised_online_past_the_time_limit_is_received_and_staff_decide(client, world):
    event = add_months(timezone.localdate(), -13)
    writer = world.writer(world.person.user)
    late = services.raise_concern(
        writer, kind="concern", about=services.About("a ward round"), what_happened=WHAT, event_on=event
    )
    assert late.past_time_limit and late.state == State.RECEIVED
    client.force_login(world.person.user)
    case = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": late.pk})
    assert "more than 12 months before it was raised" in client.get(case).content.decode()
    client.force_login(world.practitioner)
    assert "Raised after the time limit" in client.get(case).content.decode()
    staff = world.writer(world.practitioner)
    with pytest.raises(services.ConcernError, match="after the time limit"):
        services.acknowledge(staff, late)
    with pytest.raises(services.ConcernError, match="why it cannot be looked into"):
        services.close(staff, late)
    with pytest.raises(services.ConcernError, match="acknowledge it first"):
        services.take_on(staff, late)  # looking into it would skip the decision
    services.acknowledge(staff, late, "They were in hospital until last month; the ward's notes are kept.")
    late.refresh_from_db()
    assert late.late_accepted_reason.startswith("They were in hospital") and late.state == State.ACKNOWLEDGED

    other = services.raise_concern(
        writer, kind="concern", about=services.About("a letter"), what_happened=WHAT, event_on=event
    )
    services.close(staff, other, note="The records from then were not kept, so it cannot be looked into fairly.")
    other.refresh_from_db()
    assert other.state == State.CLOSED
    on_time = services.raise_concern(writer, kind="concern", about=services.About("today"), what_happened=WHAT)
    assert not on_time.past_time_limit
    with pytest.raises(services.ConcernError, match="Send the response first"):
        services.close(staff, on_time, note="No.")


def test_what_was_raised_is_never_changed_in_the_database_and_a_case_is_never_deleted(world):
    concern = world.raise_one()
    for change in [{"what_happened": "Something else"}, {"about_words": "x"}, {"received_on": date(2020, 1, 1)}]:
        with pytest.raises(DatabaseError), transaction.atomic():
            Concern.objects.filter(pk=concern.pk).update(**change)
    assert Concern.objects.filter(pk=concern.pk).update(state=State.ACKNOWLEDGED, handler=world.practitioner) == 1
    with time_machine.travel(world.at(1), tick=False):
        step = services.take_on(world.writer(world.practitioner), concern)
    with pytest.raises(DatabaseError), transaction.atomic():  # a step too, on both databases
        Step.objects.filter(pk=step.pk).update(note="Something else")
    if connection.vendor == "postgresql":  # SQLite's test flush deletes rows, so its trigger refuses updates only
        with pytest.raises(DatabaseError, match="never changed"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM concerns_concern WHERE id = %s", [str(concern.pk)])
