"""The plan's current words as the plan page reads them (plans/current_words.py, SQL written once) against the rule in
the ORM (`current_revisions(plan, views=True, reader=...)`), for every kind of reader: the same entries, in the same
order, with the same values; and so the same snapshot."""

from safeplan.circle.tests.test_supporters_write import as_, share, supporter_adds
from safeplan.people.access import resolve_access
from safeplan.plans import services as plans
from safeplan.plans.current_words import current_words
from safeplan.plans.models import Mode, Voice
from safeplan.plans.queries import current_revisions


def values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def writes(world, writer, text, voice, **more):
    return plans.add_entry(
        writer,
        world.plan,
        section_key="crisis",
        item_key="feel-safe",
        fields={"text": text},
        voice=voice,
        mode=Mode.OWN,
        **more,
    )


def test_every_reader_gets_what_the_orm_rule_gives(world):
    share(world, ["crisis"], adds=["crisis"])
    hidden = supporter_adds(world, text="Jo's words, hidden from staff")
    supporter_adds(world, text="Jo's words, shown")
    staff = as_(world, world.practitioner)
    person = as_(world, world.person.user)
    first = writes(world, staff, "Team's words", Voice.CARE_TEAM)
    plans.revise_entry(staff, first, fields={"text": "Team's words, changed"}, based_on=1, mode=Mode.OWN)
    view = writes(world, person, "I see it differently", Voice.PERSON, responds_to=first)
    gone = writes(world, staff, "Taken out", Voice.CARE_TEAM)
    plans.revise_entry(staff, gone, fields={"text": "Taken out"}, based_on=1, mode=Mode.OWN, removed=True)
    plans.hide_from_staff(person, hidden, hidden=True)
    readers = {
        "staff": resolve_access(world.practitioner, world.person.pk),
        "person": resolve_access(world.person.user, world.person.pk),
        "supporter": resolve_access(world.supporter, world.person.pk),
        "no reader (a version)": None,
    }
    seen = {}
    for name, reader in readers.items():
        rule = list(current_revisions(world.plan, views=True, reader=reader).select_related("entry__supporter__user"))
        found = current_words(world.plan, reader)
        assert [(w.entry.pk, w.revision.pk) for w in found] == [(r.entry.pk, r.pk) for r in rule], name
        for words, revision in zip(found, rule, strict=True):
            read = vars(words.revision)
            assert {k: v for k, v in read.items() if k != "pk"} == {
                k: v for k, v in values(revision).items() if k in read
            }
            assert words.entry.pk == revision.entry.pk and words.revision.pk == revision.pk
            assert words.entry.voice == revision.entry.voice
            assert words.entry.hidden_from_staff_at == revision.entry.hidden_from_staff_at
            if revision.entry.supporter is not None:
                assert str(words.entry.supporter.user) == str(revision.entry.supporter.user)
                assert words.entry.supporter.get_kind_display() == revision.entry.supporter.get_kind_display()
        seen[name] = {w.entry.pk for w in found}
    assert hidden.pk in seen["person"] and hidden.pk in seen["supporter"]
    assert hidden.pk not in seen["staff"] and hidden.pk not in seen["no reader (a version)"]
    assert view.pk in seen["staff"] and first.pk in seen["staff"] and gone.pk not in seen["person"]


def test_the_snapshot_signed_and_hashed_is_the_one_the_orm_read_gave_for_every_reader(world, monkeypatch):
    from datetime import date

    from safeplan.plans import snapshots
    from safeplan.plans.current_words import CurrentWords
    from safeplan.plans.models import CrisisLine

    for position, name in [(1, "Samaritans"), (2, "NHS 111, option 2"), (2, "Crisis team")]:
        CrisisLine.objects.create(
            organisation=world.person.organisation,
            name=name,
            phone="116 123",
            hours="24 hours, every day",
            last_checked=date(2026, 11, position),
            position=position,
        )
    share(world, ["crisis"], adds=["crisis"])
    hidden = supporter_adds(world, text="Jo's words, hidden from staff")
    supporter_adds(world, text="Jo's words, shown")
    staff, person = as_(world, world.practitioner), as_(world, world.person.user)
    first = writes(world, staff, "Team's words, with “quotes” and Cymraeg: ŵ ŷ", Voice.CARE_TEAM)
    writes(world, person, "I see it differently", Voice.PERSON, responds_to=first)
    plans.hide_from_staff(person, hidden, hidden=True)
    readers = [
        None,
        *(resolve_access(u, world.person.pk) for u in (world.practitioner, world.person.user, world.supporter)),
    ]
    built = {id(r): snapshots.build_snapshot(world.plan, r) for r in readers}

    def through_the_orm(plan, reader=None):
        rule = current_revisions(plan, views=True, reader=reader).select_related("entry__supporter__user")
        return [CurrentWords(revision.entry, revision) for revision in rule]

    monkeypatch.setattr(snapshots, "current_words", through_the_orm)
    monkeypatch.setattr(
        snapshots,
        "load_all",
        lambda _columns, _sql, params, plain=False: list(
            CrisisLine.objects.filter(organisation_id=world.person.organisation_id)
        ),
    )
    for reader in readers:
        expected = snapshots.build_snapshot(world.plan, reader)
        assert built[id(reader)] == expected
        assert [line["name"] for line in expected["crisis_lines"]][-3:] == [
            "Samaritans",
            "Crisis team",
            "NHS 111, option 2",
        ]
        assert snapshots.content_hash(built[id(reader)]) == snapshots.content_hash(expected)
