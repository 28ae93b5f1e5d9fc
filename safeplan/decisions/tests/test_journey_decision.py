"""Browser journey: a practitioner and a person make a shared decision with two options and what each could cost
later, record the person's view, and both sign the agreement. Every page passes axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.decisions.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "Admission or home treatment?"


class Journey(BrowserJourney):
    def when_the_practitioner_starts_a_decision_with_two_options_and_later_harms(self):
        self.staff = self.browser({"width": 1100, "height": 900})
        self.sign_in(self.staff, "priya")
        self.go(self.staff.get_by_role("link", name="Sasha Whitlock"))
        self.go(self.staff.get_by_role("link", name="Shared decisions about taking risks"))
        assert_accessible(self.staff)
        self.staff.get_by_label("What is the decision?").fill(QUESTION)
        self.go(self.staff.get_by_role("button", name="Start"))
        expect(self.staff).to_have_title(f"{QUESTION} – safeplan")
        self.decision_url = self.staff.url
        self.go(self.staff.get_by_role("link", name="Add an option"))
        assert_accessible(self.staff)
        self.staff.get_by_label("What is the option?").fill("Home treatment")
        self.staff.get_by_label("What good could come of it?").fill("Stay at home with the cat; keep working")
        self.go(self.staff.get_by_role("button", name="Add the option"))
        for option, area, words in [
            ("Carry on as now", "Work or study", "Another week off could cost the job"),
            ("Home treatment", "Relationships", "My partner would carry a lot"),
        ]:
            self.go(self.staff.get_by_role("link", name=f"Add what it could cost later for the option {option}"))
            assert_accessible(self.staff)
            self.staff.get_by_label(area).check()
            self.staff.get_by_label("How could it harm it?").fill(words)
            self.staff.get_by_label("Possible").check()
            self.staff.get_by_label("Serious").check()
            self.go(self.staff.get_by_role("button", name="Add it"))
        expect(self.staff.get_by_text("Another week off could cost the job")).to_be_visible()

    def when_the_person_gives_their_view_on_a_phone(self):
        self.phone = self.browser({"width": 390, "height": 844})
        self.sign_in(self.phone, "sasha")
        self.phone.goto(self.decision_url)
        assert_accessible(self.phone)
        self.go(self.phone.get_by_role("link", name="Add your view"))
        assert_accessible(self.phone)
        self.phone.get_by_label("Home treatment").check()
        self.phone.get_by_label("Why?").fill("Being on a ward far away made things worse last time.")
        self.go(self.phone.get_by_role("button", name="Save the view"))
        expect(self.phone.get_by_text("Being on a ward far away made things worse last time.")).to_be_visible()

    def when_the_agreement_is_written_down_and_both_sign(self):
        self.staff.reload()
        self.go(self.staff.get_by_role("link", name="Write down what we agreed"))
        assert_accessible(self.staff)
        self.staff.get_by_label("Home treatment").check()
        self.staff.get_by_label("What will staff do?").fill("Daily visits for two weeks")
        self.staff.get_by_label("What would make us look at this again?").fill("If Sash stops eating")
        review = (timezone.localdate() + timedelta(days=14)).strftime("%d/%m/%Y")
        self.staff.get_by_label("When will we review it?").fill(review)
        self.go(self.staff.get_by_role("button", name="Save for signing"))
        self.go(self.staff.get_by_role("button", name="Sign the agreement"))
        self.phone.reload()
        self.go(self.phone.get_by_role("button", name="Sign the agreement"))

    def then_the_decision_is_agreed_with_both_views_and_the_harms_on_record(self):
        expect(self.phone.get_by_text("The decision is agreed.")).to_be_visible()
        expect(self.phone.locator(".nhsuk-tag", has_text=re.compile("^Agreed$"))).to_be_visible()
        assert_accessible(self.phone)
        agreement = Agreement.objects.get()
        assert agreement.final_at is not None and agreement.chosen.title == "Home treatment"


def test_a_shared_decision_is_made_with_options_later_harms_and_the_persons_view(chromium, live_server):
    journey = Journey(chromium, live_server)
    journey.given_a_practitioner_and_a_person_on_their_caseload()
    journey.when_the_practitioner_starts_a_decision_with_two_options_and_later_harms()
    journey.when_the_person_gives_their_view_on_a_phone()
    journey.when_the_agreement_is_written_down_and_both_sign()
    journey.then_the_decision_is_agreed_with_both_views_and_the_harms_on_record()
    journey.close()
