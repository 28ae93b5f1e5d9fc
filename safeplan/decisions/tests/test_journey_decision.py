"""Browser journey: a practitioner and a person make a shared decision with two options and what each could cost
later, record their views (the person's shown first although the practitioner spoke first), read the agreement and
then sign it. Every page passes axe."""

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
AGREED = "Daily visits for two weeks"


def above(upper, lower) -> bool:
    """Whether the first element starts higher on the page than the second (both measured at the same scroll)."""
    return upper.bounding_box()["y"] < lower.bounding_box()["y"]


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

    def when_the_practitioner_gives_their_own_view_first(self):
        self.go(self.staff.get_by_role("link", name="Add a view"))
        self.staff.get_by_label("My own view, as a practitioner").check()
        self.staff.get_by_label("Home treatment").check()
        self.staff.get_by_label("Why?").fill("Daily visits can keep things steady at home.")
        self.go(self.staff.get_by_role("button", name="Save the view"))

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

    def then_the_persons_view_comes_first(self):
        speakers = self.phone.locator("h3", has_text=re.compile(r"\((you|your care team)\)$"))
        expect(speakers).to_have_text(["Sasha Whitlock (you)", "Priya Natarajan (your care team)"])
        self.staff.reload()
        speakers = self.staff.locator("h3", has_text=re.compile(r"\((the person|a practitioner)\)$"))
        expect(speakers).to_have_text(["Sasha Whitlock (the person)", "Priya Natarajan (a practitioner)"])

    def when_the_agreement_is_written_down(self):
        self.go(self.staff.get_by_role("link", name="Write down what we agreed"))
        assert_accessible(self.staff)
        self.staff.get_by_label("Home treatment").check()
        self.staff.get_by_label("What will staff do?").fill(AGREED)
        self.staff.get_by_label("What would make us look at this again?").fill("If Sash stops eating")
        self.review_on = timezone.localdate() + timedelta(days=14)
        self.staff.get_by_label("When will we review it?").fill(self.review_on.strftime("%d/%m/%Y"))
        self.go(self.staff.get_by_role("button", name="Save for signing"))

    def then_each_signs_only_after_the_agreement_and_its_signatures(self):
        for page, signatures in [(self.staff, "Practitioner: not signed yet"), (self.phone, "You: not signed")]:
            page.reload()
            read_first = page.get_by_role("link", name="Read the agreement and sign it")
            sign = page.get_by_role("button", name="Sign the agreement")
            assert above(read_first, page.get_by_role("heading", name="Options"))
            assert above(page.get_by_text(AGREED), sign) and above(page.get_by_text(signatures), sign)
            read_first.click()  # an ordinary link to #agreement: no JavaScript needed
            expect(page.get_by_role("heading", name="The agreement")).to_be_in_viewport()
            self.go(sign)

    def then_the_decision_is_agreed_and_said_at_the_top(self):
        expect(self.phone.get_by_text("The decision is agreed.")).to_be_visible()
        on = timezone.localdate().strftime("%-d %B %Y")
        agreed = self.phone.get_by_text(
            f"Agreed: Home treatment, on {on}, review {self.review_on.strftime('%-d %B %Y')}"
        )
        assert above(agreed, self.phone.get_by_role("heading", name="Options"))

    def then_the_decision_is_agreed_with_both_views_and_the_harms_on_record(self):
        expect(self.phone.locator(".nhsuk-tag", has_text=re.compile("^Agreed$"))).to_be_visible()
        assert_accessible(self.phone)
        agreement = Agreement.objects.get()
        assert agreement.final_at is not None and agreement.chosen.title == "Home treatment"


def test_a_shared_decision_is_made_with_options_later_harms_and_the_persons_view(chromium, live_server):
    journey = Journey(chromium, live_server)
    journey.given_a_practitioner_and_a_person_on_their_caseload()
    journey.when_the_practitioner_starts_a_decision_with_two_options_and_later_harms()
    journey.when_the_practitioner_gives_their_own_view_first()
    journey.when_the_person_gives_their_view_on_a_phone()
    journey.then_the_persons_view_comes_first()
    journey.when_the_agreement_is_written_down()
    journey.then_each_signs_only_after_the_agreement_and_its_signatures()
    journey.then_the_decision_is_agreed_and_said_at_the_top()
    journey.then_the_decision_is_agreed_with_both_views_and_the_harms_on_record()
    journey.close()
