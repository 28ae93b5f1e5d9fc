from pathlib import Path

import pytest

from safeplan.people.tests.factories import OrganisationFactory
from safeplan.plans import services
from safeplan.plans.models import PlanTemplate
from safeplan.plans.plan_templates import TEMPLATE_DIR, TemplateError, load_shipped_templates

SHIPPED = sorted(p.name for p in TEMPLATE_DIR.glob("*.toml"))

GOOD = """
key = "tiny"
version = 1
title = "A tiny plan"
summary = "For tests."
description = "For tests."
[[sections]]
key = "one"
title = "One"
  [[sections.items]]
  key = "words"
  kind = "text"
  prompt = "What helps you?"
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_templates_are_loaded_by_migrate_each_version_kept(db):
    shipped = PlanTemplate.objects.filter(organisation=None)
    assert sorted(shipped.values_list("key", "version")) == [
        ("harm-minimisation", 1),
        ("joint-crisis", 1),
        ("joint-crisis", 2),
        ("person-centred", 1),
        ("person-centred", 2),
        ("six-step", 1),
        ("six-step", 2),
    ]
    assert SHIPPED == [
        "joint-crisis-v2.toml",
        "joint-crisis.toml",
        "person-centred-v2.toml",
        "person-centred.toml",
        "six-step-v2.toml",
        "six-step.toml",
    ]


def test_the_person_centred_template_asks_the_seven_inventory_questions_and_about_children(db):
    template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=2)
    inventory = next(s for s in template.sections if s["key"] == "inventory")
    assert len(inventory["items"]) == 8  # six areas, and contact with children asked as two questions
    children = next(i for i in inventory["items"] if i["key"] == "risk-to-children")
    assert "specific assessment" in children["if_yes"]
    crisis = next(s for s in template.sections if s["key"] == "crisis")
    assert {i["kind"] for i in crisis["items"]} >= {"contact", "do_not_contact"}


def test_prompts_speak_to_the_person(db):
    for template in PlanTemplate.objects.filter(organisation=None):
        for section in template.sections:
            for item in section["items"]:
                assert "you" in item["prompt"].lower(), item["prompt"]
                assert "manage your risk" not in item["prompt"].lower()


def test_the_six_step_template_cites_the_method_and_shows_crisis_lines(db):
    template = PlanTemplate.objects.get(organisation=None, key="six-step", version=2)
    assert "Stanley" in template.description and "Brown" in template.description
    assert any(s.get("crisis_lines") for s in template.sections)


def test_loading_again_changes_nothing(db):
    before = PlanTemplate.objects.count()
    result = load_shipped_templates()
    assert PlanTemplate.objects.count() == before
    assert len(result.unchanged) == 7 and not result.created


def test_a_new_version_of_a_file_is_loaded_beside_the_old(db, tmp_path):
    write(tmp_path, "tiny.toml", GOOD)
    load_shipped_templates(tmp_path)
    write(tmp_path, "tiny.toml", GOOD.replace("version = 1", "version = 2").replace("What helps", "What else helps"))
    load_shipped_templates(tmp_path)
    assert list(PlanTemplate.objects.filter(key="tiny").values_list("version", flat=True)) == [2, 1]


def test_changing_a_loaded_file_without_a_new_version_is_refused(db, tmp_path):
    write(tmp_path, "tiny.toml", GOOD)
    load_shipped_templates(tmp_path)
    write(tmp_path, "tiny.toml", GOOD.replace("What helps", "What else helps"))
    with pytest.raises(TemplateError, match="tiny.toml: tiny v1 has changed since it was loaded"):
        load_shipped_templates(tmp_path)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace('kind = "text"', 'kind = "essay"'), "kind 'essay' is not one of"),
        (GOOD.replace('title = "A tiny plan"\n', ""), "is missing title"),
        (GOOD.replace("version = 1", 'version = "one"'), "version must be a whole number"),
        (GOOD.replace('prompt = "What helps you?"', 'prompt = "  "'), "prompt must not be empty"),
        (GOOD.replace('key = "words"', 'key = "Words!"'), "must be lower-case letters"),
        (GOOD + 'colour = "blue"\n', "unknown setting: colour"),
        (GOOD.replace('kind = "text"', 'kind = "text"\n  if_yes = "x"'), "if_yes only applies to a yes_no item"),
        (GOOD.replace("[[sections]]", "[[sections]"), "not valid TOML"),
    ],
)
def test_a_malformed_template_file_is_rejected_with_a_message_naming_the_problem_and_nothing_is_loaded(
    db, tmp_path, broken, message
):
    write(tmp_path, "a-good-one.toml", GOOD.replace('key = "tiny"', 'key = "good"'))
    write(tmp_path, "broken.toml", broken)
    before = PlanTemplate.objects.count()
    with pytest.raises(TemplateError) as refused:
        load_shipped_templates(tmp_path)
    assert str(refused.value).startswith("broken.toml")
    assert message in str(refused.value)
    assert PlanTemplate.objects.count() == before
    assert not PlanTemplate.objects.filter(key="good").exists()


def test_two_items_with_one_key_in_a_section_are_refused(db, tmp_path):
    doubled = GOOD + '  [[sections.items]]\n  key = "words"\n  kind = "text"\n  prompt = "Again, you?"\n'
    write(tmp_path, "tiny.toml", doubled)
    with pytest.raises(TemplateError, match="the key 'words' is used by another item"):
        load_shipped_templates(tmp_path)


def test_an_organisations_copy_is_offered_in_place_of_the_shipped_template(world):
    shipped = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2)
    copy = PlanTemplate.objects.create(
        organisation=world.org,
        key=shipped.key,
        version=1,
        title="Our joint crisis plan",
        summary=shipped.summary,
        description=shipped.description,
        definition=shipped.definition,
        source="copy",
    )
    offered = services.templates_for(world.org.pk)
    assert copy in offered and shipped not in offered
    elsewhere = services.templates_for(OrganisationFactory().pk)
    assert shipped in elsewhere and copy not in elsewhere


def test_a_plan_remembers_the_template_version_it_was_started_from(world):
    first = world.plan.template
    newer = PlanTemplate.objects.create(
        organisation=None,
        key=first.key,
        version=9,
        title="My risk and safety plan, reworded",
        summary=first.summary,
        description=first.description,
        definition={**first.definition, "version": 9},
        source="test",
    )
    assert newer in services.templates_for(world.org.pk) and first not in services.templates_for(world.org.pk)
    started_now = services.start_plan(world.staff, newer)
    world.plan.refresh_from_db()
    assert (world.plan.template_id, started_now.template_id) == (first.pk, newer.pk)


def test_version_two_marks_what_the_crisis_page_shows_and_asks_how_to_reach_people(db):
    six = PlanTemplate.objects.get(organisation=None, key="six-step", version=2)
    uses = {(s["key"], i["key"]): i.get("crisis_use") for s in six.sections for i in s["items"]}
    assert uses[("on-my-own", "on-my-own")] == "try" and uses[("professionals", "where")] == "where"
    kinds = {(s["key"], i["key"]): i["kind"] for s in six.sections for i in s["items"]}
    assert kinds[("professionals", "professional")] == "professional"
    assert kinds[("surroundings", "safer")] == "safer_step"
    joint = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2)
    assert {i.get("crisis_use") for s in joint.sections for i in s["items"]} >= {"try", "where"}


@pytest.mark.parametrize("use", ["next", "", "TRY"])
def test_an_unknown_crisis_use_is_refused_naming_the_item(tmp_path, use):
    write(tmp_path, "tiny.toml", GOOD.replace('kind = "text"', f'kind = "text"\n  crisis_use = "{use}"'))
    with pytest.raises(TemplateError, match="item 1.*crisis_use|crisis_use must"):
        load_shipped_templates(tmp_path)
