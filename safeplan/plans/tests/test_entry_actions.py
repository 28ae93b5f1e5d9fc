"""What each reader may do with an entry on the live plan page (plans/entry_actions.py): the links and buttons, their
words for screen readers and where they go, worked out once per entry in Python."""

import uuid

from django.urls import reverse

from safeplan.plans.models import Mode, Voice
from safeplan.plans.presenters import EntryView

PERSON, PLAN = uuid.uuid4(), uuid.uuid4()
SECTION = {"key": "coping", "title": "Things I can do to take my mind off things"}


def entry(id_=7, **overrides) -> dict:
    made = {
        "id": id_,
        "voice": Voice.PERSON,
        "voice_label": "Ro",
        "mode": Mode.TOGETHER,
        "revision": 3,
        "written_at": "2026-11-02T10:00:00+00:00",
        "fields": {},
    }
    return {**made, **overrides}


def view(**overrides) -> EntryView:
    made = {"name_to_use": "Ro", "writer_is_person": False, "can_write": True, "person_id": PERSON, "plan_id": PLAN}
    return EntryView(**{**made, **overrides})


def entry_url(name: str, entry_id: int = 7) -> str:
    return reverse(name, kwargs={"person_id": PERSON, "plan_id": PLAN, "entry_id": entry_id})


def test_the_care_team_may_change_answer_and_review_the_persons_words_with_words_for_screen_readers():
    acts = view(is_care_team=True).entry_actions(entry(), SECTION, "text")
    assert [(link.text, link.hidden, link.href) for link in acts.links] == [
        ("Change", " this entry by Ro", entry_url("plan_change_entry")),
        ("Add a different view", " beside this entry by Ro", entry_url("plan_answer_entry")),
    ]
    assert acts.review is not None and acts.review.text == "No longer current?"
    assert acts.review.href == entry_url("plan_review_entry") and "written 2 November 2026" in acts.review.hidden
    assert acts.writing and not acts.buttons and not acts.hidden_tag


def test_each_entry_gets_its_own_urls_from_one_shape_a_page():
    ui = view(is_care_team=True)
    first, second = ui.entry_actions(entry(7), SECTION, "text"), ui.entry_actions(entry(12), SECTION, "text")
    assert first.links[0].href == entry_url("plan_change_entry", 7)
    assert second.links[0].href == entry_url("plan_change_entry", 12)
    assert set(ui.shapes) >= {"plan_change_entry", "plan_answer_entry", "plan_review_entry"}
    assert all(str(PERSON) in shape and "7" not in shape.split(str(PLAN))[-1] for shape in ui.shapes.values())


def test_a_differing_view_is_not_answered_again_nor_reviewed_on_its_own():
    acts = view(is_care_team=True).entry_actions(entry(voice=Voice.CARE_TEAM), SECTION, "text", True)
    assert [link.text for link in acts.links] == ["Change"]
    assert acts.review is None


def test_withholding_links_are_the_care_teams_and_name_the_withholding():
    withheld = entry(withholding={"id": 41}, voice=Voice.CARE_TEAM, voice_label="Care team")
    acts = view(is_care_team=True).entry_actions(withheld, SECTION, "text")
    withhold = reverse("withhold", kwargs={"person_id": PERSON, "object_type": "plan_entry", "object_id": 7})
    release = reverse("release_withholding", kwargs={"person_id": PERSON, "withholding_id": 41})
    assert ("Review withholding", withhold) in [(link.text, link.href) for link in acts.links]
    assert ("Release it to Ro", release) in [(link.text, link.href) for link in acts.links]
    acts = view(is_care_team=True).entry_actions(entry(may_withhold=True), SECTION, "text")
    assert ("Withhold from Ro", ": this entry by Ro", withhold) in [(x.text, x.hidden, x.href) for x in acts.links]


def test_the_person_hides_a_supporters_words_or_takes_them_out_but_never_changes_them():
    supporters = entry(voice=Voice.SUPPORTER, voice_label="Jo", mode=Mode.OWN)
    acts = view(writer_is_person=True).entry_actions(supporters, SECTION, "text")
    assert "Change" not in [link.text for link in acts.links]
    assert [(b.name, b.value, b.text, b.action) for b in acts.buttons] == [
        ("hidden", "yes", "Hide from your care team", entry_url("plan_hide_entry")),
        ("based_on", "3", "Take out of the plan", entry_url("plan_remove_entry")),
    ]
    hidden = {**supporters, "hidden_from_staff": True}
    acts = view(writer_is_person=True).entry_actions(hidden, SECTION, "text")
    assert acts.hidden_tag == "Hidden from the care team"
    assert (acts.buttons[0].value, acts.buttons[0].text) == ("no", "Show to your care team")


def test_the_person_asks_for_an_old_entry_to_be_looked_at_again_but_not_a_new_one():
    ui = view(writer_is_person=True, old_before="2026-01-01T00:00:00")
    assert ui.entry_actions(entry(), SECTION, "text").review is None
    old = ui.entry_actions(entry(written_at="2025-06-01T10:00:00+00:00"), SECTION, "text")
    assert old.review is not None and old.review.text == "Ask for this to be looked at again"
    assert old.review.href == entry_url("plan_ask_review")


def test_a_supporter_changes_only_their_own_words_where_asked_and_a_reader_who_cannot_write_gets_no_links():
    ui = view(can_write=False, supporter_adds=frozenset({"coping"}), own_entries=frozenset({7}))
    acts = ui.entry_actions(entry(voice=Voice.SUPPORTER, voice_label="Jo"), SECTION, "text")
    assert [(link.text, link.hidden) for link in acts.links] == [("Change", " what you wrote")]
    acts = ui.entry_actions(entry(8), SECTION, "text")
    assert [link.text for link in acts.links] == ["Add your view"]
    elsewhere = ui.entry_actions(entry(7), {"key": "crisis", "title": "If I am in crisis"}, "text")
    assert elsewhere.links == () and elsewhere.writing
    reader = view(can_write=False).entry_actions(entry(), SECTION, "text")
    assert (reader.links, reader.buttons, reader.review, reader.writing) == ((), (), None, False)
