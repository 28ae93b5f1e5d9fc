"""Each measure against a small hand-built data set whose numerators and denominators are known, on both databases.

The people: Ash, cared for by team A all year; Bo, cared for by team A until the end of March and by team B from
April; Cy, cared for by team B from June. Today is Friday 20 November 2026, so the months are December 2025 to
November 2026 and the last one ends today.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Month, last_months
from safeplan.people.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    StaffRoleFactory,
    TeamFactory,
    UserFactory,
)
from safeplan.people.wording import LanguageHintCount
from safeplan.plans.models import Voice
from safeplan.site import history
from safeplan.site.history import Rows

TODAY = datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/London"))


class Year:
    def __init__(self):
        self.org = OrganisationFactory()
        self.a = TeamFactory(organisation=self.org, name="A")
        self.b = TeamFactory(organisation=self.org, name="B")
        self.staff = StaffRoleFactory(team=self.a, organisation=self.org).user
        self.ash = PersonFactory(organisation=self.org, user=UserFactory())
        self.bo = PersonFactory(organisation=self.org, user=UserFactory())
        self.cy = PersonFactory(organisation=self.org, user=UserFactory())
        history.cared_for(self.ash, self.a, date(2025, 6, 1))
        history.cared_for(self.bo, self.a, date(2025, 6, 1), date(2026, 3, 31))
        history.cared_for(self.bo, self.b, date(2026, 4, 1))
        history.cared_for(self.cy, self.b, date(2026, 6, 1))
        # Someone in another organisation, counted nowhere here.
        elsewhere = PersonFactory(user=UserFactory())
        history.cared_for(elsewhere, TeamFactory(organisation=elsewhere.organisation), date(2025, 6, 1))
        self.elsewhere = elsewhere
        self.rows = Rows()
        self.months = last_months(TODAY.date())

    def counts(self, key: str):
        self.rows.save()
        measure = next(m for m in measures() if m.key == key)
        with time_machine.travel(TODAY, tick=False):
            found = measure.counts(self.org, self.months)
        return lambda scope, month: found.get((scope, date(*month, 1)), (0, 0))  # a team with nobody counted: none


@pytest.fixture
def year(db) -> Year:
    return Year()


def test_the_months_are_the_last_twelve_and_the_last_ends_today():
    months = last_months(date(2026, 11, 20))
    assert months[0] == Month(date(2025, 12, 1), date(2025, 12, 31))
    assert months[-1] == Month(date(2026, 11, 1), date(2026, 11, 20))
    assert len(months) == 12


def test_plans_agreed_counts_only_versions_the_person_signed_by_team_and_month(year):
    ash_plan = history.plan(year.rows, year.ash, year.staff, date(2026, 2, 10))
    history.version(year.rows, ash_plan, year.staff, 1, agreed=date(2026, 3, 5))
    bo_plan = history.plan(year.rows, year.bo, year.staff, date(2026, 2, 15))
    history.version(year.rows, bo_plan, year.staff, 1, agreed=date(2026, 3, 6), person_signs=False)
    history.plan(year.rows, year.cy, year.staff, date(2026, 7, 1))
    other = history.plan(year.rows, year.elsewhere, year.staff, date(2026, 2, 1))
    history.version(year.rows, other, year.staff, 1, agreed=date(2026, 2, 2))
    counts = year.counts("plans_agreed")
    assert counts(ORGANISATION, (2026, 1)) == (0, 0)
    assert counts(ORGANISATION, (2026, 2)) == (0, 2)
    assert counts(ORGANISATION, (2026, 3)) == (1, 2)
    assert counts(year.a.pk, (2026, 3)) == (1, 2)  # Bo was still team A's in March
    assert counts(year.a.pk, (2026, 4)) == (1, 1)
    assert counts(year.b.pk, (2026, 4)) == (0, 1)
    assert counts(ORGANISATION, (2026, 7)) == (1, 3)
    assert counts(year.b.pk, (2026, 7)) == (0, 2)


def test_reviews_on_time_by_the_month_each_review_was_due(year):
    ash_plan = history.plan(year.rows, year.ash, year.staff, date(2026, 1, 5))
    # Due 1 May; reviewed on 28 April: on time, in May.
    history.version(year.rows, ash_plan, year.staff, 1, agreed=date(2026, 1, 6), review_due=date(2026, 5, 1))
    # Due 1 September; reviewed on 20 September: late, in September.
    history.version(year.rows, ash_plan, year.staff, 2, agreed=date(2026, 4, 28), review_due=date(2026, 9, 1))
    # Due 3 March 2027: not counted yet.
    history.version(year.rows, ash_plan, year.staff, 3, agreed=date(2026, 9, 20), review_due=date(2027, 3, 3))
    bo_plan = history.plan(year.rows, year.bo, year.staff, date(2026, 4, 2))
    # Due 10 November, not reviewed: late, in November. Cy's is due 25 November, after today: not yet counted.
    history.version(year.rows, bo_plan, year.staff, 1, agreed=date(2026, 5, 10), review_due=date(2026, 11, 10))
    cy_plan = history.plan(year.rows, year.cy, year.staff, date(2026, 6, 2))
    history.version(year.rows, cy_plan, year.staff, 1, agreed=date(2026, 6, 3), review_due=date(2026, 11, 25))
    counts = year.counts("reviews_on_time")
    assert counts(ORGANISATION, (2026, 5)) == (1, 1)
    assert counts(ORGANISATION, (2026, 9)) == (0, 1)
    assert counts(ORGANISATION, (2026, 11)) == (0, 1)
    assert counts(year.b.pk, (2026, 11)) == (0, 1)
    assert counts(year.a.pk, (2026, 11)) == (0, 0)
    assert sum(counts(ORGANISATION, (m.first.year, m.first.month))[1] for m in year.months) == 3


def test_people_with_an_agreed_crisis_plan_count_only_plans_agreed_with_something_in_their_crisis_part(year):
    crisis = history.plan(year.rows, year.ash, year.staff, date(2026, 1, 5), key="joint-crisis")
    history.entry(year.rows, crisis, year.staff, date(2026, 1, 6), crisis=True)
    history.version(year.rows, crisis, year.staff, 1, agreed=date(2026, 2, 1))
    empty = history.plan(year.rows, year.bo, year.staff, date(2026, 1, 5), key="harm-minimisation")
    history.entry(year.rows, empty, year.staff, date(2026, 1, 6), crisis=False)
    history.version(year.rows, empty, year.staff, 1, agreed=date(2026, 2, 1))
    history.entry(year.rows, empty, year.staff, date(2026, 2, 6), crisis=True)  # after it was agreed
    taken_out = history.plan(year.rows, year.bo, year.staff, date(2026, 1, 5), key="joint-crisis")
    gone = history.entry(year.rows, taken_out, year.staff, date(2026, 1, 6), crisis=True)
    year.rows.revisions.append(
        history.EntryRevision(
            entry=gone,
            number=2,
            fields={},
            removed=True,
            mode="together",
            **history.authored(year.staff, history.at(date(2026, 1, 7))),
        )
    )
    history.version(year.rows, taken_out, year.staff, 1, agreed=date(2026, 2, 1))  # its crisis part was empty
    draft = history.plan(year.rows, year.cy, year.staff, date(2026, 6, 5), key="six-step")
    history.entry(year.rows, draft, year.staff, date(2026, 6, 6), crisis=True)
    history.version(year.rows, draft, year.staff, 1, agreed=None)
    counts = year.counts("crisis_plans")
    assert counts(ORGANISATION, (2026, 1)) == (0, 2)
    assert counts(ORGANISATION, (2026, 2)) == (1, 2)
    assert counts(ORGANISATION, (2026, 6)) == (1, 3)
    assert counts(year.b.pk, (2026, 6)) == (0, 2)


def test_entries_in_the_persons_own_words_by_the_month_written(year):
    made = history.plan(year.rows, year.ash, year.staff, date(2026, 3, 1))
    for voice in (Voice.PERSON, Voice.PERSON, Voice.CARE_TEAM):
        history.entry(year.rows, made, year.staff, date(2026, 3, 2), voice)
    history.entry(year.rows, made, year.staff, date(2026, 4, 2), Voice.CARE_TEAM)
    counts = year.counts("own_words")
    assert counts(ORGANISATION, (2026, 3)) == (2, 3)
    assert counts(year.a.pk, (2026, 3)) == (2, 3)
    assert counts(ORGANISATION, (2026, 4)) == (0, 1)


def test_language_hints_per_care_team_entry_for_the_whole_organisation_only(year):
    made = history.plan(year.rows, year.ash, year.staff, date(2026, 3, 1))
    for _ in range(4):
        history.entry(year.rows, made, year.staff, date(2026, 3, 2), Voice.CARE_TEAM)
    history.entry(year.rows, made, year.staff, date(2026, 3, 2), Voice.PERSON)
    LanguageHintCount.objects.create(organisation=year.org, phrase="manage", month=date(2026, 3, 1), shown=2)
    LanguageHintCount.objects.create(organisation=year.org, phrase="refused", month=date(2026, 3, 1), shown=1)
    LanguageHintCount.objects.create(organisation=year.elsewhere.organisation, phrase="x", month=date(2026, 3, 1))
    counts = year.counts("language_hints")
    assert counts(ORGANISATION, (2026, 3)) == (3, 4)
    measure = next(m for m in measures() if m.key == "language_hints")
    assert not measure.by_team and measure.per == 1000


def test_decisions_that_weighed_later_harms_by_the_month_agreed(year):
    history.decision(year.rows, year.ash, year.staff, date(2026, 5, 3), later_harm=True)
    history.decision(year.rows, year.ash, year.staff, date(2026, 5, 20), later_harm=False)
    history.decision(year.rows, year.cy, year.staff, date(2026, 7, 1), later_harm=True)
    counts = year.counts("later_harms_weighed")
    assert counts(ORGANISATION, (2026, 5)) == (1, 2)
    assert counts(year.b.pk, (2026, 7)) == (1, 1)
    assert counts(year.a.pk, (2026, 7)) == (0, 0)


def test_harm_minimisation_plans_agreed_count_only_that_template(year):
    harm = history.plan(year.rows, year.ash, year.staff, date(2026, 1, 5), key="harm-minimisation")
    history.version(year.rows, harm, year.staff, 1, agreed=date(2026, 2, 1))
    history.plan(year.rows, year.bo, year.staff, date(2026, 1, 5), key="harm-minimisation")
    other = history.plan(year.rows, year.bo, year.staff, date(2026, 1, 5))
    history.version(year.rows, other, year.staff, 1, agreed=date(2026, 2, 1))
    counts = year.counts("harm_plans_agreed")
    assert counts(ORGANISATION, (2026, 1)) == (0, 2)
    assert counts(ORGANISATION, (2026, 2)) == (1, 2)


def test_concerns_acknowledged_and_answered_on_time_by_the_month_received(year):
    rows, staff = year.rows, year.staff
    # Received in June: one acknowledged and answered on time, one acknowledged late and answered late, one never
    # acknowledged (and long past both dates). A compliment is never timed.
    history.concern(rows, year.ash, staff, date(2026, 6, 1), acknowledged=date(2026, 6, 3), answered=date(2026, 6, 20))
    history.concern(rows, year.ash, staff, date(2026, 6, 2), acknowledged=date(2026, 6, 9), answered=date(2026, 7, 30))
    history.concern(rows, year.cy, staff, date(2026, 6, 3))
    history.concern(rows, year.cy, staff, date(2026, 6, 3), kind="compliment")
    # Received on 17 and 18 November: not due yet either way, so not counted, even the one answered already.
    history.concern(rows, year.bo, staff, date(2026, 11, 18))
    history.concern(
        rows, year.bo, staff, date(2026, 11, 17), acknowledged=date(2026, 11, 18), answered=date(2026, 11, 19)
    )
    # Referred on: acknowledged, then answered by someone else; not counted as answered late.
    history.concern(rows, year.ash, staff, date(2026, 6, 4), acknowledged=date(2026, 6, 5), state="referred")
    acknowledged = year.counts("concerns_acknowledged")
    answered = year.counts("concerns_answered")
    assert acknowledged(ORGANISATION, (2026, 6)) == (2, 4)
    assert answered(ORGANISATION, (2026, 6)) == (1, 3)
    assert acknowledged(year.b.pk, (2026, 6)) == (0, 1)
    assert acknowledged(ORGANISATION, (2026, 11)) == (0, 0)
    assert answered(ORGANISATION, (2026, 11)) == (0, 0)


def test_withheld_items_past_review_at_the_end_of_each_month(year):
    history.withholding(year.rows, year.ash, year.staff, date(2026, 2, 1), review_on=date(2026, 5, 1))
    history.withholding(
        year.rows, year.ash, year.staff, date(2026, 2, 1), review_on=date(2026, 4, 1), released=date(2026, 6, 15)
    )
    counts = year.counts("withheld_past_review")
    assert counts(ORGANISATION, (2026, 3)) == (0, 2)
    assert counts(ORGANISATION, (2026, 4)) == (1, 2)  # the second is past its date on 30 April
    assert counts(ORGANISATION, (2026, 5)) == (2, 2)
    assert counts(ORGANISATION, (2026, 6)) == (1, 1)  # released in June


def test_people_with_a_supporter_involved_in_the_month(year):
    history.supporter(year.rows, year.ash, UserFactory(), date(2026, 3, 10), date(2026, 4, 2))
    history.supporter(year.rows, year.cy, UserFactory(), date(2026, 8, 1))
    year.rows.supporters.append(
        history.SupportRelationship(person=year.bo, user=UserFactory(), kind="advocate", started_on=date(2026, 1, 1))
    )
    counts = year.counts("supporters_involved")
    assert counts(ORGANISATION, (2026, 2)) == (0, 2)
    assert counts(ORGANISATION, (2026, 4)) == (1, 2)
    assert counts(ORGANISATION, (2026, 5)) == (0, 2)
    assert counts(ORGANISATION, (2026, 8)) == (1, 3)
    assert counts(year.b.pk, (2026, 8)) == (1, 2)


def test_follow_up_within_72_hours_by_the_month_it_happened(year):
    rows, staff = year.rows, year.staff
    history.crisis_event(rows, year.ash, staff, history.at(date(2026, 5, 3)), reached_after=20)
    history.crisis_event(rows, year.ash, staff, history.at(date(2026, 5, 10)), reached_after=71.9)
    history.crisis_event(rows, year.ash, staff, history.at(date(2026, 5, 20)), reached_after=72.1)  # late
    history.crisis_event(rows, year.cy, staff, history.at(date(2026, 5, 25)))  # before Cy's care began: not counted
    history.crisis_event(rows, year.cy, staff, history.at(date(2026, 7, 25)))  # nobody reached
    # 19 November: the 72 hours have not passed and nobody is reached yet: not counted.
    history.crisis_event(rows, year.bo, staff, history.at(date(2026, 11, 19)))
    counts = year.counts("follow_up_72_hours")
    assert counts(ORGANISATION, (2026, 5)) == (2, 3)
    assert counts(year.b.pk, (2026, 7)) == (0, 1)
    assert counts(ORGANISATION, (2026, 11)) == (0, 0)
