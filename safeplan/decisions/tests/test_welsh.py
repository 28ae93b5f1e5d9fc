"""In Welsh, the person's decision pages read in Welsh (the list, a decision, adding to it, the form's errors and a
service's refusal); what is stored stays English; the care team reads English."""

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone

from safeplan.decisions import services
from safeplan.decisions.models import Option

LATER = timezone.localdate() + timedelta(days=14)


def in_welsh(client, world):
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)


def decision_url(world, name="decision", **kwargs):
    return reverse(name, kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk, **kwargs})


def page(client, url):
    return unescape(client.get(url).content.decode())


def agreed(world):
    home = world.home()
    services.add_later_harm(
        world.staff,
        home,
        area="liberty",
        description="Recalled if it goes badly",
        likelihood="possible",
        seriousness="serious",
    )
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    agreement = services.propose_agreement(
        world.staff, world.decision, chosen=home, look_again_if="It goes badly", review_on=LATER, person_will="Ring in"
    )
    services.sign_agreement(world.me, agreement)
    services.sign_agreement(world.staff, agreement)
    return home


def test_the_decisions_list_is_in_welsh_and_a_missing_answer_is_asked_for_in_welsh(client, world):
    in_welsh(client, world)
    url = reverse("decision_list", kwargs={"person_id": world.person.pk})
    text = page(client, url)
    assert "<h1>Eich penderfyniadau</h1>" in text and "Dechrau penderfyniad" in text and "Yn cael ei drafod" in text
    assert "Your decisions" not in text and "Start a decision" not in text and "Being talked through" not in text
    text = unescape(client.post(url, {"question": "", "context": ""}).content.decode())
    assert "Rhowch beth yw'r penderfyniad" in text and "Enter what is the decision" not in text


def test_an_agreed_decision_reads_in_welsh_and_what_is_stored_stays_english(client, world):
    agreed(world)
    in_welsh(client, world)
    text = page(client, decision_url(world))
    assert "<h2>Dewisiadau</h2>" in text and "<h2>Options</h2>" not in text
    assert "Parhau fel nawr" in text and "Carry on as now" not in text  # the option safeplan writes itself
    assert "Go home on Saturday" in text  # the options people wrote, as they wrote them
    assert "Rhyddid (er enghraifft, cael eich cadw yn yr ysbyty): Recalled if it goes badly (posibl, difrifol)" in text
    assert "Beth fyddwch chi'n ei wneud:" in text and "You will:" not in text
    assert "A allwch chi wneud y penderfyniad hwn eich hun" in text and "Whether you can make" not in text
    assert "Wedi cytuno: Go home on Saturday, ar " in text and "Agreed: " not in text
    assert Option.objects.get(decision=world.decision, carry_on=True).title == "Carry on as now"


def test_adding_to_a_decision_is_in_welsh_and_so_is_a_refusal(client, world):
    home = world.home()
    in_welsh(client, world)
    text = page(client, decision_url(world, "decision_add_harm", option_id=home.pk))
    assert "Beth allai “Go home on Saturday” ei gostio yn nes ymlaen?" in text and "Tebygol" in text
    assert "cost later?" not in text and ">Likely<" not in text
    text = unescape(
        client.post(decision_url(world, "decision_add_option"), {"title": "go home on saturday"}).content.decode()
    )
    assert "Mae dewis gyda'r enw hwnnw eisoes." in text and "There is already an option" not in text
    assert world.decision.options.count() == 2


def test_the_care_team_reads_the_decision_in_english(client, world):
    agreed(world)
    client.force_login(world.practitioner)
    text = page(client, decision_url(world))
    assert "<h2>Options</h2>" in text and "Carry on as now" in text and "<h2>Capacity</h2>" in text
    assert "Dewisiadau" not in text
