"""Browser journey: emergency access from the practitioner's side, the team lead's review, and the person seeing
it on a phone. Every page passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.people.tests.factories import (
    PASSWORD,
    CareRelationshipFactory,
    StaffRoleFactory,
    SupportRelationshipFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Sasha rang the out-of-hours line in distress and asked us to check their crisis contacts."


@pytest.fixture
def cast():
    care = CareRelationshipFactory(person__full_name="Sasha Whitlock")
    person = care.person
    person.user = UserFactory(username="sasha", display_name="Sasha Whitlock")
    person.save()
    other_team = TeamFactory(organisation=person.organisation, name="Hillside home treatment team")
    StaffRoleFactory(
        team=other_team, organisation=person.organisation, user__username="morgan", user__display_name="Morgan Reyes"
    )
    StaffRoleFactory(
        team=other_team,
        organisation=person.organisation,
        role="team_lead",
        user__username="taylor",
        user__display_name="Taylor Brooks",
    )
    SupportRelationshipFactory(person=person, user__username="casey", relationship="sister")
    return person


def sign_in(page, base, username):
    page.goto(base + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()


def test_emergency_access_is_reviewed_by_the_team_lead_and_seen_by_the_person(page, live_server, cast):
    base = live_server.url
    # Given a practitioner whose team does not care for Sasha
    sign_in(page, base, "morgan")
    # When they open Sasha's record with emergency access
    page.get_by_role("link", name="Emergency access").click()
    expect(page).to_have_title("Emergency access to a record – safeplan")
    assert_accessible(page)
    page.get_by_label("NHS number").fill("123")
    page.get_by_role("button", name="Open the record").click()
    expect(page).to_have_title("Error: Emergency access to a record – safeplan")
    assert_accessible(page)
    page.get_by_label("NHS number").fill(cast.nhs_number)
    page.get_by_label("Why do you need to open this record now?").fill(REASON)
    page.get_by_role("button", name="Open the record").click()
    # Then the record opens with a warning that says how long it lasts
    expect(page.get_by_role("heading", name="Important: Emergency access")).to_be_visible()
    expect(page.get_by_text("It ends in")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # When the team lead reviews it
    sign_in(page, base, "taylor")
    page.get_by_role("link", name="Review emergency access").click()
    expect(page.get_by_text(REASON)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your review").fill("Justified: a crisis call out of hours.")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.get_by_text("Review saved.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Then the supporter sees nothing of the record
    sign_in(page, base, "casey")
    expect(page).to_have_title("People you support – safeplan")
    expect(page.get_by_text("Nothing has been shared with you yet.")).to_be_visible()
    assert cast.nhs_number not in page.content()
    assert_accessible(page)
    sign_out(page)

    # And the person, on a phone, sees the emergency access and the reason
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, base, "sasha")
    expect(page).to_have_title("Your record – safeplan")
    log = page.locator("table", has_text="Morgan Reyes")
    expect(log).to_contain_text("Emergency access")
    expect(log).to_contain_text(REASON)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways on a phone"
    assert_accessible(page)
    assert all(url.startswith("https://assets.nhs.uk") for url in page.context.guard.blocked)
