import json
from datetime import date

import pytest
from django.urls import reverse

from safeplan.harm.catalogue import DEFAULT_TECHNIQUES, seed_catalogue
from safeplan.harm.models import InformationItem, Technique
from safeplan.people.tests.factories import OrganisationFactory
from safeplan.plans.models import EntryRevision


def test_every_new_organisation_starts_with_the_catalogue_and_endorses_nothing_until_an_administrator_does(db):
    organisation = OrganisationFactory()
    techniques = Technique.objects.filter(organisation=organisation)
    assert sorted(techniques.values_list("key", flat=True)) == sorted(t[0] for t in DEFAULT_TECHNIQUES)
    assert not techniques.filter(endorsed=True).exists()
    assert list(techniques.filter(anatomy=True).values_list("key", flat=True)) == ["areas-to-avoid"]
    assert seed_catalogue(organisation) == 0  # seeding again adds nothing


def test_the_catalogue_is_in_our_own_words_with_cautions_where_they_matter(db):
    organisation = OrganisationFactory()
    ice = Technique.objects.get(organisation=organisation, key="ice")
    assert "burn" in ice.cautions and ice.needs


def latest(entry):
    return EntryRevision.objects.filter(entry=entry).order_by("-number").first().fields


def test_an_endorsed_technique_carries_its_cautions_and_information_into_the_plan(world):
    ice = world.technique("ice")
    ice.endorsed = True
    ice.save()
    item = InformationItem.objects.create(
        organisation=world.org,
        title="Looking after your skin",
        body="…",
        reviewed_by="Dr Synthetic",
        reviewed_on=date(2026, 10, 1),
        review_due=date(2027, 10, 1),
    )
    ice.information.add(item)
    fields = latest(world.choose("ice", to_hand="yes", needs="Ice in the freezer"))
    assert fields["endorsed"] == "yes" and "burn" in fields["cautions"]
    assert json.loads(fields["information"]) == [[item.pk, "Looking after your skin"]]


def test_a_technique_the_service_has_not_endorsed_is_recorded_and_visibly_marked(client, world):
    fields = latest(world.choose("band"))
    assert fields["endorsed"] == "no"
    client.force_login(world.practitioner)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk}))
    assert "Not one your service recommends: recorded as your choice" in page.content.decode()


def test_the_persons_own_technique_is_marked_as_their_own(world):
    fields = latest(world.choose(name="Going for a run"))
    assert fields == {"name": "Going for a run", "endorsed": "own"}


def test_what_the_service_endorses_is_decided_by_the_server_not_the_form(world):
    entry = world.choose(name="Something", endorsed="yes", cautions="none", information='[[1, "x"]]')
    assert latest(entry) == {"name": "Something", "endorsed": "own"}
    other = Technique.objects.exclude(organisation=world.org).first() or Technique.objects.get(
        organisation=OrganisationFactory(), key="ice"
    )
    assert latest(world.choose(name="Ice", technique_id=str(other.pk)))["endorsed"] == "own"


@pytest.mark.parametrize(("audience", "person_sees"), [("everyone", True), ("people", True), ("staff", False)])
def test_information_items_show_their_review_and_reach_only_their_audience(client, world, audience, person_sees):
    item = InformationItem.objects.create(
        organisation=world.org,
        title="When to get medical help",
        body="If it will not stop bleeding…",
        audience=audience,
        reviewed_by="Nurse Synthetic",
        reviewed_on=date(2026, 1, 5),
        review_due=date(2026, 7, 5),
    )
    url = reverse("harm_information", kwargs={"item_id": item.pk})
    client.force_login(world.person.user)
    response = client.get(url)
    assert (response.status_code == 200) == person_sees
    client.force_login(world.practitioner)
    page = client.get(url).content.decode()
    assert "Checked by Nurse Synthetic on 5 January 2026" in page
    assert "due for review" in page  # the review date has passed
    client.force_login(world.other_person.user)
    other_org_item = InformationItem.objects.create(
        organisation=OrganisationFactory(),
        title="Elsewhere",
        body="x",
        reviewed_by="x",
        reviewed_on=date(2026, 1, 1),
        review_due=date(2027, 1, 1),
    )
    assert client.get(reverse("harm_information", kwargs={"item_id": other_org_item.pk})).status_code == 404
