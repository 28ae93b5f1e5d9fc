"""What every multi-browser journey needs: browsers of a given size behind the loopback guard, signing in, and
following a link or button until the next page has loaded."""

from django.urls import reverse

from conftest import BrowserGuard
from safeplan.people.tests.factories import PASSWORD, CareRelationshipFactory, StaffRoleFactory, UserFactory


class BrowserJourney:
    def __init__(self, chromium, live_server):
        self.chromium, self.base = chromium, live_server.url
        self.guard = BrowserGuard()
        self.contexts: list = []

    def browser(self, viewport: dict):
        """A new browser (its own cookies) whose every non-loopback request is aborted."""
        context = self.chromium.new_context(viewport=viewport)
        context.route("**/*", self.guard.route)
        self.contexts.append(context)
        return context.new_page()

    def go(self, locator) -> None:
        locator.click()
        locator.page.wait_for_load_state()

    def nav(self, page, name: str) -> None:
        """Follow a link in the header's navigation; on a narrow page the NHS header folds the last links under
        "More", so open that first when the link is not on show."""
        link = page.locator("header").get_by_role("link", name=name)
        if not link.is_visible():
            page.locator("header").get_by_role("button", name="More").click()
        self.go(link)

    def sign_in(self, page, username: str) -> None:
        page.goto(self.base + reverse("login"))
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        self.go(page.get_by_role("button", name="Sign in"))

    def given_a_practitioner_and_a_person_on_their_caseload(self):
        """Priya (practitioner) and Sasha Whitlock, who likes to be called Sash and signs in as `sasha`."""
        care = CareRelationshipFactory(person__full_name="Sasha Whitlock", person__preferred_name="Sash")
        self.person = care.person
        self.person.user = UserFactory(username="sasha", display_name="Sasha Whitlock")
        self.person.save()
        StaffRoleFactory(
            team=care.team,
            organisation=care.team.organisation,
            user__username="priya",
            user__display_name="Priya Natarajan",
        )
        return care

    def close(self) -> None:
        for context in self.contexts:
            context.close()
