"""Browser journey (issue 13): the practitioner finds an event written three years ago on the list to go through with
Sash, and with Sash marks it no longer current (first without saying why: a clear error); it folds under "Earlier
history". Sash opens their safety summary on a phone — what they want people to know, their goal, what keeps them
well, then the crisis section and who not to contact, the old event nowhere — and prints it. Every page passes axe."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.plans import services
from safeplan.plans.models import Mode, PlanTemplate, Voice
from safeplan.plans.tests.conftest import writer
from safeplan.summary import services as summary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1100, "height": 900}
OLD = "Lost the flat after three months of missed rent"
KEEPS_WELL = "Swimming at the lido on Saturday mornings"
WHY = "Sash has had a secure tenancy for two years; this is not how things are now."


class Journey(BrowserJourney):
    def check(self, page):
        assert_accessible(page)

    def given_sash_with_a_plan_holding_an_old_event(self):
        self.given_a_practitioner_and_a_person_on_their_caseload()
        priya = self.person.care_relationships.first().team.staff_roles.first().user
        staff, me = writer(priya, self.person), writer(self.person.user, self.person)
        template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=1)
        plan = services.start_plan(staff, template)
        with time_machine.travel(timezone.now() - timedelta(days=3 * 365)):
            self.event = services.add_entry(
                staff,
                plan,
                section_key="history",
                item_key="event",
                fields={"when": "Winter 2023", "what": OLD},
                voice=Voice.CARE_TEAM,
                mode=Mode.OWN,
            )
        for section, item, fields in [
            ("staying-well", "keeps-me-well", {"text": KEEPS_WELL}),
            ("crisis", "contact", {"name": "Jo", "relationship": "my sister", "phone": "07700 900123"}),
            ("crisis", "do-not-contact", {"name": "Dale", "relationship": "my ex"}),
        ]:
            services.add_entry(
                me, plan, section_key=section, item_key=item, fields=fields, voice=Voice.PERSON, mode=Mode.OWN
            )
        summary.say_about_me(me, "I fix old bikes and I go quiet when things are bad: ask me straight out.")
        summary.add_goal(me, words="Go back to college in September", who_helps="Jo")

    def when_the_practitioner_marks_the_old_event_no_longer_current_with_sash(self):
        self.staff = self.browser(DESK)
        self.sign_in(self.staff, "priya")
        self.go(self.staff.get_by_role("link", name="Sasha Whitlock"))
        self.go(self.staff.get_by_role("link", name="Earlier entries to go through with Sash"))
        expect(self.staff.get_by_role("heading", level=1)).to_have_text("Earlier entries to go through with Sash")
        self.check(self.staff)
        self.go(self.staff.get_by_role("link", name=re.compile("My risk and safety plan")))
        self.go(
            self.staff.locator(f"#entry-{self.event.pk}").get_by_role("link", name=re.compile("^No longer current"))
        )
        expect(self.staff.get_by_role("heading", level=1)).to_have_text("Is this still current?")
        self.check(self.staff)
        self.staff.get_by_label("Who did you look at it with?").fill("with Sash, at our appointment")
        self.go(self.staff.get_by_role("button", name="Mark as no longer current"))
        expect(self.staff.get_by_role("alert")).to_contain_text("Say why")
        self.check(self.staff)
        self.staff.get_by_label("Why?").fill(WHY)
        self.go(self.staff.get_by_role("button", name="Mark as no longer current"))
        expect(self.staff.get_by_text("It is now under “Earlier history”, still readable.")).to_be_visible()
        earlier = self.staff.locator("details.safeplan-earlier-history")
        expect(earlier).to_contain_text("Earlier history (1 entry no longer current)")
        if not earlier.evaluate("details => details.open"):  # following the link back to it opens it already
            earlier.locator("summary").click()
        expect(earlier.get_by_text(OLD)).to_be_visible()
        self.check(self.staff)

    def then_sash_opens_their_summary_on_a_phone_and_prints_it(self):
        self.phone = self.browser(PHONE)
        self.sign_in(self.phone, "sasha")
        self.go(self.phone.get_by_role("link", name="Your safety summary"))
        expect(self.phone.get_by_role("heading", level=1)).to_have_text("Your safety summary")
        expect(self.phone.get_by_text("I fix old bikes")).to_be_visible()
        expect(self.phone.get_by_role("heading", name="Go back to college in September")).to_be_visible()
        expect(self.phone.get_by_text(KEEPS_WELL)).to_be_visible()
        expect(self.phone.get_by_role("heading", name="If I am in crisis")).to_be_visible()
        expect(self.phone.get_by_role("heading", name="People not to contact")).to_be_visible()
        assert OLD not in self.phone.content()
        self.check(self.phone)
        self.go(self.phone.get_by_role("link", name="Print this summary"))
        expect(self.phone.get_by_role("heading", level=1)).to_have_text("Safety summary: Sasha Whitlock")
        expect(self.phone.get_by_text(KEEPS_WELL)).to_be_visible()
        self.check(self.phone)


def test_an_old_event_marked_no_longer_current_with_sash_who_then_prints_their_summary(chromium, live_server):
    journey = Journey(chromium, live_server)
    try:
        journey.given_sash_with_a_plan_holding_an_old_event()
        journey.when_the_practitioner_marks_the_old_event_no_longer_current_with_sash()
        journey.then_sash_opens_their_summary_on_a_phone_and_prints_it()
        assert all(url.startswith("https://assets.nhs.uk") for url in journey.guard.blocked)
    finally:
        journey.close()
