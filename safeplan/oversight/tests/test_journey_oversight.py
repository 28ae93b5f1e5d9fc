"""In a browser: the governance lead opens the measures, reads a chart and the table beside it, draws the charts for
one team, starts an improvement cycle (and corrects a mistake on the way), and reads its figures before and after;
on a desk and on a phone, every page checked with axe, every request off this machine refused."""

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.oversight.models import ImprovementCycle
from safeplan.people.models import Person
from safeplan.people.tests.factories import OrganisationFactory, PersonFactory, StaffRoleFactory, UserFactory
from safeplan.plans.models import Voice
from safeplan.site import history
from safeplan.site.history import Rows

DESK = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class Journey(BrowserJourney):
    def given_a_team_with_a_year_of_plans(self):
        organisation = OrganisationFactory(name="Northmoor")
        self.team = history.Team.objects.create(organisation=organisation, name="North team")
        staff = UserFactory()
        rows, today = Rows(), timezone.localdate()
        for n in range(12):
            person = PersonFactory(organisation=organisation, full_name=f"Synthetic Journey {n}", user=UserFactory())
            history.cared_for(person, self.team, today - timedelta(days=500))
            made = history.plan(rows, person, staff, today - timedelta(days=300))
            for back in range(0, 300, 30):
                voice = Voice.PERSON if (n + back // 30) % 2 else Voice.CARE_TEAM
                history.entry(rows, made, staff, today - timedelta(days=back), voice)
        rows.save()
        StaffRoleFactory(team=None, organisation=organisation, role="oversight", user__username="olu")

    def when_the_governance_lead_reads_a_chart_and_its_table(self, viewport):
        self.page = self.browser(viewport)
        self.sign_in(self.page, "olu")
        self.nav(self.page, "Improving care")
        assert_accessible(self.page)
        self.go(self.page.get_by_role("link", name="Service measures"))
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Service measures")
        section = self.page.locator("section[aria-labelledby=own_words]")
        expect(section.locator("svg.safeplan-chart")).to_be_visible()
        expect(section.locator("p", has_text=re.compile(r"The median is \d"))).to_be_visible()
        expect(section.get_by_role("img", name=re.compile(r"The median is \d"))).to_be_visible()
        table = section.get_by_role("table")
        expect(table).to_contain_text("Month")
        expect(table).to_contain_text(re.compile(r"\d+(\.\d)?% \(\d+ of \d+\)"))
        for person in Person.objects.all():
            assert person.full_name not in self.page.content()
        assert_accessible(self.page)
        self.page.get_by_label("Draw the charts, and show the figures, for").select_option(label="North team")
        self.go(self.page.get_by_role("button", name="Draw the charts"))
        expect(self.page.locator("section[aria-labelledby=own_words]")).to_contain_text("North team: The median")

    def when_they_start_an_improvement_cycle(self):
        self.go(self.page.get_by_role("link", name="Improvement cycles"))
        assert_accessible(self.page)
        self.go(self.page.get_by_role("button", name="Start a cycle"))
        page = self.page
        page.get_by_label("What shall we call this cycle?").fill("Their words first")
        page.get_by_label("What are we trying to achieve?").fill("More of each plan in the person's own words")
        page.get_by_label("What change will we try?").fill("Hand over the keyboard at the start")
        page.get_by_label("Entries in the person's own words").check()
        page.get_by_label("What do we predict will happen?").fill("Two in three entries in their words")
        page.get_by_label("Where").select_option(label="North team")
        start = timezone.localdate() - timedelta(days=60)
        page.get_by_label("First day").fill(f"{start.day}/{start.month}/{start.year}")
        page.get_by_label("Last day").fill("1/1/2020")
        self.go(page.get_by_role("button", name="Start the cycle"))
        expect(page.get_by_role("alert")).to_contain_text("The last day must be on or after the first day")
        assert_accessible(page)
        end = timezone.localdate() + timedelta(days=30)
        page.get_by_label("Last day").fill(f"{end.day}/{end.month}/{end.year}")
        self.go(page.get_by_role("button", name="Start the cycle"))

    def then_they_read_its_figures_before_and_after(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Their words first")
        table = self.page.get_by_role("table")
        expect(table).to_contain_text("Entries in the person's own words")
        expect(table).to_contain_text(re.compile(r"\d+% \(about \d+ of \d+\)"))
        expect(self.page.get_by_text("the cycle is still running")).to_be_visible()
        assert_accessible(self.page)
        cycle = ImprovementCycle.objects.get()
        assert cycle.team == self.team and cycle.measures == ["own_words"] and cycle.starts_on < date.today()


def test_the_governance_lead_reads_the_measures_and_starts_an_improvement_cycle(chromium, live_server):
    journey = Journey(chromium, live_server)
    try:
        journey.given_a_team_with_a_year_of_plans()
        journey.when_the_governance_lead_reads_a_chart_and_its_table(DESK)
        journey.when_they_start_an_improvement_cycle()
        journey.then_they_read_its_figures_before_and_after()
        journey.when_the_governance_lead_reads_a_chart_and_its_table(PHONE)
        assert all(url.startswith("https://assets.nhs.uk") for url in journey.guard.blocked)
    finally:
        journey.close()
