"""No lost updates: a stale edit is refused with a 409 page showing the newer words, across processes."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from safeplan.plans import services
from safeplan.plans.models import Entry, EntryRevision, Mode


def change_url(world, entry):
    return reverse(
        "plan_change_entry", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "entry_id": entry.pk}
    )


def test_two_people_editing_the_same_entry_one_saves_and_the_other_sees_the_newer_words(world):
    entry = world.team_writes(text="Weekly visits")
    first, second = Client(), Client()
    first.force_login(world.practitioner)
    second.force_login(world.lead)
    # Both open the form at revision 1.
    assert 'value="1"' in first.get(change_url(world, entry)).content.decode()
    assert 'value="1"' in second.get(change_url(world, entry)).content.decode()
    saved = first.post(change_url(world, entry), {"text": "Visits twice a week", "based_on": 1})
    assert saved.status_code == 302
    stale = second.post(change_url(world, entry), {"text": "Daily phone calls", "based_on": 1})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else changed this while you were writing" in page
    assert "Visits twice a week" in page  # the newer words
    assert str(world.practitioner) in page  # who wrote them
    assert "Daily phone calls" in page  # the user's own words, ready to re-apply
    assert 'name="based_on" type="hidden" value="2"' in page or 'value="2"' in page
    assert list(EntryRevision.objects.filter(entry=entry).values_list("fields__text", flat=True)) == [
        "Weekly visits",
        "Visits twice a week",
    ]
    reapplied = second.post(change_url(world, entry), {"text": "Daily phone calls", "based_on": 2})
    assert reapplied.status_code == 302
    assert EntryRevision.objects.filter(entry=entry).count() == 3


def test_a_stale_edit_of_the_persons_words_from_their_own_login_is_refused_too(client, world):
    entry = world.person_writes(text="Music")
    services.revise_entry(world.me, entry, fields={"text": "Music and running"}, based_on=1, mode=Mode.OWN)
    client.force_login(world.person.user)
    response = client.post(change_url(world, entry), {"text": "Only music", "based_on": 1})
    assert response.status_code == 409
    assert "Music and running" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_in_separate_connections_never_lose_a_revision(world):
    """Each thread has its own database connection, as separate server processes would: no in-process locks."""
    entry = world.team_writes(text="start")
    writers, attempts = 6, 5
    saved: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(writers)
    lock = threading.Lock()

    def work(n: int):
        try:
            start.wait()
            for attempt in range(attempts):
                text = f"writer {n} attempt {attempt}"
                while True:
                    current = Entry.objects.get(pk=entry.pk).revision
                    try:
                        services.revise_entry(
                            world.staff,
                            Entry.objects.get(pk=entry.pk),
                            fields={"text": text},
                            based_on=current,
                            mode=Mode.OWN,
                        )
                    except services.StaleEdit:
                        continue  # someone else got there first: read again, re-apply knowingly
                    with lock:
                        saved.append(text)
                    break
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    revisions = list(EntryRevision.objects.filter(entry=entry).order_by("number"))
    assert [r.number for r in revisions] == list(range(1, writers * attempts + 2))
    assert sorted(r.fields["text"] for r in revisions[1:]) == sorted(saved)
    assert Entry.objects.get(pk=entry.pk).revision == writers * attempts + 1
    world.plan.refresh_from_db()
    assert world.plan.revision == writers * attempts + 1  # every change moved the plan's counter once


@pytest.mark.django_db(transaction=True)
def test_racing_writers_on_one_revision_exactly_one_wins(world):
    entry = world.team_writes(text="start")
    writers = 6
    outcomes: list[str] = []
    start = threading.Barrier(writers)

    def work(n: int):
        try:
            start.wait()
            services.revise_entry(world.staff, entry, fields={"text": f"writer {n}"}, based_on=1, mode=Mode.OWN)
            outcomes.append("saved")
        except services.StaleEdit:
            outcomes.append("stale")
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved"] + ["stale"] * (writers - 1)
    assert EntryRevision.objects.filter(entry=entry).count() == 2


def test_when_the_other_person_took_the_entry_out_the_409_page_says_so_and_offers_to_add_it_again(world):
    entry = world.person_writes(text="Ring Alex")
    services.revise_entry(world.me, entry, fields={}, based_on=1, mode=Mode.OWN, removed=True)
    client = Client()
    client.force_login(world.person.user)
    response = client.post(change_url(world, entry), {"text": "Ring Alex after 6pm", "based_on": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "They took it out of the plan." in page and "add it again" in page
    assert "Ring Alex after 6pm" in page  # the user's words are not lost from the screen
    assert "Save my words instead" not in page
