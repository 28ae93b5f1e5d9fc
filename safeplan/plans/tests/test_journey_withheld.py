"""Browser journey (issue 11, item 5): a practitioner withholds a care-team entry from the person, first without a
reason (a clear error), then with the reason and a review date; the person, on a phone, finds "Something here is not
shown to you" where it sat, with who decided, when and how to ask, and never its words. When the review date has
passed, the team lead finds it in "Withholdings to review" and releases it, and the person reads it. Every page passes
axe."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.people.tests.factories import StaffRoleFactory
from safeplan.people.withholding import Withholding
from safeplan.plans import services
from safeplan.plans.models import Mode, PlanTemplate, Voice
from safeplan.plans.tests.conftest import writer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SECRET = "Dale rang the team asking where Sash lives now"
OWN = "Being at my sister's with the cat"


class Journey(BrowserJourney):
    def check(self, page):
        assert_accessible(page)

    def given_a_plan_with_a_note_from_the_care_team(self):
        care = self.given_a_practitioner_and_a_person_on_their_caseload()
        priya = care.team.staff_roles.first().user
        template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=1)
        staff, me = writer(priya, self.person), writer(self.person.user, self.person)
        self.plan = services.start_plan(staff, template)
        for who, item, text, voice in [
            (me, "feel-safe", OWN, Voice.PERSON),
            (staff, "feel-unsafe", SECRET, Voice.CARE_TEAM),
        ]:
            services.add_entry(
                who, self.plan, section_key="crisis", item_key=item, fields={"text": text}, voice=voice, mode=Mode.OWN
            )
        self.plan_path = reverse("plan", kwargs={"person_id": self.person.pk, "plan_id": self.plan.pk})
        StaffRoleFactory(team=care.team, organisation=care.team.organisation, role="team_lead", user__username="jordan")

    def when_the_practitioner_withholds_it_without_a_reason_first(self):
        self.staff = self.browser({"width": 1100, "height": 900})
        self.sign_in(self.staff, "priya")
        self.staff.goto(self.base + self.plan_path)
        self.check(self.staff)
        self.go(self.staff.get_by_role("link", name="Withhold from Sash"))
        expect(self.staff.get_by_role("heading", level=1)).to_have_text("Withhold this from Sash")
        expect(self.staff.get_by_text(SECRET)).to_be_visible()
        self.check(self.staff)
        self.go(self.staff.get_by_role("button", name="Withhold it from Sash"))
        expect(self.staff).to_have_title("Error: Withhold this from Sash – safeplan")
        expect(self.staff.get_by_role("alert")).to_contain_text("Enter why showing it would be likely")
        self.check(self.staff)

    def when_they_give_the_reason_and_a_review_date(self):
        self.staff.get_by_label("Why would showing it be likely to cause serious harm?").fill(
            "Sash has said contact with Dale makes things much worse; knowing he is looking for them now would be "
            "likely to cause serious harm to their mental health."
        )
        review = date.today() + timedelta(days=28)
        self.staff.get_by_label("When will you look at this decision again?").fill(f"{review:%d/%m/%Y}")
        self.go(self.staff.get_by_role("button", name="Withhold it from Sash"))
        expect(self.staff.get_by_text("Withheld from Sash until it is looked at again")).to_be_visible()
        expect(self.staff.get_by_text("Withheld from Sash", exact=True)).to_be_visible()
        expect(self.staff.get_by_text(SECRET)).to_be_visible()  # the care team still reads it
        self.check(self.staff)

    def then_the_person_sees_the_marker_and_not_the_words(self):
        self.phone = self.browser(PHONE)
        self.sign_in(self.phone, "sasha")
        self.go(self.phone.get_by_role("link", name="Your plans").first)
        self.go(self.phone.get_by_role("link", name="My risk and safety plan"))
        expect(self.phone.get_by_text("Something here is not shown to you")).to_be_visible()
        expect(self.phone.get_by_text("Priya Natarajan from your care team decided on")).to_be_visible()
        expect(self.phone.get_by_text(OWN)).to_be_visible()
        assert SECRET not in self.phone.content()
        self.check(self.phone)

    def when_its_review_date_passes_and_the_team_lead_releases_it(self):
        Withholding.objects.update(review_on=date.today() - timedelta(days=1))  # the days go by
        self.lead = self.browser({"width": 1100, "height": 900})
        self.sign_in(self.lead, "jordan")
        self.nav(self.lead, "Withholdings to review")
        expect(self.lead.get_by_role("heading", level=1)).to_have_text("Withholdings past their review date")
        expect(self.lead.get_by_role("link", name="Sasha Whitlock", exact=True)).to_be_visible()
        self.check(self.lead)
        self.go(self.lead.get_by_role("link", name="Review an entry in a plan withheld from Sasha Whitlock"))
        expect(self.lead.get_by_role("heading", level=1)).to_have_text("Review withholding this from Sash")
        expect(self.lead.get_by_text("Review overdue")).to_be_visible()
        self.check(self.lead)
        self.go(self.lead.get_by_role("link", name="Release it instead: show it to Sash again"))
        self.check(self.lead)
        self.lead.get_by_label("A note about releasing it (optional)").fill("Talked it through with Sash today.")
        self.go(self.lead.get_by_role("button", name="Release it"))
        expect(self.lead.get_by_text("Released: Sash can see it again.")).to_be_visible()
        self.check(self.lead)

    def then_the_person_reads_it(self):
        self.phone.reload()
        expect(self.phone.get_by_text(SECRET)).to_be_visible()
        assert "Something here is not shown to you" not in self.phone.content()
        self.check(self.phone)


def test_a_practitioner_withholds_an_entry_the_person_sees_the_marker_and_the_team_lead_releases_it(
    chromium, live_server
):
    journey = Journey(chromium, live_server)
    try:
        journey.given_a_plan_with_a_note_from_the_care_team()
        journey.when_the_practitioner_withholds_it_without_a_reason_first()
        journey.when_they_give_the_reason_and_a_review_date()
        journey.then_the_person_sees_the_marker_and_not_the_words()
        journey.when_its_review_date_passes_and_the_team_lead_releases_it()
        journey.then_the_person_reads_it()
        assert all(url.startswith("https://assets.nhs.uk") for url in journey.guard.blocked)
    finally:
        journey.close()
