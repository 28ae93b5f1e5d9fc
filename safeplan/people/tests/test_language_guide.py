"""The language guide (issue 13, item 5): every phrase in the shipped list gives its hint, written as staff write it;
none of the alternatives does; an organisation's own list is used instead once it has one; hints follow a save by the
care team without stopping it, and are counted by phrase and month with no names."""

import pytest
from django.urls import reverse

from safeplan.people.wording import LanguageHintCount, LanguagePhrase, guide_for, hints_in, shipped
from safeplan.plans.tests.conftest import PlanWorld


@pytest.fixture
def world(db) -> PlanWorld:
    return PlanWorld()


def add_url(world, item_key: str) -> str:
    kwargs = {
        "person_id": world.person.pk,
        "plan_id": world.plan.pk,
        "section_key": "staying-well",
        "item_key": item_key,
    }
    return reverse("plan_add_entry", kwargs=kwargs)


@pytest.mark.parametrize("hint", shipped(), ids=lambda hint: hint.phrase)
def test_each_shipped_phrase_gives_its_hint_however_it_is_written(hint):
    written = f"Seen today. {hint.phrase.upper().replace('-', ' ')}, according to the ward."
    assert hints_in([written], shipped()) == [hint]
    assert hints_in([f"Seen today, {hint.phrase.replace(' ', '-')}."], shipped()) == [hint]


def test_no_alternative_and_no_word_that_merely_contains_a_phrase_gives_a_hint():
    assert hints_in([hint.alternative for hint in shipped()], shipped()) == []
    assert hints_in(["Unrefused, riskyness, a manipulatives list"], shipped()) == []


def test_an_organisations_own_list_is_used_instead_of_the_shipped_one(world):
    org = world.person.organisation
    assert guide_for(org) == shipped()
    LanguagePhrase.objects.create(
        organisation=org, phrase="kicked off", alternative="became very distressed", why="Say what happened."
    )
    assert [hint.phrase for hint in guide_for(org)] == ["kicked off"]
    assert [hint.phrase for hint in hints_in(["Kicked off at reception; non-compliant."], guide_for(org))] == [
        "kicked off"
    ]


def test_the_care_team_gets_a_hint_after_saving_and_the_save_is_never_stopped(client, world):
    url = add_url(world, "team-thinks-helps")
    client.force_login(world.practitioner)
    form = client.get(url).content.decode()
    assert 'id="language-guide"' in form and "data-language-hints" in form  # live hints where scripts run
    response = client.post(
        url, {"text": "Non-compliant with medication; refused the depot.", "voice": "care_team:own"}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Non-compliant with medication" in page  # saved
    assert "You wrote “non-compliant”" in page and "You wrote “refused”" in page
    counts = dict(LanguageHintCount.objects.values_list("phrase", "shown"))
    assert counts == {"non-compliant": 1, "refused": 1}
    assert not {field.name for field in LanguageHintCount._meta.get_fields()} & {"person", "user", "text", "words"}


def test_the_person_writing_in_their_own_words_gets_no_hint_and_nothing_is_counted(client, world):
    url = add_url(world, "coping")
    client.force_login(world.person.user)
    assert 'id="language-guide"' not in client.get(url).content.decode()
    page = client.post(url, {"text": "I refused the depot because it made me shake."}, follow=True).content.decode()
    assert "A word to think about" not in page and not LanguageHintCount.objects.exists()


def test_hints_shown_are_counted_on_the_learning_page_without_names(client, world):
    from safeplan.people.wording import count_shown

    org = world.person.organisation
    for _ in range(6):
        count_shown(org, list(hints_in(["non-compliant"], shipped())))
    count_shown(org, list(hints_in(["refused"], shipped())))
    client.force_login(world.oversight)
    page = client.get(reverse("concerns_learning")).content.decode()
    words = " ".join(page[page.index("Words we are learning to use") :].split())
    assert '“non-compliant” </td> <td class="nhsuk-table__cell"> 6 </td>' in words and "fewer than 5" in words
    data = client.get(reverse("concerns_learning_json")).json()
    assert data["language_hints_shown"] == {"non-compliant": "6", "refused": "fewer than 5"}


def test_words_staff_write_down_for_the_person_get_no_hint_and_an_edit_counts_only_what_is_new(client, world):
    client.force_login(world.practitioner)
    words = {"text": "I refused the depot because it made me shake.", "voice": "person:for"}
    page = client.post(add_url(world, "coping"), words, follow=True).content.decode()
    assert "A word to think about" not in page and not LanguageHintCount.objects.exists()
    client.post(add_url(world, "team-thinks-helps"), {"text": "Refused the depot.", "voice": "care_team:own"})
    entry = world.plan.entries.get(item_key="team-thinks-helps")
    change = reverse(
        "plan_change_entry", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "entry_id": entry.pk}
    )
    client.post(change, {"text": "Refused the depot; seemed manipulative.", "based_on": "1"})
    assert dict(LanguageHintCount.objects.values_list("phrase", "shown")) == {"refused": 1, "manipulative": 1}


def test_a_phrase_an_administrator_wrote_cannot_break_out_of_the_page(client, world):
    LanguagePhrase.objects.create(
        organisation=world.person.organisation,
        phrase="</script><form action=https://elsewhere.example>",
        alternative="x",
        why="y",
    )
    client.force_login(world.practitioner)
    page = client.get(add_url(world, "team-thinks-helps")).content.decode()
    assert "</script><form action=https://elsewhere.example>" not in page


def test_the_care_teams_words_in_a_decision_get_hints_too_but_the_persons_view_written_down_does_not(client, db):
    from safeplan.decisions.tests.conftest import DecisionWorld

    world = DecisionWorld()
    kwargs = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    add_option = reverse("decision_add_option", kwargs=kwargs)
    assert 'id="language-guide"' in client.get(add_option).content.decode()
    option = {"title": "Stay on the ward", "benefits": "Less risky for a few days", "harms_now": "Feels trapped"}
    page = client.post(add_option, option, follow=True).content.decode()
    assert "You wrote “risky”" in page
    view = {"whose": "person", "reasons": "I refused the ward last time because it was loud", "preferred": ""}
    page = client.post(reverse("decision_add_view", kwargs=kwargs), view, follow=True).content.decode()
    assert "I refused the ward last time" in page and "You wrote “refused”" not in page  # saved, and no hint
    assert dict(LanguageHintCount.objects.values_list("phrase", "shown")) == {"risky": 1}
