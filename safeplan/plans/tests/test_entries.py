import pytest
from django.db import DatabaseError, transaction

from safeplan.audit.models import AuditEvent
from safeplan.people.models import SupportRelationship
from safeplan.plans import services
from safeplan.plans.models import Entry, EntryRevision, ImmutableRecord, Mode, Voice
from safeplan.plans.snapshots import build_snapshot
from safeplan.plans.tests.conftest import writer


def test_every_entry_records_its_author_and_voice(world):
    mine = world.person_writes()
    theirs = world.team_writes()
    first = EntryRevision.objects.get(entry=mine)
    assert (mine.voice, first.mode, first.written_by, first.written_by_role) == (
        Voice.PERSON,
        Mode.OWN,
        world.person.user,
        "person",
    )
    second = EntryRevision.objects.get(entry=theirs)
    assert (theirs.voice, second.written_by, second.written_by_role) == (
        Voice.CARE_TEAM,
        world.practitioner,
        "practitioner",
    )


def test_a_practitioner_writing_the_persons_words_is_marked_as_written_with_or_for_them(world):
    entry = services.add_entry(
        world.staff,
        world.plan,
        section_key="staying-well",
        item_key="early-signs",
        fields={"text": "Not sleeping, stopping texting friends"},
        voice=Voice.PERSON,
        mode=Mode.TOGETHER,
    )
    snapshot = build_snapshot(world.refresh())
    shown = snapshot["sections"][3]["items"][3]["entries"][0]
    assert shown["id"] == entry.pk and shown["mode"] == "together" and shown["written_by_role"] == "practitioner"
    with pytest.raises(services.PlanError, match="together with the person"):
        services.add_entry(
            world.staff,
            world.plan,
            section_key="staying-well",
            item_key="early-signs",
            fields={"text": "x"},
            voice=Voice.PERSON,
            mode=Mode.OWN,
        )


def test_the_person_cannot_write_as_the_care_team(world):
    with pytest.raises(services.PlanError, match="not write as them"):
        services.add_entry(
            world.me,
            world.plan,
            section_key="staying-well",
            item_key="team-role",
            fields={"text": "x"},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
        )
    assert not Entry.objects.exists()


def test_a_supporters_words_name_the_supporter(world):
    support = SupportRelationship.objects.get(user=world.supporter)
    entry = services.add_entry(
        world.staff,
        world.plan,
        section_key="staying-well",
        item_key="works-best",
        fields={"text": "Sitting with them helps"},
        voice=Voice.SUPPORTER,
        mode=Mode.FOR,
        supporter=support,
    )
    shown = build_snapshot(world.refresh())["sections"][3]["items"][4]["entries"][0]
    assert shown["id"] == entry.pk and str(world.supporter) in shown["voice_label"]
    other = SupportRelationship.objects.get(user=world.supporter_of_other)
    with pytest.raises(services.PlanError, match="which supporter"):
        services.add_entry(
            world.staff,
            world.plan,
            section_key="staying-well",
            item_key="works-best",
            fields={"text": "x"},
            voice=Voice.SUPPORTER,
            mode=Mode.FOR,
            supporter=other,
        )


def test_editing_makes_a_new_revision_and_keeps_the_old_one(world):
    entry = world.person_writes(text="Walking")
    services.revise_entry(world.me, entry, fields={"text": "Walking and swimming"}, based_on=1, mode=Mode.OWN)
    texts = list(EntryRevision.objects.filter(entry=entry).order_by("number").values_list("fields__text", flat=True))
    assert texts == ["Walking", "Walking and swimming"]
    entry.refresh_from_db()
    assert entry.revision == 2


def test_a_revision_is_never_changed_by_the_model_or_the_database(world):
    entry = world.person_writes()
    revision = EntryRevision.objects.get(entry=entry)
    revision.fields = {"text": "rewritten"}
    with pytest.raises(ImmutableRecord):
        revision.save()
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        EntryRevision.objects.filter(pk=revision.pk).update(fields={"text": "rewritten"})


def test_a_differing_view_stands_beside_the_entry_and_neither_overwrites_the_other(world):
    staff_entry = world.team_writes(text="Medication has helped most")
    view = services.add_entry(
        world.me,
        world.plan,
        section_key="",
        item_key="",
        fields={"text": "Talking to my sister helped more"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
        responds_to=staff_entry,
    )
    with pytest.raises(services.PlanError, match="care team's view"):
        services.revise_entry(world.me, staff_entry, fields={"text": "changed"}, based_on=1, mode=Mode.OWN)
    with pytest.raises(services.PlanError, match="together with them"):
        services.revise_entry(world.staff, view, fields={"text": "changed"}, based_on=1, mode=Mode.FOR)
    services.revise_entry(world.staff, staff_entry, fields={"text": "Medication and contact"}, based_on=1, mode="own")
    shown = build_snapshot(world.refresh())["sections"][3]["items"][5]["entries"]
    assert [e["fields"]["text"] for e in shown] == ["Medication and contact"]
    assert [v["fields"]["text"] for v in shown[0]["views"]] == ["Talking to my sister helped more"]


def test_a_view_must_come_from_someone_other_than_the_author(world):
    staff_entry = world.team_writes()
    with pytest.raises(services.PlanError, match="someone other than"):
        services.add_entry(
            world.staff,
            world.plan,
            section_key="",
            item_key="",
            fields={"text": "x"},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
            responds_to=staff_entry,
        )


def test_a_removed_contact_is_not_shown_as_current_but_stays_in_history(world):
    contact = services.add_entry(
        world.me,
        world.plan,
        section_key="crisis",
        item_key="contact",
        fields={"name": "Alex Example", "phone": "07700 900123", "relationship": "old flatmate"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
    )
    services.revise_entry(world.me, contact, fields={}, based_on=1, mode=Mode.OWN, removed=True)
    snapshot = build_snapshot(world.refresh())
    assert "Alex Example" not in str(snapshot)
    assert EntryRevision.objects.filter(entry=contact).count() == 2


def test_bad_input_gets_a_specific_error_and_changes_nothing(world):
    before = (Entry.objects.count(), AuditEvent.objects.count(), world.refresh().revision)
    cases = [
        ({"name": "", "phone": "07700 900123"}, "Enter name"),
        ({"name": "Sam", "phone": "1" * 41}, "40 characters or fewer"),
    ]
    for fields, message in cases:
        with pytest.raises(services.PlanError, match=message):
            services.add_entry(
                world.me,
                world.plan,
                section_key="crisis",
                item_key="contact",
                fields=fields,
                voice="person",
                mode="own",
            )
    with pytest.raises(services.PlanError, match="not part of this plan"):
        services.add_entry(
            world.me, world.plan, section_key="crisis", item_key="nope", fields={}, voice="person", mode="own"
        )
    with pytest.raises(services.PlanError, match="Choose one of the options"):
        services.add_entry(
            world.me,
            world.plan,
            section_key="inventory",
            item_key="self-harm",
            fields={"answer": "maybe"},
            voice="person",
            mode="own",
        )
    assert (Entry.objects.count(), AuditEvent.objects.count(), world.refresh().revision) == before


def test_every_change_is_audited_with_the_person_and_purpose(world):
    before = AuditEvent.objects.count()
    entry = world.person_writes()
    services.revise_entry(world.me, entry, fields={"text": "More"}, based_on=1, mode=Mode.OWN)
    rows = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq"))
    assert [(r.action, r.object_type, r.object_version) for r in rows] == [
        ("create", "plan_entry", "1"),
        ("update", "plan_entry", "2"),
    ]
    assert all(r.person_id == world.person.pk and r.purpose == "self" for r in rows)


def test_emergency_access_can_read_a_plan_but_not_change_it(world):
    from safeplan.people import services as people_services

    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_practitioner,
        nhs_number=world.person.nhs_number,
        reason="Police called about a welfare concern tonight",
    )
    emergency = writer(world.other_practitioner, world.person)
    with pytest.raises(services.PlanError, match="Emergency access"):
        services.add_entry(
            emergency,
            world.plan,
            section_key="staying-well",
            item_key="coping",
            fields={"text": "x"},
            voice="care_team",
            mode="own",
        )


def test_an_entry_taken_out_of_the_plan_cannot_be_changed_back_by_an_edit(world):
    entry = world.person_writes(text="Ring Alex")
    services.revise_entry(world.me, entry, fields={}, based_on=1, mode=Mode.OWN, removed=True)
    with pytest.raises(services.PlanError, match="taken out of the plan"):
        services.revise_entry(world.me, entry, fields={"text": "Ring Alex"}, based_on=2, mode=Mode.OWN)
    assert EntryRevision.objects.filter(entry=entry).count() == 2
