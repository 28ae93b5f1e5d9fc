"""Reminders of plan reviews coming due: two weeks ahead, once to each practitioner and team lead of the teams caring
for the person, never naming them; a job run twice tells nobody twice; a send that fails is tried again."""

from datetime import date
from unittest import mock

import pytest
from django.core import mail

from safeplan.core import notify
from safeplan.people.tests.conftest import World
from safeplan.plans.reminders import send_review_reminders
from safeplan.plans.tasks import remind_of_reviews
from safeplan.site import history
from safeplan.site.history import Rows

TODAY = date(2026, 11, 20)


@pytest.fixture
def world(db) -> World:
    found = World()
    for user, address in [(found.practitioner, "p@example.invalid"), (found.lead, "l@example.invalid")]:
        user.email = address
        user.save()
    found.other_practitioner.email = "other@example.invalid"
    found.other_practitioner.save()
    return found


def a_plan(world, *, due: date, later: date | None = None):
    rows = Rows()
    made = history.plan(rows, world.person, world.practitioner, date(2026, 1, 5))
    history.version(rows, made, world.practitioner, 1, agreed=date(2026, 5, 1), review_due=due)
    if later:
        history.version(rows, made, world.practitioner, 2, agreed=later, review_due=date(2027, 5, 1))
    rows.save()


def test_the_caring_team_is_told_two_weeks_ahead_without_the_persons_name(world):
    a_plan(world, due=date(2026, 12, 1))
    outcome = send_review_reminders(TODAY)
    assert outcome.sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["l@example.invalid", "p@example.invalid"]
    for message in mail.outbox:
        assert "A plan review is due on 1 December 2026 for someone your team cares for." in message.body
        assert world.person.full_name not in message.body + message.subject
        assert world.person.nhs_number not in message.body


def test_nothing_for_reviews_further_off_or_already_done(world):
    a_plan(world, due=date(2026, 12, 10))  # three weeks off
    a_plan(world, due=date(2026, 11, 25), later=date(2026, 11, 1))  # reviewed early: a newer version agreed
    assert send_review_reminders(TODAY).sent == 0 and not mail.outbox


def test_a_second_run_tells_nobody_twice_and_a_failed_send_is_tried_again(world):
    a_plan(world, due=date(2026, 11, 30))
    with mock.patch.object(notify, "by_email", side_effect=notify.DeliveryFailed("down")):
        assert send_review_reminders(TODAY).failed == 2
    assert send_review_reminders(TODAY).sent == 2
    again = send_review_reminders(TODAY)
    assert again.sent == 0 and again.already == 2 and len(mail.outbox) == 2


def test_the_worker_runs_the_daily_job(world):
    a_plan(world, due=date(2026, 11, 30))
    with mock.patch("safeplan.plans.tasks.timezone.localdate", return_value=TODAY):
        assert remind_of_reviews.call() == 2
