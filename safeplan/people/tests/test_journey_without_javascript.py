"""Every journey works without JavaScript: sign in, search the caseload, open a record, sign out.
(axe needs JavaScript, so the accessibility checks are in the other journeys.)"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from safeplan.people.tests.factories import PASSWORD, CareRelationshipFactory, StaffRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_can_do_everything_with_javascript_turned_off(chromium, live_server):
    care = CareRelationshipFactory(person__full_name="Robin Haldane")
    StaffRoleFactory(team=care.team, organisation=care.team.organisation, user__username="sam")
    context = chromium.new_context(java_script_enabled=False)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_title("Your caseload – safeplan")
        page.get_by_label("Search your caseload").fill("haldane")
        page.get_by_role("button", name="Search").click()
        page.get_by_role("link", name="Robin Haldane").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Haldane")
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You have signed out.")).to_be_visible()
    finally:
        context.close()
