"""Browser journey: a practitioner and a person build a harm-minimisation plan with two catalogue techniques and one
of the person's own; the person records check-ins on a phone; the practitioner sees only the shared ones in the
chart. Every page passes axe; nothing leaves the machine."""

import re

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.harm.models import CheckIn, Technique

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_TITLE = "My plan for staying safer when I self-harm"
ADD_TECHNIQUE = re.compile(r"^Add( more)? to: What helps you stay safer when the urge comes\?$")


class Journey(BrowserJourney):
    # Given
    def given_a_practitioner_a_person_and_a_service_that_endorses_ice_and_hitting_something_soft(self):
        care = self.given_a_practitioner_and_a_person_on_their_caseload()
        Technique.objects.filter(organisation=care.team.organisation, key__in=["ice", "hitting-soft"]).update(
            endorsed=True
        )

    # When
    def when_the_practitioner_starts_the_plan_and_adds_two_catalogue_techniques(self):
        self.staff = self.browser({"width": 1100, "height": 900})
        self.sign_in(self.staff, "priya")
        self.go(self.staff.get_by_role("link", name="Sasha Whitlock"))
        self.go(self.staff.get_by_role("link", name="Start a plan with Sash, or see all plans"))
        self.staff.get_by_label(PLAN_TITLE).check()
        self.go(self.staff.get_by_role("button", name="Start the plan"))
        expect(self.staff).to_have_title(f"{PLAN_TITLE} – safeplan")
        assert_accessible(self.staff)
        self.plan_url = self.staff.url
        for technique in ("Holding ice", "Hitting something soft"):
            self.go(self.staff.get_by_role("link", name=ADD_TECHNIQUE))
            assert_accessible(self.staff)
            self.staff.get_by_label(technique, exact=True).check()
            self.staff.get_by_label("Yes").check()
            self.go(self.staff.get_by_role("button", name="Save"))
            expect(self.staff.get_by_text("Added to the plan.")).to_be_visible()
        expect(self.staff.get_by_text("Recommended by your service")).to_have_count(2)

    def when_the_person_adds_their_own_technique_on_a_phone(self):
        self.phone = self.browser({"width": 390, "height": 844})
        self.sign_in(self.phone, "sasha")
        self.go(self.phone.get_by_role("link", name="Your plans").first)
        self.go(self.phone.get_by_role("link", name=PLAN_TITLE))
        assert_accessible(self.phone)
        self.go(self.phone.get_by_role("link", name=ADD_TECHNIQUE))
        self.phone.get_by_label("My own technique").check()
        self.phone.get_by_label("If it is your own, what do you call it?").fill("A cold shower")
        self.go(self.phone.get_by_role("button", name="Save"))
        expect(self.phone.get_by_text("Your own technique")).to_be_visible()
        assert_accessible(self.phone)

    def when_the_person_records_check_ins_sharing_one(self):
        self.go(self.phone.get_by_role("link", name="Check-ins: what has helped"))
        expect(self.phone).to_have_title("Your check-ins – safeplan")
        assert_accessible(self.phone)
        for technique, helped, share in [
            ("Holding ice", "It helped a lot", True),
            ("A cold shower", "It helped a little", False),
        ]:
            self.phone.get_by_label(technique, exact=True).check()
            self.phone.get_by_label(helped).check()
            if share:
                self.phone.get_by_label("Share this check-in with my care team").check()
            self.go(self.phone.get_by_role("button", name="Save check-in"))
            expect(self.phone.get_by_text("Your check-in is saved.")).to_be_visible()
        assert_accessible(self.phone)

    # Then
    def then_the_practitioner_sees_only_the_shared_check_in_in_the_chart(self):
        self.staff.goto(self.plan_url)
        self.go(self.staff.get_by_role("link", name="Check-ins: what has helped"))
        expect(self.staff).to_have_title("Check-ins Sash shared – safeplan")
        expect(self.staff.get_by_role("heading", name="Holding ice")).to_be_visible()
        expect(self.staff.locator("svg.safeplan-chart rect")).to_have_count(1)
        self.and_a_sentence_above_the_chart_says_what_it_shows(
            "Sash has checked in once about Holding ice: it helped a lot."
        )
        expect(self.staff.get_by_role("heading", name="A cold shower")).to_have_count(0)
        assert_accessible(self.staff)
        assert CheckIn.objects.count() == 2 and CheckIn.objects.filter(shared=True).count() == 1

    def and_a_sentence_above_the_chart_says_what_it_shows(self, sentence: str):
        words = self.staff.locator("p").get_by_text(sentence, exact=True)
        chart = self.staff.locator("svg.safeplan-chart")
        expect(words).to_be_visible()
        expect(chart).to_have_accessible_name(sentence)
        expect(chart.get_by_text("did not help")).to_have_count(1)
        expect(chart.get_by_text("helped completely")).to_have_count(1)
        words_box, chart_box = words.bounding_box(), chart.bounding_box()
        assert words_box and chart_box and words_box["y"] + words_box["height"] <= chart_box["y"]


def test_a_harm_minimisation_plan_is_built_together_and_check_ins_are_shared_by_choice(chromium, live_server):
    journey = Journey(chromium, live_server)
    journey.given_a_practitioner_a_person_and_a_service_that_endorses_ice_and_hitting_something_soft()
    journey.when_the_practitioner_starts_the_plan_and_adds_two_catalogue_techniques()
    journey.when_the_person_adds_their_own_technique_on_a_phone()
    journey.when_the_person_records_check_ins_sharing_one()
    journey.then_the_practitioner_sees_only_the_shared_check_in_in_the_chart()
    journey.close()
