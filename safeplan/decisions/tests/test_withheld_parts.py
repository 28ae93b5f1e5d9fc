"""Parts of a decision withheld from the person (issue 11, item 5; docs/adr/0010-withheld-items.md; hazard H27): a
view and a note on a law may be withheld, never the person's own view; the person sees the marker where each sits,
a supporter the decision is shared with sees it as if never written, the care team sees it with the reason; the
agreement's signatures say so; the person's copy of all their data never holds the words."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.decisions import services
from safeplan.decisions.tests.conftest import DecisionWorld
from safeplan.exports import schema
from safeplan.exports.tests.helpers import ask, data, pdf_text
from safeplan.people.shares import Share
from safeplan.people.withholding_services import WithholdingError, withhold

SECRET_VIEW = "Marrowgate-3318 worries about the brother"
SECRET_NOTE = "Tamsworth-5520 safeguarding referral made"
REASON = "Knowing this now would be likely to cause serious harm to their mental health."
MARKER = "Something here is not shown to you"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LATER = date.today() + timedelta(days=30)


class WithheldDecisionWorld(DecisionWorld):
    def __init__(self):
        super().__init__()
        self.option = self.home()
        self.persons = services.record_view(self.me, self.decision, reasons="I miss my cat", preferred=self.option)
        self.view = services.record_view(self.staff, self.decision, reasons=SECRET_VIEW, preferred=self.carry_on)
        self.check = services.check_framework(
            self.staff, self.decision, framework="safeguarding", applies=True, note=SECRET_NOTE
        )
        for object_type, row in [("decision_view", self.view), ("decision_legal_check", self.check)]:
            withhold(self.staff, object_type, row.pk, reason=REASON, review_on=LATER)
        self.agreement = services.propose_agreement(
            self.staff, self.decision, chosen=self.option, look_again_if="Things get worse", review_on=LATER
        )

    @property
    def url(self) -> str:
        return reverse("decision", kwargs={"person_id": self.person.pk, "decision_id": self.decision.pk})


@pytest.fixture
def world(db) -> WithheldDecisionWorld:
    return WithheldDecisionWorld()


def test_the_person_sees_markers_where_the_withheld_parts_sit_and_never_their_words(client, world):
    client.force_login(world.person.user)
    page = client.get(world.url).content.decode()
    assert SECRET_VIEW not in page and SECRET_NOTE not in page and REASON not in page
    assert page.count(MARKER) == 2 and "I miss my cat" in page
    assert "Not everyone prefers the same option" not in page  # the disagreement is the withheld view's
    assert "This decision record includes something not shown to you" in page  # before they sign


def test_the_care_team_sees_them_with_the_reason_and_cannot_withhold_the_persons_own_view(client, world):
    client.force_login(world.practitioner)
    page = client.get(world.url).content.decode()
    assert SECRET_VIEW in page and SECRET_NOTE in page and page.count(REASON) == 2
    assert page.count(f"Withheld from {world.person.name_to_use}") == 2
    assert f"This decision record includes something not shown to {world.person.name_to_use}" in page
    with pytest.raises(WithholdingError, match="own view"):
        withhold(world.staff, "decision_view", world.persons.pk, reason=REASON, review_on=LATER)
    with pytest.raises(WithholdingError, match="not part of this record"):
        withhold(world.staff, "decision_option", world.option.pk, reason=REASON, review_on=LATER)


def test_a_supporter_it_is_shared_with_sees_the_record_as_if_they_were_never_written(client, world):
    Share.objects.create(
        support=world.person.supporters.get(user=world.supporter),
        object_type="decision",
        object_id=str(world.decision.pk),
        part="",
        shared_at=timezone.now(),
        shared_by=world.person.user,
    )
    client.force_login(world.supporter)
    response = client.get(world.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "I miss my cat" in page
    for hidden in [SECRET_VIEW, SECRET_NOTE, REASON, MARKER, "not shown to", "Withheld", "withheld"]:
        assert hidden not in page, hidden


def test_both_signatures_of_the_agreement_say_the_record_held_something_withheld(client, world):
    services.sign_agreement(world.me, world.agreement)
    services.sign_agreement(world.staff, world.agreement)
    client.force_login(world.person.user)
    page = client.get(world.url).content.decode()
    assert page.count("the decision record included something not shown to you") == 2
    client.force_login(world.practitioner)
    page = client.get(world.url).content.decode()
    assert page.count(f"the decision record included something not shown to {world.person.name_to_use}") == 2


def test_all_my_data_has_them_as_withheld_and_never_their_words(settings, tmp_path, world):
    settings.TASKS, settings.EXPORTS_DIR = IMMEDIATE, tmp_path / "exports"
    export = ask(world)
    document = data(export)
    assert schema.errors(document) == []
    text = json.dumps(document, ensure_ascii=False) + pdf_text(export)
    assert SECRET_VIEW not in text and SECRET_NOTE not in text and REASON not in text
    assert sorted(row["what"] for row in document["withheld"]) == [
        "a note in a decision about you",
        "a view in a decision about you",
    ]
    decision = document["records"]["decisions"]["decisions"][0]
    assert [view.get("withheld", False) for view in decision["views"]] == [False, True]
    assert [check.get("withheld", False) for check in decision["legal_frameworks"]] == [True]
