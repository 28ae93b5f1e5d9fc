"""Browser journey: a practitioner finds a person on their caseload and opens the record; the person then sees
that visit in "Who has looked at your record". Every page passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.people.tests.factories import PASSWORD, CareRelationshipFactory, StaffRoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Journey:
    def __init__(self, page, live_server):
        self.page, self.base = page, live_server.url
        self.pages_seen: list[str] = []

    def check_page(self):
        self.pages_seen.append(self.page.title())
        assert_accessible(self.page)

    # Given
    def given_a_practitioner_and_a_person_on_their_caseload(self):
        care = CareRelationshipFactory(person__full_name="Sasha Whitlock", person__preferred_name="Sash")
        self.person = care.person
        self.person.user = UserFactory(username="sasha", display_name="Sasha Whitlock")
        self.person.save()
        role = StaffRoleFactory(
            team=care.team,
            organisation=care.team.organisation,
            user__username="priya",
            user__display_name="Priya Natarajan",
        )
        self.practitioner = role.user
        CareRelationshipFactory(team=care.team, person__full_name="Jamie Marsh")

    # When
    def when_they_sign_in(self, username):
        self.page.goto(self.base + reverse("login"))
        self.check_page()
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def when_the_practitioner_searches_their_caseload_and_opens_the_record(self):
        expect(self.page).to_have_title("Your caseload – safeplan")
        self.check_page()
        self.page.get_by_label("Search your caseload").fill("whitlock")
        self.page.get_by_role("button", name="Search").click()
        expect(self.page.get_by_text("People matching your search")).to_be_visible()
        self.check_page()
        assert self.page.get_by_role("link", name="Jamie Marsh").count() == 0
        self.page.get_by_role("link", name="Sasha Whitlock").click()

    def when_they_sign_out(self):
        self.page.get_by_role("button", name="Sign out").click()
        expect(self.page.get_by_text("You have signed out.")).to_be_visible()
        self.check_page()

    # Then
    def then_the_record_shows_the_person(self):
        expect(self.page).to_have_title("Sash's record – safeplan")
        assert self.page.get_by_role("heading", level=1).inner_text().startswith("Sasha Whitlock")
        self.check_page()

    def then_the_person_sees_the_practitioners_visit(self):
        expect(self.page).to_have_title("Your record – safeplan")
        log = self.page.locator("table", has_text="Priya Natarajan")
        assert log.count() == 1
        assert "Looked at your record" in log.inner_text()
        assert "Providing care" in log.inner_text()
        self.check_page()


def test_practitioner_opens_a_record_and_the_person_sees_who_looked(page, live_server):
    journey = Journey(page, live_server)
    journey.given_a_practitioner_and_a_person_on_their_caseload()
    journey.when_they_sign_in("priya")
    journey.when_the_practitioner_searches_their_caseload_and_opens_the_record()
    journey.then_the_record_shows_the_person()
    journey.when_they_sign_out()
    journey.when_they_sign_in("sasha")
    journey.then_the_person_sees_the_practitioners_visit()
    assert all(url.startswith("https://assets.nhs.uk") for url in page.context.guard.blocked)
