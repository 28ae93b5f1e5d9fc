"""Training and policies: a team lead sees and records their own teams' training, oversight the whole organisation's,
a practitioner only their own (and sees what is due on their caseload page); every member of staff reads the
policies, only oversight records them; and the daily job reminds each member of staff once of a refresher due."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from safeplan.core.models import SentReminder
from safeplan.oversight import training
from safeplan.oversight.models import Course, PolicyStatement, TrainingRecord
from safeplan.oversight.reminders import send_training_reminders
from safeplan.people.tests.conftest import World

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def world(db) -> World:
    return World()


def done(world, user, course=Course.HARM_MINIMISATION, on=date(2024, 1, 10), years=3):
    return training.record(
        world.org,
        world.lead,
        user=user,
        course=course,
        completed_on=on,
        with_lived_experience=True,
        refresh_years=years,
    )


def get(client, user, name="training"):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse(name))


def test_a_refresher_falls_due_after_three_years_by_default(world):
    record = done(world, world.practitioner, on=date(2023, 11, 1))
    assert record.refresh_on == date(2026, 11, 1)
    [_, status] = [(o, s) for o, s in training.due_for(world.practitioner) if s.course == Course.HARM_MINIMISATION][0]
    assert status.state == "overdue" and status.words == "Refresher overdue since 1 November 2026"


def test_the_team_lead_sees_their_teams_training_only_and_records_a_course(client, world):
    done(world, world.practitioner)
    page = get(client, world.lead).content.decode()
    assert str(world.practitioner) in page and str(world.other_practitioner) not in page
    client.force_login(world.lead)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("training"),
            {
                "user": world.practitioner.pk,
                "course": Course.SAFETY_PLANNING,
                "completed_on": "3/11/2026",
                "refresh_years": "3",
            },
        )
    assert response.status_code == 302
    assert TrainingRecord.objects.filter(user=world.practitioner, course=Course.SAFETY_PLANNING).exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"completed_on": "3/11/2027"}, "The date cannot be in the future"),
        ({"refresh_years": "9"}, "Enter a whole number of years, from 1 to 5"),
        ({"course": ""}, "Choose the course"),
    ],
)
def test_bad_input_gets_a_clear_error_and_records_nothing(client, world, change, error):
    client.force_login(world.lead)
    data = {"user": world.practitioner.pk, "course": Course.SAFETY_PLANNING, "completed_on": "3/11/2026"}
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("training"), {**data, "refresh_years": "3", **change})
    assert response.status_code == 422 and error in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_a_lead_cannot_record_training_for_another_teams_staff(client, world):
    client.force_login(world.lead)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("training"),
            {"user": world.other_practitioner.pk, "course": Course.SAFETY_PLANNING, "completed_on": "3/11/2026"},
        )
    assert response.status_code == 422 and not TrainingRecord.objects.exists()


def test_oversight_sees_everyone_and_a_practitioner_only_themselves(client, world):
    page = get(client, world.oversight).content.decode()
    assert str(world.practitioner) in page and str(world.other_practitioner) in page
    page = get(client, world.practitioner).content.decode()
    assert "Your training" in page and str(world.other_practitioner) not in page and "Record a course" not in page
    client.force_login(world.practitioner)
    assert client.post(reverse("training"), {"user": world.practitioner.pk}).status_code == 404
    assert get(client, world.person.user).status_code == 404
    assert get(client, world.supporter).status_code == 404


def test_a_practitioner_due_for_training_sees_it_on_their_caseload(client, world):
    done(world, world.practitioner, on=date(2023, 1, 1))
    page = get(client, world.practitioner, "caseload").content.decode()
    assert "Training in harm minimisation for self-harm: refresher overdue since 1 January 2026" in page
    assert "Training in safety planning with the person: not recorded" in page
    for course in (Course.HARM_MINIMISATION, Course.POSITIVE_RISK, Course.SAFETY_PLANNING):
        done(world, world.practitioner, course=course, on=date(2026, 6, 1))
    assert "Training in" not in get(client, world.practitioner, "caseload").content.decode()


def test_every_member_of_staff_reads_the_policies_and_only_oversight_records_them(client, world):
    data = {
        "kind": PolicyStatement.Kind.POSITIVE_RISK,
        "title": "Living with risk",
        "summary": "We back staff who decide with people.",
        "approved_on": "1/3/2026",
        "review_on": "1/3/2028",
    }
    client.force_login(world.practitioner)
    assert client.post(reverse("policies"), data).status_code == 404
    client.force_login(world.oversight)
    with time_machine.travel(NOW, tick=False):
        assert client.post(reverse("policies"), {**data, "review_on": "1/2/2026"}).status_code == 422
        assert client.post(reverse("policies"), data).status_code == 302
    page = get(client, world.practitioner, "policies").content.decode()
    assert "Living with risk" in page and "Next review 1 March 2028" in page and "Record a new version" not in page
    assert get(client, world.person.user, "policies").status_code == 404


def test_the_daily_job_reminds_each_member_of_staff_once_of_a_refresher_due(world):
    world.practitioner.email = "practitioner@example.invalid"
    world.practitioner.save()
    done(world, world.practitioner, on=date(2023, 12, 10))  # due 10 December 2026: within a month
    done(world, world.practitioner, course=Course.POSITIVE_RISK, on=date(2025, 1, 1))  # not for two years
    outcome = send_training_reminders(date(2026, 11, 20))
    assert outcome.sent == 1 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["practitioner@example.invalid"]
    assert "harm minimisation for self-harm is due on 10 December 2026" in message.body
    again = send_training_reminders(date(2026, 11, 21))
    assert again.sent == 0 and again.already == 1 and len(mail.outbox) == 1
    assert SentReminder.objects.filter(kind="training_due").count() == 1
