"""The organisation's crisis lines, with when each was last checked, are in every plan's crisis section: on screen,
on paper and in the PDF (issue 9, item 9)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safeplan.plans import services
from safeplan.plans.models import CrisisLine, PlanTemplate
from safeplan.plans.snapshots import build_snapshot
from safeplan.plans.tests.test_print_and_compare import agreed_plan


@pytest.fixture
def line(world):
    return CrisisLine.objects.create(
        organisation=world.org, name="Test crisis line", phone="01632 960002", last_checked=date(2026, 10, 1)
    )


@pytest.mark.parametrize("key", ["person-centred", "joint-crisis", "six-step", "harm-minimisation"])
def test_every_plan_with_a_crisis_section_shows_the_crisis_lines_there(client, world, line, key):
    plan = services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key=key, version=1))
    snapshot = build_snapshot(plan)
    crisis_sections = [s for s in snapshot["sections"] if s["crisis_lines"]]
    assert len(crisis_sections) == 1 and crisis_sections[0]["crisis"]
    client.force_login(world.person.user)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})).content.decode()
    assert "Test crisis line" in page and "Number last checked 1 October 2026" in page
    section_start = page.index(f'id="section-{crisis_sections[0]["key"]}"')
    assert section_start < page.index("Test crisis line") < page.index("</section>", section_start)


def test_the_printed_and_pdf_plan_carry_the_crisis_lines(client, world, line):
    version = agreed_plan(world)
    client.force_login(world.person.user)
    kwargs = {"person_id": world.person.pk, "plan_id": world.plan.pk, "number": version.number}
    printed = client.get(reverse("plan_print", kwargs=kwargs)).content.decode()
    assert "Test crisis line" in printed and "Number last checked 1 October 2026" in printed
    pdf = client.get(reverse("plan_pdf", kwargs=kwargs)).content
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Test crisis line" in text and "01632 960002" in text
