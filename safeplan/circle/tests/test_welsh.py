"""Welsh on the person's circle and sharing pages: the page, the form and the lines about what is shared are in
Welsh for a person who chose it, with the plan template's titles in Welsh too; what "All my data" keeps of the
sharing history stays English."""

from django.urls import reverse
from django.utils import translation

from safeplan.circle import services
from safeplan.circle.export import sharing_history
from safeplan.circle.tests.test_sharing import person


def in_welsh(client, world):
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)
    return client


def test_who_can_see_your_plans_is_in_welsh_with_the_sections_titles_in_welsh(client, world):
    services.set_plan_sharing(person(world), world.support, world.plan, sections={"crisis"})
    html = in_welsh(client, world).get(reverse("circle_sharing")).content.decode()
    assert "<h1>Pwy all weld eich cynlluniau</h1>" in html and "Who can see your plans" not in html
    assert "“Os ydw i mewn argyfwng” o “Fy nghynllun risg a diogelwch”" in html
    assert "from “My risk and safety plan”" not in html


def test_choosing_what_one_supporter_sees_is_in_welsh(client, world):
    html = in_welsh(client, world).get(reverse("circle_sharing_with", args=[world.support.pk])).content.decode()
    assert "Pethau sydd wedi digwydd o&#39;r blaen" in html and "Things that have happened before" not in html
    assert "Tan pryd? (dewisol)" in html and "Until when?" not in html
    assert "<h2>Rhoi'r gorau i rannu popeth</h2>" in html and "Stop sharing everything" not in html


def test_the_circle_page_and_its_form_are_in_welsh(client, world):
    html = in_welsh(client, world).get(reverse("circle", args=[world.person.pk])).content.decode()
    assert "Gwahodd rhywun" in html and "Invite someone" not in html
    assert "Eu cyfeiriad e-bost" in html and "Their e-mail address" not in html


def test_the_sharing_history_kept_in_all_my_data_stays_english(world):
    services.set_plan_sharing(person(world), world.support, world.plan, sections={"crisis"})
    with translation.override("cy"):
        [row] = sharing_history(world.person)
    assert row["what"] == "“If I am in crisis” from “My risk and safety plan”"
