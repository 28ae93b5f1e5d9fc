import json

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.plans import services
from safeplan.plans.models import PlanTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin(client, world):
    client.force_login(world.administrator)
    world.administrator.is_superuser = True
    world.administrator.save()
    return client


def copy_joint_crisis(client) -> PlanTemplate:
    shipped = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2)
    response = client.post(
        reverse("admin:plans_plantemplate_changelist"),
        {"action": "copy_for_my_organisation", "_selected_action": [shipped.pk]},
    )
    assert response.status_code == 302
    return PlanTemplate.objects.get(organisation__isnull=False, key="joint-crisis")


def test_an_administrator_copies_a_shipped_template_for_their_organisation(org_admin, world):
    copy = copy_joint_crisis(org_admin)
    assert (copy.organisation, copy.version) == (world.org, 1)
    assert copy in services.templates_for(world.org.pk)
    assert AuditEvent.objects.filter(object_type="plantemplate", action="create", object_id=str(copy.pk)).exists()


def test_a_shipped_template_cannot_be_changed_in_admin(org_admin):
    shipped = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2)
    before = shipped.definition
    org_admin.post(reverse("admin:plans_plantemplate_change", args=[shipped.pk]), {"definition": "{}"})
    shipped.refresh_from_db()
    assert shipped.definition == before


def test_a_malformed_edit_is_refused_with_the_problem_named(org_admin):
    copy = copy_joint_crisis(org_admin)
    broken = {
        **copy.definition,
        "sections": [
            {"key": "x", "title": "X", "items": [{"key": "y", "kind": "essay", "prompt": "What do you need?"}]}
        ],
    }
    response = org_admin.post(
        reverse("admin:plans_plantemplate_change", args=[copy.pk]), {"definition": json.dumps(broken)}
    )
    assert response.status_code == 200
    assert "kind &#x27;essay&#x27; is not one of" in response.content.decode()
    copy.refresh_from_db()
    assert copy.definition["sections"][0]["key"] == "crisis"


def test_editing_a_copy_that_plans_use_saves_a_new_version(org_admin, world):
    copy = copy_joint_crisis(org_admin)
    plan = services.start_plan(world.staff, copy)
    changed = {**copy.definition, "title": "Our crisis plan"}
    response = org_admin.post(
        reverse("admin:plans_plantemplate_change", args=[copy.pk]), {"definition": json.dumps(changed)}
    )
    assert response.status_code == 302
    versions = PlanTemplate.objects.filter(organisation=world.org, key="joint-crisis").order_by("version")
    assert [(t.version, t.title) for t in versions] == [(1, "My joint crisis plan"), (2, "Our crisis plan")]
    plan.refresh_from_db()
    assert plan.template.version == 1


def test_plans_are_not_in_admin(org_admin):
    for name in ("plan", "entry", "entryrevision", "planversion", "signature"):
        assert org_admin.get(f"/admin/plans/{name}/").status_code == 404
