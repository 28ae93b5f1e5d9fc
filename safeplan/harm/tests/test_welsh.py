"""In Welsh, the person's harm-minimisation pages read in Welsh (check-ins, their chart, adding a technique, the
information from their service, how a technique shows in the plan); what is stored stays English; staff read English."""

from datetime import date, timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone, translation

from safeplan.harm import services
from safeplan.harm.charts import Point, TechniqueChart, axis_label, short_day
from safeplan.plans.queries import current_revisions


def url(world, name, **kwargs):
    return reverse(name, kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk, **kwargs})


def in_welsh(client, world):
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)


def test_the_check_ins_page_and_its_chart_are_in_welsh(client, world):
    ice = world.choose("ice")
    for days_ago, helped in ((20, 3), (10, 1), (0, 4)):
        services.add_check_in(
            world.me, world.harm_plan, entry=ice, used_on=timezone.localdate() - timedelta(days=days_ago), helped=helped
        )
    in_welsh(client, world)
    page = unescape(client.get(url(world, "harm_check_ins")).content.decode())
    assert "Eich gwiriadau" in page and "Beth sydd wedi helpu" in page and "Cadw'r gwiriad" in page
    assert "Your check-ins" not in page and "What has helped" not in page and "Save check-in" not in page
    assert "llawer o help</text>" in page and "helped a lot</text>" not in page  # the chart's value axis
    assert "Fe helpodd Holding ice lawer 2 o'r 3 tro ers mis" in page  # the sentence; the name is the service's


def test_a_technique_shows_in_welsh_in_the_plan_and_is_stored_as_it_was(client, world):
    world.choose("band")
    in_welsh(client, world)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk}))
    text = unescape(page.content.decode())
    assert "Nid yw eich gwasanaeth yn ei hargymell" in text and "Byddwch yn ofalus:" in text
    assert "Not one your service recommends" not in text and "Take care:" not in text
    (revision,) = current_revisions(world.harm_plan, item_key="technique")
    assert revision.fields["endorsed"] == "no" and revision.fields["name"] == "Snapping a band"


def test_adding_a_technique_and_the_information_page_are_in_welsh(client, world):
    in_welsh(client, world)
    page = unescape(client.get(url(world, "harm_add_technique")).content.decode())
    assert "Ychwanegu techneg" in page and "Fy nhechneg fy hun" in page and "Byddwch yn ofalus: " in page
    assert "Add a technique" not in page and "My own technique" not in page and "Take care: " not in page
    page = client.get(url(world, "harm_information_for_plan")).content.decode()
    assert "Gwybodaeth gan eich gwasanaeth" in page and "Information from your service" not in page


def test_staff_read_the_check_ins_page_in_english(client, world):
    services.add_check_in(world.me, world.harm_plan, entry=world.choose("ice"), used_on=timezone.localdate(), helped=3)
    in_welsh(client, world)
    client.force_login(world.practitioner)
    page = unescape(client.get(url(world, "harm_check_ins")).content.decode())
    assert "Back to the plan" in page and "Yn ôl i'r cynllun" not in page


def test_short_dates_months_and_axis_words_follow_the_language():
    day = date(2026, 10, 13)
    chart = TechniqueChart("Holding ice", [Point(day, 3, False), Point(day, 1, False)], today=date(2026, 12, 1))
    assert short_day(day) == "13 Oct" and short_day(day, with_year=True) == "13 Oct 2026"
    with translation.override("cy"):
        assert short_day(day) == "13 Hyd" and short_day(day, with_year=True) == "13 Hyd 2026"
        assert axis_label(4) == "help llwyr"
        assert chart.sentence == "Fe helpodd Holding ice lawer 1 o'r 2 tro ers mis Hydref."
    assert chart.sentence == "Holding ice helped a lot 1 of 2 times since October."
