"""Browser journey: a practitioner starts a plan with a person; the person, on a phone, writes in their own words
and adds a differing view beside the care team's; both sign; the version is agreed; the comparison shows what
changed after. Two browsers, as two people would use it. Every page passes axe."""

import time

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.plans.models import PlanVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


class Journey(BrowserJourney):
    def __init__(self, chromium, live_server):
        super().__init__(chromium, live_server)
        self.pages_seen: list[str] = []
        self.clicks_to_start = 0

    def check(self, page):
        self.pages_seen.append(page.title())
        assert_accessible(page)

    # When
    def when_the_practitioner_starts_a_plan_with_the_person(self):
        self.staff = self.browser({"width": 1100, "height": 900})
        self.sign_in(self.staff, "priya")
        expect(self.staff).to_have_title("Your caseload – safeplan")
        started = time.monotonic()
        steps = [
            self.staff.get_by_role("link", name="Sasha Whitlock"),
            self.staff.get_by_role("link", name="Start a plan with Sash, or see all plans"),
            self.staff.get_by_label("My risk and safety plan"),
            self.staff.get_by_role("button", name="Start the plan"),
        ]
        for step in steps:
            self.go(step)
            self.clicks_to_start += 1
        self.seconds_to_start = time.monotonic() - started
        expect(self.staff).to_have_title("My risk and safety plan – safeplan")
        expect(self.staff.get_by_text("You started “My risk and safety plan”")).to_be_visible()
        self.check(self.staff)

    def when_the_practitioner_writes_the_care_teams_view(self):
        self.go(self.staff.get_by_role("link", name="Add to: What does your care team think has helped you"))
        self.check(self.staff)
        self.staff.get_by_label("The care team's view").check()
        self.staff.get_by_label("Your words").fill("Keeping to the medication plan.")
        self.go(self.staff.get_by_role("button", name="Save"))
        expect(self.staff.get_by_text("Added to the plan.")).to_be_visible()

    def when_the_person_writes_in_their_own_words_on_a_phone(self):
        self.phone = self.browser(PHONE)
        self.sign_in(self.phone, "sasha")
        self.go(self.phone.get_by_role("link", name="Your plans").first)
        expect(self.phone).to_have_title("Your plans – safeplan")
        self.check(self.phone)
        self.go(self.phone.get_by_role("link", name="My risk and safety plan"))
        self.check(self.phone)
        self.go(self.phone.get_by_role("link", name="Add to: What helps you stay well from day to day?"))
        expect(self.phone.get_by_role("heading", level=1)).to_have_text("What helps you stay well from day to day?")
        self.check(self.phone)
        self.phone.get_by_label("Your words").fill("Swimming on Tuesdays, and my cat.")
        self.go(self.phone.get_by_role("button", name="Save"))
        expect(self.phone.get_by_text("Swimming on Tuesdays, and my cat.")).to_be_visible()
        self.go(self.phone.get_by_role("link", name="Add to: Is there anyone you do not want us to contact?"))
        self.check(self.phone)
        self.go(self.phone.get_by_role("button", name="Save"))  # nothing filled in: a clear error
        expect(self.phone).to_have_title("Error: Is there anyone you do not want us to contact? – safeplan")
        self.check(self.phone)
        self.phone.get_by_label("Name").fill("Lee Whitlock")
        self.phone.get_by_label("Why not").fill("It makes things worse.")
        self.go(self.phone.get_by_role("button", name="Save"))
        expect(self.phone.get_by_text("Lee Whitlock")).to_be_visible()

    def when_the_person_adds_a_different_view_beside_the_care_teams(self):
        self.go(self.phone.get_by_role("link", name="Add a different view beside this entry by Care team"))
        self.check(self.phone)
        self.phone.get_by_label("Your view").fill("Talking to my sister helps more than tablets.")
        self.go(self.phone.get_by_role("button", name="Save"))
        expect(self.phone.get_by_text("Your view is beside the original.")).to_be_visible()
        self.check(self.phone)

    def when_the_person_puts_it_forward_and_signs(self):
        self.go(self.phone.get_by_role("button", name="Put forward for agreement"))
        expect(self.phone).to_have_title("Version 1 of My risk and safety plan – safeplan")
        self.check(self.phone)
        self.then_signing_comes_after_reading(self.phone)
        self.go(self.phone.get_by_role("button", name="Sign version 1"))
        expect(self.phone.get_by_text("You signed version 1.")).to_be_visible()

    def when_the_practitioner_signs(self):
        self.staff.reload()
        self.go(self.staff.get_by_role("link", name="Read and sign version 1"))
        self.check(self.staff)
        self.go(self.staff.get_by_role("button", name="Sign version 1"))

    def when_the_practitioner_changes_the_care_teams_words_after_agreement(self):
        self.go(self.staff.get_by_role("link", name="Back to the plan"))
        self.go(self.staff.get_by_role("link", name="Change this entry by Care team"))
        self.check(self.staff)
        self.staff.get_by_label("Your words").fill("Keeping to the medication plan, and weekly calls.")
        self.go(self.staff.get_by_role("button", name="Save"))
        expect(self.staff.get_by_text("has changed since version 1 was agreed")).to_be_visible()

    # Then
    def then_signing_comes_after_reading(self, page):
        """On a phone the sign button comes after the whole version; a link at the top jumps to it."""
        expect(page.get_by_role("link", name="Read version 1 below, then sign it at the end")).to_be_visible()
        last_section = page.locator("section.safeplan-section").last.bounding_box()
        button = page.get_by_role("button", name="Sign version 1").bounding_box()
        assert last_section is not None and button is not None
        assert button["y"] >= last_section["y"] + last_section["height"]

    def then_the_version_is_agreed(self):
        expect(self.staff.get_by_text("Version 1 is agreed.")).to_be_visible()
        self.check(self.staff)
        version = PlanVersion.objects.get()
        assert version.agreed_at is not None
        assert {s.role for s in version.signatures.all()} == {"person", "practitioner"}
        self.phone.reload()
        expect(self.phone.get_by_text("agreed with you on")).to_be_visible()
        self.check(self.phone)

    def then_the_views_stand_side_by_side(self):
        self.go(self.phone.get_by_role("link", name="Back to the plan"))
        pair = self.phone.locator(".safeplan-side-by-side", has_text="Keeping to the medication plan.")
        expect(pair).to_contain_text("Talking to my sister helps more than tablets.")
        expect(pair).to_contain_text("Care team's view")
        expect(pair).to_contain_text("Sash's view")

    def then_the_comparison_shows_the_change_and_who_made_it(self):
        self.go(self.phone.get_by_role("link", name="What has changed"))
        expect(self.phone.locator(".safeplan-change--changed")).to_contain_text("weekly calls")
        expect(self.phone.locator(".safeplan-change--changed")).to_contain_text("Changed by Priya Natarajan")
        self.check(self.phone)


def test_a_plan_is_co_produced_and_agreed_from_two_browsers(chromium, live_server):
    journey = Journey(chromium, live_server)
    journey.given_a_practitioner_and_a_person_on_their_caseload()
    journey.when_the_practitioner_starts_a_plan_with_the_person()
    journey.when_the_practitioner_writes_the_care_teams_view()
    journey.when_the_person_writes_in_their_own_words_on_a_phone()
    journey.when_the_person_adds_a_different_view_beside_the_care_teams()
    journey.when_the_person_puts_it_forward_and_signs()
    journey.when_the_practitioner_signs()
    journey.then_the_version_is_agreed()
    journey.then_the_views_stand_side_by_side()
    journey.when_the_practitioner_changes_the_care_teams_words_after_agreement()
    journey.then_the_comparison_shows_the_change_and_who_made_it()
    journey.close()
    # Reported in the closing note: record, plans, choose the plan, start.
    print(f"\nStarting a plan: {journey.clicks_to_start} clicks, {journey.seconds_to_start:.1f}s in the browser")
