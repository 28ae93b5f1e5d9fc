"""The sharing matrix (issue 11, "tests that must exist"): for each section of a plan and each state a supporter can be
in, every page that shows a plan (the plan, its version, print, PDF), the decision page, and adding words, answer
exactly what is shared; everything else is the outsiders' 404 (hazards H23 and H24)."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from safeplan.circle import invitations, services
from safeplan.circle.tests.conftest import CircleWorld
from safeplan.decisions import services as decisions
from safeplan.people.capabilities import shareables
from safeplan.people.tests.factories import UserFactory
from safeplan.plans import services as plans
from safeplan.plans.models import Mode, Voice

# A word that only ever appears in one section, so a page's text says which sections it showed.
TOKENS = {
    "crisis": "Zanzibar-crisis",
    "inventory": "Quillfeather-inventory",
    "history": "Ottoman-history",
    "staying-well": "Marmalade-staying",
}
DECISION_WORDS = "Should I take the night bus home from college?"
STATES = ["not invited", "invited", "shared to read", "shared to add to", "revoked", "expired"]
SEES = {"shared to read", "shared to add to"}


class MatrixWorld(CircleWorld):
    def __init__(self):
        super().__init__()
        fields = {
            "crisis": ("feel-safe", {"text": TOKENS["crisis"]}),
            "inventory": ("self-neglect", {"answer": "no", "details": TOKENS["inventory"]}),
            "history": ("event", {"when": "spring 2025", "what": TOKENS["history"]}),
            "staying-well": ("upsets-me", {"text": TOKENS["staying-well"]}),
        }
        for section, (item, words) in fields.items():
            plans.add_entry(
                self.me, self.plan, section_key=section, item_key=item, fields=words, voice=Voice.PERSON, mode=Mode.OWN
            )
        version = plans.put_forward(self.staff, self.plan)
        plans.sign_version(self.staff, version, content_hash_seen=version.content_hash)
        plans.sign_version(self.me, version, content_hash_seen=version.content_hash)
        self.version = version
        self.decision = decisions.start_decision(self.staff, question=DECISION_WORDS)


@pytest.fixture
def world(db) -> MatrixWorld:
    return MatrixWorld()


def arrange(world: MatrixWorld, state: str, section: str):
    """The supporter's account in this state for this section; returns the user who signs in."""
    plan = next(item for item in shareables(world.person) if item.object_id == str(world.plan.pk))
    if state == "not invited":
        return UserFactory()
    if state == "invited":
        invitations.invite(world.me, kind="supporter", name="Sam Newcomer", email="sam@example.org")
        return UserFactory(email="sam@example.org")
    if state in SEES:
        adds = {section} if state == "shared to add to" else set()
        services.set_sharing(world.me, world.support, plan, parts={section}, adds=adds)
    elif state == "revoked":
        services.set_sharing(world.me, world.support, plan, parts={section}, adds={section})
        services.stop_sharing_everything(world.me, world.support)
    elif state == "expired":
        services.set_sharing(world.me, world.support, plan, parts={section}, ends_on=date.today() + timedelta(days=1))
    return world.supporter


def text_of(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return response.content.decode()


def plan_urls(world: MatrixWorld) -> list[str]:
    ids = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    version = {**ids, "number": world.version.number}
    return [
        reverse("plan", kwargs=ids),
        reverse("plan_version", kwargs=version),
        reverse("plan_print", kwargs=version),
        reverse("plan_pdf", kwargs=version),
    ]


def add_url(world: MatrixWorld, section: str) -> str:
    item = {"crisis": "feel-unsafe", "inventory": "self-harm", "history": "event", "staying-well": "coping"}[section]
    ids = {"person_id": world.person.pk, "plan_id": world.plan.pk, "section_key": section, "item_key": item}
    return reverse("plan_add_entry", kwargs=ids)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("section", list(TOKENS))
def test_every_plan_page_answers_exactly_what_is_shared(client, world, section, state):
    user = arrange(world, state, section)
    later = datetime.now(UTC) + timedelta(days=3) if state == "expired" else datetime.now(UTC)
    with time_machine.travel(later):
        client.force_login(user)
        for url in plan_urls(world):
            response = client.get(url)
            if state not in SEES:
                assert response.status_code == 404, (state, url)
                continue
            assert response.status_code == 200, (state, url)
            text = text_of(response)
            shown = {key for key, token in TOKENS.items() if token in text}
            assert shown == {section}, (state, url, shown)
        decision = reverse("decision", kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk})
        assert client.get(decision).status_code == 404
        for other in TOKENS:
            words = {"text": "I will come with you", "answer": "no", "when": "May", "what": "I was there"}
            status = client.post(add_url(world, other), words).status_code
            adds = state == "shared to add to" and other == section and other != "inventory"  # yes/no: theirs only
            expected = 302 if adds else 404
            assert status == expected, (state, section, other, status)


@pytest.mark.parametrize("shared", [True, False])
def test_a_decision_is_shown_whole_only_when_shared(client, world, shared):
    decision = next(item for item in shareables(world.person) if item.object_type == "decision")
    if shared:
        services.set_sharing(world.me, world.support, decision, parts={""})
    else:  # something else is shared, so the supporter has access to the record, but not to the decision
        services.set_plan_sharing(world.me, world.support, world.plan, sections={"crisis"})
    client.force_login(world.supporter)
    url = reverse("decision", kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk})
    response = client.get(url)
    assert response.status_code == (200 if shared else 404)
    if shared:
        assert DECISION_WORDS in response.content.decode()
        assert reverse("decision", kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk}) in (
            client.get(reverse("supporting")).content.decode()
        )
    for name in ["decision_add_option", "decision_add_view", "decision_agreement"]:
        ids = {"person_id": world.person.pk, "decision_id": world.decision.pk}
        assert client.post(reverse(name, kwargs=ids), {"text": "x"}).status_code == 404, name
