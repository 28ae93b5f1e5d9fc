"""Crisis contacts and leaving hospital, and the contact within 72 hours after: the care team records both, the
person reads them, nobody else reaches them; bad input changes nothing; the caseload shows who nobody has reached;
and the record keeps them as history."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.followup import services
from safeplan.followup.models import CrisisEvent, FollowUp
from safeplan.followup.queries import count_waiting, events_of, waiting
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=LONDON)


@pytest.fixture
def world(db) -> World:
    return World()


def as_(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def waiting_now(world) -> int:
    """What the caseload lists and the record page counts (its own SQL), which must agree."""
    listed = waiting([world.person.pk]).count()
    assert count_waiting(world.person.pk) == listed
    return listed


def test_the_record_page_counts_only_this_persons_events_nobody_has_reached(world):
    first, second = an_event(world, hours_ago=10), an_event(world, hours_ago=20)
    others = Writer(world.other_practitioner, resolve_access(world.other_practitioner, world.other_person.pk))
    services.record_event(others, kind=CrisisEvent.Kind.DISCHARGE, happened_at=first.happened_at, now=NOW)
    assert waiting_now(world) == 2
    staff = as_(world, world.practitioner)
    services.record_follow_up(staff, second, contacted_at=NOW - timedelta(hours=1), how="phone", reached=True, now=NOW)
    assert waiting_now(world) == 1


def an_event(world, hours_ago=30, kind=CrisisEvent.Kind.DISCHARGE):
    return services.record_event(
        as_(world, world.practitioner), kind=kind, happened_at=NOW - timedelta(hours=hours_ago), now=NOW
    )


def test_contact_is_due_72_hours_after_and_only_a_conversation_counts(world):
    event = an_event(world, hours_ago=30)
    assert event.follow_up_by == NOW + timedelta(hours=42)
    staff = as_(world, world.practitioner)
    services.record_follow_up(staff, event, contacted_at=NOW - timedelta(hours=2), how="phone", reached=False, now=NOW)
    assert waiting_now(world) == 1, "a message left is not contact"
    services.record_follow_up(staff, event, contacted_at=NOW - timedelta(hours=1), how="phone", reached=True, now=NOW)
    assert waiting_now(world) == 0
    [found] = events_of(world.person)
    assert found.was_reached and found.in_time


def test_only_the_care_team_records_and_the_dates_must_make_sense(world):
    with pytest.raises(services.FollowUpError):
        services.record_event(as_(world, world.person.user), kind="discharge", happened_at=NOW, now=NOW)
    with pytest.raises(services.FollowUpError):
        services.record_event(
            as_(world, world.practitioner), kind="discharge", happened_at=NOW + timedelta(hours=1), now=NOW
        )
    event = an_event(world)
    with pytest.raises(services.FollowUpError):
        services.record_follow_up(
            as_(world, world.practitioner),
            event,
            contacted_at=event.happened_at - timedelta(minutes=1),
            how="phone",
            reached=True,
            now=NOW,
        )
    assert FollowUp.objects.count() == 0 and CrisisEvent.objects.count() == 1


def test_they_are_history_the_database_refuses_to_change(world):
    event = an_event(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        CrisisEvent.objects.filter(pk=event.pk).update(where="Changed")


def page(world):
    return reverse("crisis_follow_up", kwargs={"person_id": world.person.pk})


def test_the_care_team_records_an_event_and_contact_from_the_page_each_audited(client, world):
    client.force_login(world.practitioner)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            page(world),
            {
                "form": "event",
                "kind": "crisis_contact",
                "happened_on": "20/11/2026",
                "happened_time": "2:30am",
                "where": "Crisis team",
            },
        )
        assert response.status_code == 302
        event = CrisisEvent.objects.get()
        assert event.happened_at == datetime(2026, 11, 20, 2, 30, tzinfo=LONDON) and event.where == "Crisis team"
        response = client.post(
            page(world),
            {
                "form": "follow_up",
                "event": event.pk,
                "contacted_on": "20/11/2026",
                "contacted_time": "11:00",
                "how": "visit",
                "reached": "yes",
            },
        )
        assert response.status_code == 302
        text = client.get(page(world)).content.decode()
    assert "Spoken with within 72 hours" in text
    assert AuditEvent.objects.filter(object_type__in=["crisis_event", "follow_up"], action="create").count() == 2


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": ""}, "Choose what happened"),
        ({"happened_on": "31/11/2026"}, "Enter the date as day/month/year"),
        ({"happened_time": "25:00"}, "Enter the time as 14:30 or 2:30pm"),
        ({"happened_on": "21/11/2026"}, "The date and time cannot be in the future"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, world, data, error):
    client.force_login(world.practitioner)
    good = {"form": "event", "kind": "discharge", "happened_on": "19/11/2026", "happened_time": "10:00"}
    with time_machine.travel(NOW, tick=False):
        response = client.post(page(world), {**good, **data})
    assert response.status_code == 422 and error in response.content.decode()
    assert not CrisisEvent.objects.exists()


def test_contact_for_another_persons_event_is_refused(client, world):
    other = services.record_event(
        Writer(world.other_practitioner, resolve_access(world.other_practitioner, world.other_person.pk)),
        kind="discharge",
        happened_at=NOW - timedelta(hours=3),
        now=NOW,
    )
    client.force_login(world.practitioner)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            page(world),
            {
                "form": "follow_up",
                "event": other.pk,
                "contacted_on": "20/11/2026",
                "contacted_time": "11:00",
                "how": "phone",
                "reached": "yes",
            },
        )
    assert response.status_code == 422 and not FollowUp.objects.exists()


def test_the_person_reads_what_was_recorded_and_cannot_record(client, world):
    event = an_event(world, hours_ago=80)
    client.force_login(world.person.user)
    with time_machine.travel(NOW, tick=False):
        text = client.get(page(world)).content.decode()
        assert "Leaving hospital" in text and "Record a crisis contact" not in text
        assert "has not spoken with you since" in text
        response = client.post(page(world), {"form": "event", "kind": "discharge"})
    assert response.status_code in (404, 422) and CrisisEvent.objects.filter(pk=event.pk).count() == 1
    assert CrisisEvent.objects.count() == 1


def test_outsiders_get_404_and_the_refusal_is_audited(client, world):
    an_event(world)
    for user in world.outsiders().values():
        client.force_login(user)
        assert client.get(page(world)).status_code == 404
    assert AuditEvent.objects.filter(object_type="crisis_follow_up", action="denied").count() == len(world.outsiders())


def test_the_caseload_flags_people_nobody_has_reached(client, world):
    an_event(world, hours_ago=5)
    client.force_login(world.practitioner)
    with time_machine.travel(NOW, tick=False):
        text = client.get(reverse("caseload")).content.decode()
    assert "Nobody reached yet" in text


def test_the_flag_stays_until_someone_has_spoken_with_them_however_long_ago(world):
    an_event(world, hours_ago=24 * 40)
    assert waiting_now(world) == 1


def test_an_event_recorded_in_error_stays_with_why_and_is_no_longer_flagged_or_counted(client, world):
    from safeplan.followup.measures import MEASURES
    from safeplan.people.measures import ORGANISATION, last_months

    event = an_event(world, hours_ago=100)
    client.force_login(world.practitioner)
    with time_machine.travel(NOW, tick=False):
        response = client.post(page(world), {"form": "in_error", "event": event.pk, "why": ""})
        assert response.status_code == 422 and "Say why it was recorded in error" in response.content.decode()
        response = client.post(page(world), {"form": "in_error", "event": event.pk, "why": "Saved twice"})
        assert response.status_code == 302
        text = client.get(page(world)).content.decode()
        months = last_months(NOW.date())
        counted = MEASURES[0].counts(world.org, months)
    assert "Recorded in error" in text and "Saved twice" in text
    assert waiting_now(world) == 0
    assert counted.get((ORGANISATION, months[-1].first), (0, 0)) == (0, 0)
    assert CrisisEvent.objects.filter(pk=event.pk).exists()
    with pytest.raises(services.FollowUpError):
        services.record_in_error(as_(world, world.practitioner), event, why="Again")
    with pytest.raises(services.FollowUpError):
        services.record_in_error(as_(world, world.person.user), event, why="Not me")


def test_the_same_event_saved_twice_is_refused(world):
    an_event(world, hours_ago=5)
    with pytest.raises(services.FollowUpError):
        an_event(world, hours_ago=5)
    assert CrisisEvent.objects.count() == 1


def test_team_leads_are_told_once_when_nobody_is_reached_in_72_hours_without_a_name(world):
    from django.core import mail

    from safeplan.followup.reminders import send_overdue_reminders

    world.lead.email, world.practitioner.email = "lead@example.invalid", "p@example.invalid"
    world.lead.save()
    world.practitioner.save()
    late = an_event(world, hours_ago=80)
    an_event(world, hours_ago=10, kind=CrisisEvent.Kind.CRISIS_CONTACT)  # not 72 hours yet
    assert send_overdue_reminders(NOW).sent == 1
    [message] = mail.outbox
    assert message.to == ["lead@example.invalid"]
    assert "72 hours" in message.body and world.person.full_name not in message.body + message.subject
    assert send_overdue_reminders(NOW).sent == 0 and len(mail.outbox) == 1  # once only
    services.record_in_error(as_(world, world.practitioner), late, why="Wrong person")
    assert send_overdue_reminders(NOW + timedelta(days=1)).already == 0 and len(mail.outbox) == 1
