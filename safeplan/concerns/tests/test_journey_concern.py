"""Browser journey (issue 12): the person, on a phone, raises a concern about an entry in their plan from beside
it (first without saying what happened: a clear error), and follows the case back to the entry; nobody acknowledges
it, and the next week the team lead finds it on "Concerns that are late" and the caseload flags it; the practitioner
acknowledges it and sends the response with its parts; the person reads it, with where to go next, and says it put
things right. With the person's agreement (first forgotten: a clear error) the practitioner records a restorative
response; the person reads both accounts side by side and follows the link to the plan that changed; oversight reads
the figures, with no names. Every page passes axe."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.concerns.models import Concern, Satisfaction, State
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.people.tests.factories import StaffRoleFactory
from safeplan.plans import services
from safeplan.plans.models import Mode, PlanTemplate, Voice
from safeplan.plans.tests.conftest import writer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1100, "height": 900}
WHAT = "The crisis line number in my plan rang out twice on Saturday night."
THEIRS = "I rang twice when I needed help and nobody answered; I felt nobody cared."
ABOUT_THE_ENTRY = re.compile("^An entry in “My risk and safety plan”")
FOUND = "The out-of-hours line was not covered on Saturday nights after a rota change."


class Journey(BrowserJourney):
    def check(self, page):
        assert_accessible(page)

    def given_a_person_with_a_plan_and_a_team_lead(self):
        care = self.given_a_practitioner_and_a_person_on_their_caseload()
        priya = care.team.staff_roles.first().user
        template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=1)
        self.plan = services.start_plan(writer(priya, self.person), template)
        self.entry = services.add_entry(
            writer(self.person.user, self.person),
            self.plan,
            section_key="crisis",
            item_key="feel-safe",
            fields={"text": "Being at my sister's with the cat"},
            voice=Voice.PERSON,
            mode=Mode.OWN,
        )
        StaffRoleFactory(team=care.team, organisation=care.team.organisation, role="team_lead", user__username="jordan")
        self.travel: time_machine.travel | None = None

    def when_the_person_raises_a_concern_about_an_entry_in_their_plan_from_a_phone(self):
        self.phone = self.browser(PHONE)
        self.sign_in(self.phone, "sasha")
        self.nav(self.phone, "Your plans")
        self.go(self.phone.get_by_role("link", name="My risk and safety plan").first)
        self.go(self.phone.get_by_role("link", name=re.compile("^Raise a concern about this")).first)
        expect(self.phone.get_by_text("Raising a concern never changes anything else about your care")).to_be_visible()
        expect(self.phone.get_by_role("radio", name=ABOUT_THE_ENTRY)).to_be_checked()
        self.check(self.phone)
        self.phone.get_by_label("A concern or complaint").check()
        self.phone.get_by_role("group", name="May we contact you about it?").get_by_label("Yes").check()
        self.go(self.phone.get_by_role("button", name="Send"))
        expect(self.phone).to_have_title("Error: Raise a concern or give a compliment – safeplan")
        expect(self.phone.get_by_role("alert")).to_contain_text("Say what happened")
        expect(self.phone.get_by_role("radio", name=ABOUT_THE_ENTRY)).to_be_checked()
        self.check(self.phone)
        self.phone.get_by_label("What happened?").fill(WHAT)
        self.phone.get_by_label("What would you like to happen? (optional)").fill("A number that is always answered.")
        self.go(self.phone.get_by_role("button", name="Send"))
        expect(self.phone.get_by_text("Thank you. We have received it.")).to_be_visible()
        expect(self.phone.get_by_role("heading", level=1)).to_contain_text("About an entry in “My risk and safety")
        expect(self.phone.get_by_text(re.compile("Acknowledgement due by"))).to_be_visible()
        self.check(self.phone)
        self.concern = Concern.objects.get()
        assert (self.concern.about_type, self.concern.about_id) == ("plan_entry", str(self.entry.pk))
        self.go(self.phone.get_by_role("link", name="See what this is about"))
        expect(self.phone.locator(f"#entry-{self.entry.pk}")).to_contain_text("Being at my sister's with the cat")

    def then_the_team_lead_sees_it_late_the_next_week(self):
        next_week = timezone.localdate() + timedelta(days=8)
        day = max(next_week, self.concern.acknowledge_by + timedelta(days=1))
        self.travel = time_machine.travel(timezone.make_aware(datetime.combine(day, time(10))), tick=True)
        self.travel.start()
        self.lead = self.browser(DESK)
        self.sign_in(self.lead, "jordan")
        self.nav(self.lead, "Late concerns")
        expect(self.lead.get_by_role("heading", level=1)).to_have_text("Concerns that are late")
        expect(self.lead.get_by_role("link", name="Open the case about Sasha Whitlock")).to_have_count(1)
        expect(self.lead.get_by_text(re.compile("The acknowledgement was due"))).to_be_visible()
        self.check(self.lead)
        self.go(self.lead.get_by_role("link", name="Caseload"))
        expect(self.lead.get_by_text("Concern late")).to_be_visible()
        self.check(self.lead)

    def when_the_practitioner_acknowledges_it(self):
        self.staff = self.browser(DESK)
        self.sign_in(self.staff, "priya")
        self.go(self.staff.get_by_role("link", name="Sasha Whitlock"))
        self.go(self.staff.get_by_role("link", name="Concerns and compliments about Sash's care"))
        self.check(self.staff)
        self.go(self.staff.get_by_role("link", name=re.compile("concern or complaint about")))
        expect(self.staff.get_by_role("heading", name="Late")).to_be_visible()
        expect(self.staff.get_by_text(WHAT)).to_be_visible()
        self.check(self.staff)
        self.staff.get_by_label("What you told them").fill("Rang Sash and said sorry for the wait; offered to meet.")
        self.go(self.staff.get_by_role("button", name="Acknowledge"))
        expect(self.staff.get_by_text("Saved. The person who raised it sees the new step")).to_be_visible()
        self.check(self.staff)

    def when_the_practitioner_sends_the_response_with_its_parts(self):
        self.staff.get_by_label("How it was looked into").fill("We rang the line at the same times and read the rota.")
        self.staff.get_by_label("What was found").fill(FOUND)
        self.staff.get_by_label("What will change").fill("It is covered again; every plan lists a second number.")
        self.staff.get_by_label("An apology, where one is owed (optional)").fill("We are sorry nobody answered.")
        self.go(self.staff.get_by_role("button", name="Send the response"))
        expect(self.staff.get_by_role("heading", name="The response")).to_be_visible()
        expect(self.staff.get_by_text(FOUND)).to_be_visible()
        self.check(self.staff)

    def then_the_person_reads_it_and_says_it_put_things_right(self):
        self.sign_in(self.phone, "sasha")  # a week later: signed in afresh
        self.go(self.phone.get_by_role("link", name="Concerns and compliments", exact=True))
        self.go(self.phone.get_by_role("link", name=re.compile("concern or complaint about")))
        expect(self.phone.get_by_text(FOUND)).to_be_visible()
        expect(self.phone.get_by_text("We are sorry nobody answered.")).to_be_visible()
        expect(self.phone.get_by_text(re.compile("Parliamentary and Health Service Ombudsman"))).to_be_visible()
        self.check(self.phone)
        self.phone.get_by_role("group", name="Did the response put things right for you?").get_by_label(
            "Yes", exact=True
        ).check()
        self.go(self.phone.get_by_role("button", name="Send"))
        expect(self.phone.get_by_text("Thank you for telling us.")).to_be_visible()
        expect(self.phone.get_by_text(re.compile("said the response put things right"))).to_contain_text("yes")
        self.check(self.phone)
        assert Satisfaction.objects.get().answer == "yes"
        self.concern.refresh_from_db()
        assert self.concern.state == State.RESPONDED

    def when_the_practitioner_records_a_restorative_response_with_sashs_agreement(self):
        self.staff.reload()
        self.go(self.staff.get_by_role("link", name="Record a restorative response to this concern"))
        expect(self.staff.get_by_role("heading", level=1)).to_have_text("Record a restorative response")
        self.check(self.staff)
        self.staff.get_by_label("What happened, as Sash tells it").fill(THEIRS)
        self.staff.get_by_label("What happened, as the service sees it").fill(FOUND)
        self.staff.get_by_label("What changed").fill("A second crisis number in the plan, always answered.")
        self.staff.get_by_label("Where was the change made?").select_option(label="“My risk and safety plan”")
        self.staff.get_by_label("What was learned").fill("Check every plan that lists a line before a rota changes.")
        self.go(self.staff.get_by_role("button", name="Save the restorative response"))  # no agreement date yet
        expect(self.staff).to_have_title("Error: Record a restorative response – safeplan")
        expect(self.staff.get_by_role("alert")).to_contain_text("Enter the date Sash agreed to this being recorded")
        self.check(self.staff)
        self.staff.get_by_label("Date Sash agreed to this being recorded").fill(f"{timezone.localdate():%d/%m/%Y}")
        self.go(self.staff.get_by_role("button", name="Save the restorative response"))
        expect(self.staff.get_by_text("Saved. The restorative response is on the case")).to_be_visible()
        self.check(self.staff)

    def then_the_person_reads_both_accounts_side_by_side(self):
        self.phone.reload()
        both = self.phone.locator(".safeplan-side-by-side")
        expect(both.get_by_text(THEIRS)).to_be_visible()
        expect(both.get_by_text(FOUND)).to_be_visible()
        expect(self.phone.get_by_text("What happened, as you tell it")).to_be_visible()
        self.go(self.phone.get_by_role("link", name="“My risk and safety plan”"))
        expect(self.phone.get_by_role("heading", level=1)).to_contain_text("My risk and safety plan")
        self.check(self.phone)

    def then_oversight_reads_the_figures_with_no_names(self):
        StaffRoleFactory(team=None, organisation=self.person.organisation, role="oversight", user__username="olu")
        self.oversight = self.browser(DESK)
        self.sign_in(self.oversight, "olu")
        self.nav(self.oversight, "Learning")
        expect(self.oversight.get_by_role("heading", level=1)).to_have_text("Learning from concerns and compliments")
        expect(self.oversight.locator("svg.safeplan-chart")).to_be_visible()
        assert "Sasha" not in self.oversight.content() and WHAT not in self.oversight.content()
        self.check(self.oversight)

    def close(self) -> None:
        super().close()
        if self.travel is not None:
            self.travel.stop()


def test_a_concern_from_a_phone_seen_late_by_the_team_lead_answered_restored_and_counted(chromium, live_server):
    journey = Journey(chromium, live_server)
    try:
        journey.given_a_person_with_a_plan_and_a_team_lead()
        journey.when_the_person_raises_a_concern_about_an_entry_in_their_plan_from_a_phone()
        journey.then_the_team_lead_sees_it_late_the_next_week()
        journey.when_the_practitioner_acknowledges_it()
        journey.when_the_practitioner_sends_the_response_with_its_parts()
        journey.then_the_person_reads_it_and_says_it_put_things_right()
        journey.when_the_practitioner_records_a_restorative_response_with_sashs_agreement()
        journey.then_the_person_reads_both_accounts_side_by_side()
        journey.then_oversight_reads_the_figures_with_no_names()
        assert all(url.startswith("https://assets.nhs.uk") for url in journey.guard.blocked)
    finally:
        journey.close()
