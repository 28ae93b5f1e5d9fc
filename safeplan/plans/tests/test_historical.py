"""What is current, not historical (issue 13, item 3): the care team marks an old event "no longer current" with the
person (who decided, with whom, why, when; audited); it folds under "Earlier history" on every view — the plan, a
version, print and PDF — and leaves the summary; it is never deleted and comes back only by a new review; old entries
nobody has looked at again, and those the person asks about, are listed for the care team to go through."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.db import transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from safeplan.audit.models import AuditEvent
from safeplan.plans import services
from safeplan.plans.historical import due_for_review, historical
from safeplan.plans.models import Entry, EntryReview, Mode, Voice
from safeplan.plans.tests.conftest import PlanWorld

WHAT = "Took an overdose after losing the flat in Leeds"
WHY = "Ro has had a home and work for two years; this is not how things are now."


@pytest.fixture
def world(db) -> PlanWorld:
    made = PlanWorld()
    with time_machine.travel(timezone.now() - timedelta(days=3 * 365)):  # written three years ago
        made.event = services.add_entry(
            made.staff,
            made.plan,
            section_key="history",
            item_key="event",
            fields={"when": "Spring 2019", "what": WHAT},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
        )
    made.person_writes(item_key="feel-safe", text="Sitting in the kitchen with my sister", section="crisis")
    return made


def mark_historical(world):
    return services.review_entry(world.staff, world.event, current=False, with_whom="with Ro at clinic", why=WHY)


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_marking_an_event_no_longer_current_folds_it_under_earlier_history_and_is_audited(client, world):
    seq = AuditEvent.objects.count()
    mark_historical(world)
    changed = AuditEvent.objects.get(seq__gt=seq)
    assert (changed.action, changed.object_type, changed.object_version) == ("update", "plan_entry", "historical")
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    for user in [world.person.user, world.practitioner]:
        html = page(client, user, url)
        earlier = html.index("Earlier history (1 entry no longer current)")
        assert earlier < html.index(WHAT) and WHY in html  # still readable, inside the fold, with why
        assert "with Ro at clinic" in html
    assert Entry.objects.filter(pk=world.event.pk).exists()  # never deleted


def test_a_version_its_print_and_its_pdf_fold_it_too_and_the_summary_leaves_it_out(client, world):
    version = services.put_forward(world.staff, world.plan)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    mark_historical(world)  # after it was agreed: decided at display time, like withholding
    kwargs = {"person_id": world.person.pk, "plan_id": world.plan.pk, "number": version.number}
    for name in ["plan_version", "plan_print"]:
        html = page(client, world.person.user, reverse(name, kwargs=kwargs))
        assert html.index("Earlier history") < html.index(WHAT)
    pdf = client.get(reverse("plan_pdf", kwargs=kwargs))
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert text.index("Earlier history, no longer current") < text.index("Took an overdose")
    summary = page(client, world.person.user, reverse("summary", kwargs={"person_id": world.person.pk}))
    assert WHAT not in summary and "Sitting in the kitchen with my sister" in summary


def test_only_a_new_review_brings_it_back_and_nobody_but_the_care_team_decides(world):
    mark_historical(world)
    with pytest.raises(services.PlanError, match="already marked no longer current"):
        mark_historical(world)
    for writer in [world.me]:
        with pytest.raises(services.PlanError, match="Your care team looks at this with you"):
            services.review_entry(writer, world.event, current=True, with_whom="me", why="It is true of me again now")
    with pytest.raises(services.PlanError, match="Say why"):
        services.review_entry(world.staff, world.event, current=True, with_whom="with Ro", why="ok")
    assert set(historical(world.plan)) == {world.event.pk}
    services.review_entry(world.staff, world.event, current=True, with_whom="with Ro", why="Ro asked us to keep it")
    assert list(EntryReview.objects.filter(entry=world.event).values_list("current", flat=True)) == [False, True]
    assert historical(world.plan) == {}  # the latest review decides (historical's own SQL, against the ORM's)
    latest = {r.entry_id: r for r in EntryReview.objects.filter(entry__plan=world.plan).order_by("entry", "written_at")}
    assert {k: v for k, v in latest.items() if not v.current} == historical(world.plan)
    with pytest.raises(DatabaseError), transaction.atomic():
        EntryReview.objects.filter(entry=world.event).update(why="Changed afterwards")


def due(person) -> list:
    """The list to go through, checked against the count the record page shows (counted apart, in the database)."""
    from safeplan.plans.at_a_glance import plans_at_a_glance

    listed = due_for_review(person)
    assert plans_at_a_glance(person, count_due=True)[1] == len(listed)  # the record page's own SQL
    return listed


def test_old_entries_nobody_has_looked_at_and_those_the_person_asks_about_are_listed(client, world):
    assert [d.entry.pk for d in due(world.person)] == [world.event.pk]
    world.person.organisation.history_review_years = 4
    world.person.organisation.save()
    world.person.refresh_from_db()
    assert due(world.person) == []
    recent = Entry.objects.filter(plan=world.plan, voice=Voice.PERSON).get()
    services.ask_for_review(world.me, recent, "This was true last winter, not now")
    assert [d.entry.pk for d in due(world.person)] == [recent.pk]
    listed = page(client, world.practitioner, reverse("plan_to_review", kwargs={"person_id": world.person.pk}))
    assert "This was true last winter, not now" in listed and "asked for it to be looked at again" in listed
    services.review_entry(world.staff, recent, current=False, with_whom="with Ro", why="Ro has moved on from this")
    assert due(world.person) == []  # looked at since they asked
    services.ask_for_review(world.me, recent, "And now it is true again, after all")
    assert [d.entry.pk for d in due(world.person)] == [recent.pk]  # asked again since it was looked at
    client.force_login(world.person.user)
    assert client.get(reverse("plan_to_review", kwargs={"person_id": world.person.pk})).status_code == 404


def test_the_person_asks_from_beside_an_old_entry_and_the_care_team_marks_it_from_beside_any(client, world):
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    kwargs = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    recent = Entry.objects.filter(plan=world.plan, voice=Voice.PERSON).get()
    mine = page(client, world.person.user, url)
    assert reverse("plan_ask_review", kwargs={**kwargs, "entry_id": world.event.pk}) in mine  # three years old
    assert reverse("plan_ask_review", kwargs={**kwargs, "entry_id": recent.pk}) not in mine  # written just now
    assert "No longer current?" in page(client, world.practitioner, url)
    review = reverse("plan_review_entry", kwargs={**kwargs, "entry_id": world.event.pk})
    assert client.post(review, {"with_whom": "", "why": ""}).status_code == 422
    response = client.post(review, {"with_whom": "with Ro at clinic", "why": WHY})
    assert response.status_code == 302 and EntryReview.objects.get().current is False


def test_something_withheld_and_no_longer_current_stays_withheld_on_every_view(client, world):
    from safeplan.people.withholding_services import withhold

    reason = "Knowing this now would be likely to cause serious harm to their mental health."
    assert [d.entry.pk for d in due(world.person)] == [world.event.pk]
    withhold(
        world.staff, "plan_entry", world.event.pk, reason=reason, review_on=timezone.localdate() + timedelta(days=9)
    )
    assert due(world.person) == []  # not to go through with the person: they may not see it
    version = services.put_forward(world.staff, world.plan)
    mark_historical(world)
    kwargs = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    for name, extra in [("plan", {}), ("plan_version", {"number": version.number})]:
        html = page(client, world.person.user, reverse(name, kwargs={**kwargs, **extra}))
        assert WHAT not in html and WHY not in html and "Something here is not shown to you" in html
        staff = page(client, world.practitioner, reverse(name, kwargs={**kwargs, **extra}))
        assert WHAT in staff and f"Withheld from {world.person.name_to_use}" in staff


def test_who_not_to_contact_is_never_folded_and_words_hidden_from_staff_are_not_asked_about(client, world):
    dale = services.add_entry(
        world.me,
        world.plan,
        section_key="crisis",
        item_key="do-not-contact",
        fields={"name": "Dale"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
    )
    with pytest.raises(services.PlanError, match="take it out of the plan instead"):
        services.review_entry(world.staff, dale, current=False, with_whom="with Ro", why="Ro says he has moved away")
    staff = page(
        client, world.practitioner, reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    )
    assert staff.count(">No longer current?<") == 2  # the event and what helps; never beside who not to contact
    with pytest.raises(services.PlanError, match="the entry itself"):
        services.ask_for_review(
            world.me,
            services.add_entry(
                world.me,
                world.plan,
                section_key="",
                item_key="",
                fields={"text": "I see it differently"},
                voice=Voice.PERSON,
                mode=Mode.OWN,
                responds_to=world.event,
            ),
        )


def test_the_list_to_go_through_reads_the_same_number_of_times_however_many_plans(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads() -> int:
        world.person.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            due_for_review(world.person)
        return len(captured.captured_queries)

    one = reads()
    for purpose in ["For work", "For home"]:
        more = services.start_plan(world.staff, world.template, purpose=purpose)
        services.add_entry(
            world.staff,
            more,
            section_key="crisis",
            item_key="feel-safe",
            fields={"text": "Tea"},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
        )
    assert reads() == one


def test_the_record_pages_plans_in_one_query_say_what_the_plan_pages_say(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safeplan.plans.at_a_glance import plans_at_a_glance
    from safeplan.plans.queries import plans_with_status

    def said(status) -> tuple:
        agreed, pending = status.agreed, status.pending
        return (
            agreed and (agreed.pk, agreed.number, agreed.agreed_at, agreed.review_due),
            pending and pending.pk,
            status.changed_since_agreed,
            status.overdue,
            status.tag,
            status.agreed_line(for_person=False),
        )

    def agrees() -> None:
        with CaptureQueriesContext(connection) as captured:
            glance, due = plans_at_a_glance(world.person, count_due=True)
            seen = [(plan.pk, said(status)) for plan, status in glance]
        assert len(captured.captured_queries) == 1
        assert seen == [(plan.pk, said(status)) for plan, status in plans_with_status(world.person)]
        assert due == len(due_for_review(world.person))

    agrees()  # a draft, never put forward; the old event is due
    version = services.put_forward(world.staff, world.plan)
    agrees()  # waiting to be agreed
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    agrees()  # agreed
    words = Entry.objects.filter(plan=world.plan, voice=Voice.PERSON).get()
    services.add_entry(
        world.staff,
        world.plan,
        section_key=words.section_key,
        item_key=words.item_key,
        fields={"text": "Something new since it was agreed"},
        voice=Voice.CARE_TEAM,
        mode=Mode.OWN,
    )
    world.plan.refresh_from_db()
    agrees()  # changed since it was agreed
    services.put_forward(world.staff, world.plan)
    agrees()  # agreed, and a newer version waiting
    mark_historical(world)
    services.start_plan(world.staff, world.template, purpose="For work")
    agrees()  # two plans; nothing due now
    assert plans_at_a_glance(world.person, count_due=False)[1] == 0
