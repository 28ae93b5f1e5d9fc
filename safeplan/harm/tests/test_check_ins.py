"""Check-ins belong to the person: private by default, shared only by their choice, and the chart shows exactly them."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.harm import services
from safeplan.harm.charts import technique_charts
from safeplan.harm.models import CheckIn
from safeplan.harm.tests.test_harm_access import harm_urls
from safeplan.plans import services as plan_services
from safeplan.plans.models import Mode


def url(world, name, **kwargs):
    return reverse(name, kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk, **kwargs})


def check_in(world, entry, days_ago=0, helped=3, share=False, writer=None):
    return services.add_check_in(
        writer or world.me,
        world.harm_plan,
        entry=entry,
        used_on=timezone.localdate() - timedelta(days=days_ago),
        helped=helped,
        share=share,
    )


def test_a_check_in_is_private_unless_the_person_shares_it(client, world):
    ice = world.choose("ice")
    private = check_in(world, ice, helped=1)
    shared = check_in(world, ice, helped=4, share=True)
    assert not private.shared and shared.shared
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=private.pk)).status_code == 404
    assert client.get(url(world, "harm_check_in", check_in_id=shared.pk)).status_code == 200
    page = client.get(url(world, "harm_check_ins")).content.decode()
    assert 'data-helped="4"' in page and 'data-helped="1"' not in page


def test_the_person_chooses_to_share_and_to_stop_sharing(client, world):
    entry = check_in(world, world.choose("ice"))
    client.force_login(world.person.user)
    client.post(url(world, "harm_share_check_in", check_in_id=entry.pk), {"shared": "yes"})
    entry.refresh_from_db()
    assert entry.shared
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=entry.pk)).status_code == 200
    client.force_login(world.person.user)
    client.post(url(world, "harm_share_check_in", check_in_id=entry.pk), {"shared": "no"})
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=entry.pk)).status_code == 404


def test_only_the_person_can_change_who_sees_a_check_in(world):
    entry = check_in(world, world.choose("ice"), share=True)
    with pytest.raises(plan_services.PlanError, match="Only you"):
        services.set_sharing(world.staff, entry, shared=False)


def test_a_check_in_recorded_by_a_practitioner_with_the_person_is_shared(world):
    entry = check_in(world, world.choose("ice"), writer=world.staff)
    assert entry.shared and entry.recorded_by == world.practitioner


def test_nothing_is_recorded_without_someone_choosing_to(client, world):
    world.choose("ice")
    client.force_login(world.person.user)
    client.get(url(world, "harm_check_ins"))
    client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk}))
    assert CheckIn.objects.count() == 0


def test_the_charts_data_matches_the_check_ins(world):
    ice, band = world.choose("ice"), world.choose("band")
    made = [check_in(world, ice, 10, 1), check_in(world, ice, 3, 4), check_in(world, band, 5, 2)]
    charts = technique_charts(list(CheckIn.objects.all()), {ice.pk: "Holding ice", band.pk: "Snapping a band"})
    by_name = {c.name: [(p.used_on, p.helped) for p in c.points] for c in charts}
    assert by_name == {
        "Holding ice": [(made[0].used_on, 1), (made[1].used_on, 4)],
        "Snapping a band": [(made[2].used_on, 2)],
    }
    svg = str(charts[0].svg())
    assert svg.count("<rect") == 2 and f'data-used-on="{made[0].used_on.isoformat()}" data-helped="1"' in svg


def test_a_check_in_form_with_bad_input_says_what_is_wrong_and_saves_nothing(client, world):
    world.choose("ice")
    client.force_login(world.person.user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(url(world, "harm_check_ins"), {"used_on": tomorrow, "helped": "9"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Choose the technique you used" in page and "cannot be in the future" in page
    assert CheckIn.objects.count() == 0


def test_a_check_in_is_only_about_a_technique_in_this_plan(world):
    other_entry = world.person_writes()  # an entry in the person's safety plan
    with pytest.raises(plan_services.PlanError, match="Choose one of the techniques"):
        services.add_check_in(world.me, world.harm_plan, entry=other_entry, used_on=date(2026, 1, 1), helped=2)


def test_check_ins_are_audited(world):
    before = AuditEvent.objects.count()
    entry = check_in(world, world.choose("ice"))
    services.set_sharing(world.me, entry, shared=True)
    rows = list(AuditEvent.objects.filter(seq__gt=before, object_type="harm_check_in").values_list("action", flat=True))
    assert rows == ["create", "update"]


CHART = '<svg class="safeplan-chart"'


def since(first: date) -> str:
    today = timezone.localdate()
    return f"since {first:%B}" + (f" {first.year}" if first.year != today.year else "")


def test_the_sentence_above_each_chart_counts_only_the_check_ins_the_reader_may_see(client, world):
    ice = world.choose("ice")
    first = check_in(world, ice, 20, helped=4, share=True)
    check_in(world, ice, 10, helped=3)  # private: helped a lot, but only the person sees it
    check_in(world, ice, 5, helped=1, share=True)
    client.force_login(world.person.user)
    page = client.get(url(world, "harm_check_ins")).content.decode()
    sentence = f"Holding ice helped a lot 2 of 3 times {since(first.used_on)}."
    assert page.index(sentence) < page.index(CHART)
    client.force_login(world.practitioner)
    page = client.get(url(world, "harm_check_ins")).content.decode()
    sentence = f"Holding ice helped a lot 1 of 2 times {since(first.used_on)}."
    assert page.index(sentence) < page.index(CHART) and f'aria-label="{sentence}"' in page
    assert "2 of 3 times" not in page


def test_the_care_team_reads_one_shared_check_in_as_the_persons(client, world):
    check_in(world, world.choose("ice"), helped=3, share=True)
    client.force_login(world.practitioner)
    page = client.get(url(world, "harm_check_ins")).content.decode()
    assert f"{world.person.name_to_use} has checked in once about Holding ice: it helped a lot." in page


def test_the_table_under_the_chart_says_how_much_it_helped_in_words(client, world):
    check_in(world, world.choose("ice"), helped=2)
    client.force_login(world.person.user)
    page = client.get(url(world, "harm_check_ins")).content.decode()
    assert "It helped somewhat" in page and "2 of 4" not in page


def test_a_check_in_without_a_note_has_no_note_row(client, world):
    ice = world.choose("ice")
    bare = check_in(world, ice)
    noted = services.add_check_in(
        world.me, world.harm_plan, entry=ice, used_on=timezone.localdate(), helped=2, note="Kept it in the freezer"
    )
    client.force_login(world.person.user)
    page = visible_text(client.get(url(world, "harm_check_in", check_in_id=bare.pk)).content.decode())
    assert "Note" not in page and "None" not in page
    page = visible_text(client.get(url(world, "harm_check_in", check_in_id=noted.pk)).content.decode())
    assert "Note" in page and "Kept it in the freezer" in page


def test_a_check_in_on_a_technique_taken_out_of_the_plan_still_says_what_it_was_about(client, world):
    ice = world.choose("ice")
    entry = check_in(world, ice)
    plan_services.revise_entry(world.me, ice, fields={}, based_on=ice.revision, mode=Mode.OWN, removed=True)
    client.force_login(world.person.user)
    page = visible_text(client.get(url(world, "harm_check_in", check_in_id=entry.pk)).content.decode())
    assert "Technique A technique no longer in the plan" in page
    page = visible_text(client.get(url(world, "harm_check_ins")).content.decode())
    assert ": a technique no longer in the plan, it helped a lot" in page


class VisibleText(HTMLParser):
    """The words a reader sees or hears: text outside scripts and styles, and shown attribute values."""

    SHOWN = ("value", "aria-label", "placeholder", "alt", "title")

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        named = dict(attrs)
        if tag == "input" and named.get("type") == "hidden":
            return
        self.words += [value for key, value in attrs if key in self.SHOWN and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


PYTHON_VALUES = re.compile(r"\b(None|True|False)\b|\[\]|\{\}|\b\d{4}-\d{2}-\d{2}\b")


def test_no_harm_page_shows_a_python_value_as_words(client, world):
    urls = [url for method, url in harm_urls(world) if method == "get"]  # a check-in without a note among them
    pages = [(world.person.user, u) for u in urls if "talked-through" not in u]
    pages += [(world.practitioner, u) for u in urls]
    for user, page_url in pages:
        client.force_login(user)
        response = client.get(page_url)
        assert response.status_code == 200, page_url
        leaked = PYTHON_VALUES.findall(visible_text(response.content.decode()))
        assert not leaked, (page_url, leaked)
    client.force_login(world.person.user)
    response = client.post(url(world, "harm_check_ins"), {"used_on": "1/2/2026", "helped": "2"})
    assert response.status_code == 422  # the form shown again with what was entered
    assert not PYTHON_VALUES.findall(visible_text(response.content.decode()))
