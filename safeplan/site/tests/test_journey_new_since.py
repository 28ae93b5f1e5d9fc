"""Browser journey: the care team adds to the person's crisis plan; the person signs in, reads what is new since they
last looked, presses "I've seen these", and later sees only what came after. Every page passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.people.tests.conftest import World
from safeplan.people.tests.factories import PASSWORD
from safeplan.site.tests.test_your_record import add_contacts, start_crisis_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Journey:
    def __init__(self, page, live_server):
        self.page, self.base = page, live_server.url

    # Given
    def given_the_care_team_has_added_to_the_persons_crisis_plan(self):
        self.world = World()
        self.plan = start_crisis_plan(self.world)
        add_contacts(self.world, self.plan, 3)

    # When
    def when_the_person_signs_in(self):
        self.page.goto(self.base + reverse("login"))
        self.page.get_by_label("Username").fill(self.world.person.user.username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page).to_have_title("Your record – safeplan")

    def when_they_say_they_have_seen_these(self):
        self.page.get_by_role("button", name="I’ve seen these").click()
        expect(self.page.get_by_text("Nothing new since you last looked.")).to_be_visible()
        assert_accessible(self.page)

    def when_the_care_team_adds_another_contact(self):
        add_contacts(self.world, self.plan, 1)
        self.page.reload()

    # Then
    def then_they_see_who_changed_what_in_one_line(self):
        news = self.page.locator("#new-since + ul")
        who = f"{self.world.practitioner} (practitioner)"
        expect(news).to_contain_text(f"{who} started a plan and added 3 things to it")
        assert news.locator("li").count() == 1
        assert_accessible(self.page)

    def then_only_the_new_contact_is_new(self):
        news = self.page.locator("#new-since + ul")
        expect(news).to_contain_text(f"{self.world.practitioner} (practitioner) added to your plan")
        assert "started a plan" not in news.inner_text()
        assert_accessible(self.page)


def test_the_person_reads_what_is_new_and_marks_it_seen(page, live_server):
    journey = Journey(page, live_server)
    journey.given_the_care_team_has_added_to_the_persons_crisis_plan()
    journey.when_the_person_signs_in()
    journey.then_they_see_who_changed_what_in_one_line()
    journey.when_they_say_they_have_seen_these()
    journey.when_the_care_team_adds_another_contact()
    journey.then_only_the_new_contact_is_new()
    assert all(url.startswith("https://assets.nhs.uk") for url in page.context.guard.blocked)
