"""The harm-minimisation plan shared with a supporter (issue 11, item 2): it is a plan, so it is shared per section
like any other and read on the plan's own pages; every harm-minimisation page beyond them (techniques, the talks
about them, check-ins, information) stays the outsiders' 404 for a supporter, even with the whole plan shared and
adding allowed (hazard H23)."""

import pytest
from django.urls import reverse

from safeplan.circle import services
from safeplan.harm.models import CheckIn
from safeplan.harm.tests.conftest import HarmWorld
from safeplan.harm.tests.test_harm_access import harm_urls
from safeplan.people.models import SupportRelationship


@pytest.fixture
def world(db) -> HarmWorld:
    return HarmWorld()


def test_a_shared_harm_plan_is_read_on_its_plan_pages_only(client, world):
    urls = harm_urls(world)
    support = SupportRelationship.objects.get(user=world.supporter, person=world.person)
    sections = {section["key"] for section in world.harm_plan.template.sections}
    services.set_plan_sharing(world.me, support, world.harm_plan, sections=sections, adds=sections)
    client.force_login(world.supporter)
    plan = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk})
    page = client.get(plan)
    assert page.status_code == 200
    check_ins = CheckIn.objects.count()
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert CheckIn.objects.count() == check_ins
