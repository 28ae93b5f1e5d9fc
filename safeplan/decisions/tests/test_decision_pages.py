import html as html_module
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.decisions import services
from safeplan.decisions.models import CapacityAssessment, Option
from safeplan.plans.tests.test_plan_access import OUTSIDERS

LATER = timezone.localdate() + timedelta(days=14)


def urls(world) -> list[tuple[str, str]]:
    home = world.home()
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    return [
        ("get", reverse("decision_list", kwargs={"person_id": world.person.pk})),
        ("post", reverse("decision_list", kwargs={"person_id": world.person.pk})),
        ("get", reverse("decision", kwargs=d)),
        ("get", reverse("decision_add_option", kwargs=d)),
        ("post", reverse("decision_add_option", kwargs=d)),
        ("get", reverse("decision_add_harm", kwargs={**d, "option_id": home.pk})),
        ("post", reverse("decision_add_harm", kwargs={**d, "option_id": home.pk})),
        ("get", reverse("decision_add_view", kwargs=d)),
        ("post", reverse("decision_add_view", kwargs=d)),
        ("get", reverse("decision_capacity", kwargs=d)),
        ("post", reverse("decision_capacity", kwargs=d)),
        ("get", reverse("decision_frameworks", kwargs=d)),
        ("post", reverse("decision_frameworks", kwargs=d)),
        ("get", reverse("decision_agreement", kwargs=d)),
        ("post", reverse("decision_agreement", kwargs=d)),
        ("post", reverse("decision_sign", kwargs=d)),
        ("get", reverse("decision_outcome", kwargs=d)),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_not_found_on_every_decision_url_and_the_refusal_is_audited(client, world, outsider):
    user = world.outsiders()[outsider]
    addresses = urls(world)
    client.force_login(user)
    options = Option.objects.count()
    for method, url in addresses:
        seq = AuditEvent.objects.count()
        assert getattr(client, method)(url).status_code == 404, (method, url)
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", flat=True)) == ["denied"], url
    assert Option.objects.count() == options


def test_the_person_and_the_care_team_open_the_decision_pages(client, world):
    addresses = urls(world)
    for user in (world.person.user, world.practitioner):
        client.force_login(user)
        for method, url in addresses:
            if method == "get" and not ("capacity" in url and user == world.person.user):
                assert client.get(url).status_code == 200, (user, url)


def test_the_capacity_form_says_an_unwise_choice_is_not_incapacity_and_that_capacity_is_presumed(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    assert "Capacity is presumed" in client.get(reverse("decision", kwargs=d)).content.decode()
    form = client.get(reverse("decision_capacity", kwargs=d)).content.decode()
    assert "unwise does not mean someone lacks capacity" in form


def test_fluctuating_capacity_without_a_review_date_is_refused_with_a_clear_error(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    answers = {
        "understand": "yes",
        "retain": "yes",
        "weigh": "yes",
        "communicate": "yes",
        "notes": "It varies",
        "fluctuating": "on",
    }
    response = client.post(reverse("decision_capacity", kwargs=d), answers)
    assert response.status_code == 422
    assert "because it comes and goes" in response.content.decode()
    assert CapacityAssessment.objects.count() == 0


def test_a_decision_is_made_from_the_browserless_pages_end_to_end(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    home = world.home()
    client.force_login(world.person.user)
    client.post(
        reverse("decision_add_view", kwargs=d), {"whose": "person", "preferred": str(home.pk), "reasons": "I am ready"}
    )
    client.force_login(world.practitioner)
    review = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("decision_agreement", kwargs=d),
        {"chosen": str(home.pk), "look_again_if": "If I stop sleeping", "review_on": review},
    )
    assert response.status_code == 302
    client.post(reverse("decision_sign", kwargs=d))
    client.force_login(world.person.user)
    client.post(reverse("decision_sign", kwargs=d))
    page = client.get(reverse("decision", kwargs=d)).content.decode()
    assert "Agreed" in page and "I am ready" in page
    assert world.decision.agreement.final_at is not None
    assert services.persons_view(world.decision).reasons == "I am ready"


def decision_url(world) -> str:
    return reverse("decision", kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk})


def main_text(response) -> str:
    """The words of the page's main content, tags dropped and spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def agreed(world, *, against_preference=False, home=None):
    home = home or world.home()
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    chosen = world.carry_on if against_preference else home
    agreement = services.propose_agreement(
        world.staff, world.decision, chosen=chosen, look_again_if="If I stop sleeping", review_on=LATER
    )
    if against_preference:
        return services.decide_against_preference(world.staff, agreement, reason="The flat is being repaired")
    services.sign_agreement(world.staff, agreement)
    return services.sign_agreement(world.me, agreement)


def test_the_persons_view_comes_first_on_the_decision_page(client, world):
    home = world.home()
    services.record_view(world.staff, world.decision, reasons="One more week on the ward", preferred=world.carry_on)
    services.record_view(world.me, world.decision, reasons="I am ready to go home", preferred=home)
    for user in (world.person.user, world.practitioner):
        client.force_login(user)
        text = main_text(client.get(decision_url(world)))
        assert text.index("I am ready to go home") < text.index("One more week on the ward"), user


def test_once_agreed_the_decision_is_at_the_top_of_the_page_with_its_dates(client, world):
    agreement = agreed(world)
    on = timezone.localtime(agreement.final_at).strftime("%-d %B %Y")
    summary = f"Agreed: Go home on Saturday, on {on}, review {LATER.strftime('%-d %B %Y')}"
    for user in (world.person.user, world.practitioner):
        client.force_login(user)
        text = main_text(client.get(decision_url(world)))
        assert summary in text, user
        assert text.index(summary) < text.index("Options") < text.index("The agreement")


def test_a_decision_against_the_persons_preference_says_so_at_the_top(client, world):
    agreed(world, against_preference=True)
    for user, whose in [(world.person.user, "your"), (world.practitioner, world.person.name_to_use + "'s")]:
        client.force_login(user)
        text = main_text(client.get(decision_url(world)))
        top = text[: text.index("Options")]
        assert "Agreed: Carry on as now" in top
        assert f"decided against {whose} preference: The flat is being repaired" in top, user


def test_the_sign_button_comes_after_the_agreement_and_a_link_at_the_top_leads_down_to_it(client, world):
    home = world.home()
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    services.propose_agreement(
        world.staff, world.decision, chosen=home, look_again_if="If I stop sleeping", review_on=LATER
    )
    client.force_login(world.person.user)
    html = client.get(decision_url(world)).content.decode()
    link = html.index('<a href="#agreement">Read the agreement and sign it</a>')
    assert link < html.index("<h2>Options</h2>") < html.index('<h2 id="agreement">The agreement</h2>')
    sign = html.index("Sign the agreement")
    assert html.index("If I stop sleeping") < html.index("not signed yet") < sign
    services.sign_agreement(world.me, world.decision.agreement)
    html = client.get(decision_url(world)).content.decode()
    assert "Read the agreement and sign it" not in html and "Sign the agreement" not in html


def test_the_person_reads_plain_words_on_their_decision_pages(client, world):
    home = world.home()
    services.add_later_harm(
        world.staff,
        home,
        area="liberty",
        description="A section if it goes badly",
        likelihood="unlikely",
        seriousness="serious",
    )
    services.record_view(world.staff, world.decision, reasons="One more week on the ward", preferred=world.carry_on)
    services.assess_capacity(
        world.staff,
        world.decision,
        understand=True,
        retain=True,
        weigh=True,
        communicate=True,
        notes="Talked it through with pictures.",
        fluctuating=True,
        review_on=LATER,
    )
    services.check_framework(world.staff, world.decision, framework="safeguarding", applies=False, note="")
    agreed(world, against_preference=True, home=home)
    client.force_login(world.person.user)
    text = main_text(client.get(decision_url(world)))
    assert "The laws that might apply" in text and "your care team has not looked at this yet" in text
    assert "Whether you can make this decision" in text and "Protecting you from abuse or neglect" in text
    assert "Freedom (for example, being kept in hospital): A section if it goes badly" in text
    listed = main_text(client.get(reverse("decision_list", kwargs={"person_id": world.person.pk})))
    assert "Decided against your preference" in listed
    for page in (text, listed):
        for jargon in ("capacity", "framework", "practitioner", "staff", "liberty", "the person's", "bears on"):
            assert jargon not in page.lower(), jargon


def test_the_person_reads_plain_words_on_the_forms_they_can_open(client, world):
    home = world.home()
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.person.user)
    forms = {
        "decision_frameworks": "The laws that might apply",
        "decision_add_view": "Which option do you prefer?",
        "decision_agreement": "What will your care team do?",
        "decision_add_option": "What is the option?",
        "decision_outcome": "What happened?",
    }
    pages = {name: main_text(client.get(reverse(name, kwargs=d))) for name in forms}
    pages["decision_add_harm"] = main_text(client.get(reverse("decision_add_harm", kwargs={**d, "option_id": home.pk})))
    for name, words in forms.items():
        assert words in pages[name], name
    assert "Freedom (for example, being kept in hospital)" in pages["decision_add_harm"]
    for name, page in pages.items():
        for jargon in ("capacity", "framework", "practitioner", "staff", "liberty", "the person", "bear on"):
            assert jargon not in page.lower(), (name, jargon)
    refused = client.post(reverse("decision_frameworks", kwargs=d), {"note": "What about my rights?"})
    assert refused.status_code == 422 and "Choose which law" in refused.content.decode()


def test_staff_keep_the_clinical_and_legal_terms(client, world):
    home = world.home()
    services.add_later_harm(
        world.staff,
        home,
        area="liberty",
        description="A section if it goes badly",
        likelihood="unlikely",
        seriousness="serious",
    )
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    text = main_text(client.get(decision_url(world)))
    assert "Legal frameworks" in text and "Mental capacity: not considered yet" in text
    assert "Capacity is presumed" in text and "Liberty: A section if it goes badly" in text
    assert "Which framework?" in main_text(client.get(reverse("decision_frameworks", kwargs=d)))
    assert "What will staff do?" in main_text(client.get(reverse("decision_agreement", kwargs=d)))
