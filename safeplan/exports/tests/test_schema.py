"""data.json follows its shipped JSON Schema, and the schema documents every field. (`jsonschema` is not installed
here, so the schema is checked by exports.schema's small checker, which is itself tested below.)"""

from safeplan.exports import schema
from safeplan.exports.tests.helpers import ask, data
from safeplan.people.capabilities import REGISTERED, Capability


def test_the_zips_json_validates_against_the_schema(world):
    document = data(ask(world))
    assert schema.errors(document) == []
    assert document["schema"] == "safeplan all-my-data" and document["schema_version"] == 1
    assert set(document["records"]) >= {"plans", "harm", "decisions"}
    assert document["withheld"] == [] and document["sharing_history"] == []
    decision = document["records"]["decisions"]["decisions"][0]
    assert decision["agreement"]["final_at"] is not None
    assert [len(decision[part]) for part in ["views", "capacity_assessments", "legal_frameworks", "outcomes"]] == [
        1,
        1,
        1,
        1,
    ]


def test_a_subject_access_copy_validates_too_and_carries_its_dates(world):
    from datetime import date

    document = data(ask(world, world.practitioner, received_on=date(2026, 1, 31)))
    assert schema.errors(document) == []
    assert document["export"]["kind"] == "subject access request"
    assert (document["export"]["received_on"], document["export"]["due_on"]) == ("2026-01-31", "2026-02-28")


def test_the_checker_finds_a_missing_key_a_wrong_type_and_an_unknown_field(world):
    document = data(ask(world))
    del document["person"]["full_name"]
    document["care_teams"][0]["current"] = "yes"
    document["export"]["surprise"] = 1
    document["export"]["generated_at"] = "yesterday"
    found = "\n".join(schema.errors(document))
    assert "$.person: 'full_name' is missing" in found
    assert "$.care_teams[0].current: expected boolean" in found
    assert "$.export: 'surprise' is not in the schema" in found
    assert "$.export.generated_at: 'yesterday' is not a date-time" in found


def walk(node, path="$"):
    """Every property in the schema, with its definition (following nothing: definitions are walked in $defs), also
    inside each alternative of an anyOf."""
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}", child
        yield from walk(child, f"{path}.{name}")
    if isinstance(node.get("items"), dict):
        yield from walk(node["items"], f"{path}[]")
    for index, option in enumerate(node.get("anyOf", [])):  # a shape or its withheld marker, say
        yield from walk(option, f"{path}|{index}")
    for name, child in node.get("$defs", {}).items():
        yield f"$defs.{name}", child
        yield from walk(child, f"$defs.{name}")


def test_the_schema_documents_every_field():
    undocumented = [path for path, node in walk(schema.schema()) if "$ref" not in node and not node.get("description")]
    assert undocumented == []


def test_a_capabilitys_withheld_and_sharing_lists_are_gathered_at_the_top(world, monkeypatch):
    def circle(person):
        return {
            "supporters": [],
            "withheld": [{"where": "your plan", "withheld_on": "2026-11-02", "decided_by": "Priya"}],
            "sharing_history": [{"what": "crisis section", "with": "Sam", "from": "2026-11-01"}],
        }

    monkeypatch.setitem(REGISTERED, "circle-test", Capability("circle-test", export=circle))
    document = data(ask(world))
    assert schema.errors(document) == []
    assert document["records"]["circle-test"] == {"supporters": []}
    assert document["withheld"][0]["where"] == "your plan"
    assert document["sharing_history"][0]["with"] == "Sam"


def test_the_checker_takes_either_shape_of_an_any_of_and_refuses_a_third():
    node = {"anyOf": [{"$ref": "#/$defs/withheld_item"}, {"type": "string", "description": "words"}]}
    marker = {"withheld": True, "withheld_on": "2026-11-02", "review_by": "2027-01-02", "decided_by": "Priya"}
    assert schema.errors(marker, node) == [] and schema.errors("words", node) == []
    assert schema.errors({**marker, "text": "the words"}, node) != []  # a withheld item never carries its words
    assert schema.errors(3, node) != []
