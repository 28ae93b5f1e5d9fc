"""Sharing per section, per supporter, revocable at once (issue 11, items 2 and 8; hazards H23 and H24)."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from safeplan.audit.models import AuditEvent
from safeplan.circle import services
from safeplan.circle.tests.conftest import PRIVATE_WORDS, SHARED_WORDS
from safeplan.people.access import resolve_access
from safeplan.people.access_log import visits
from safeplan.people.records import Writer
from safeplan.people.shares import Share


def person(world) -> Writer:
    return Writer(world.person.user, resolve_access(world.person.user, world.person.pk))


def share(world, sections, ends_on=None):
    return services.set_plan_sharing(person(world), world.support, world.plan, sections=set(sections), ends_on=ends_on)


def plan_kwargs(world) -> dict:
    return {"person_id": world.person.pk, "plan_id": world.plan.pk}


def shown_urls(world) -> list[str]:
    """Every page a supporter may be shown a shared plan on."""
    version = {**plan_kwargs(world), "number": world.version.number}
    return [
        reverse("plan_list", kwargs={"person_id": world.person.pk}),
        reverse("plan", kwargs=plan_kwargs(world)),
        reverse("plan_version", kwargs=version),
        reverse("plan_print", kwargs=version),
        reverse("plan_pdf", kwargs=version),
    ]


def never_shown_urls(world) -> list[tuple[str, str]]:
    """Pages a supporter never reaches, shared or not: the rest of the record and every page that writes."""
    entry = world.plan.entries.first()
    return [
        ("get", reverse("person_record", kwargs={"person_id": world.person.pk})),
        ("get", reverse("plan_versions", kwargs=plan_kwargs(world))),
        ("get", reverse("plan_compare", kwargs=plan_kwargs(world))),
        (
            "get",
            reverse("plan_add_entry", kwargs={**plan_kwargs(world), "section_key": "crisis", "item_key": "feel-safe"}),
        ),
        ("get", reverse("plan_change_entry", kwargs={**plan_kwargs(world), "entry_id": entry.pk})),
        ("post", reverse("plan_list", kwargs={"person_id": world.person.pk})),
        ("post", reverse("plan_put_forward", kwargs=plan_kwargs(world))),
        ("get", reverse("decision_list", kwargs={"person_id": world.person.pk})),
    ]


def text_of(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return response.content.decode()


STATES = ["not shared", "crisis section shared", "whole plan shared", "revoked", "expired"]


def arrange(world, state: str) -> None:
    if state == "crisis section shared":
        share(world, ["crisis"])
    elif state == "whole plan shared":
        share(world, [s["key"] for s in world.plan.template.sections])
    elif state == "revoked":
        share(world, ["crisis"])
        share(world, [])
    elif state == "expired":
        share(world, ["crisis"], ends_on=date.today() + timedelta(days=1))


@pytest.mark.parametrize("state", STATES)
def test_a_supporter_sees_exactly_what_is_shared_on_every_page_pdf_and_print(client, world, state):
    arrange(world, state)
    client.force_login(world.supporter)
    later = datetime.now(UTC) + timedelta(days=3) if state == "expired" else datetime.now(UTC)
    with time_machine.travel(later):
        client.force_login(world.supporter)  # a new session on the later day
        for url in shown_urls(world):
            response = client.get(url)
            if state in ("not shared", "revoked", "expired"):
                assert response.status_code == 404, (state, url)
                continue
            assert response.status_code == 200, (state, url)
            text = text_of(response)
            if url.endswith("/plans/"):
                assert "My risk and safety plan" in text
                continue
            assert SHARED_WORDS in text, (state, url)
            assert (PRIVATE_WORDS in text) == (state == "whole plan shared"), (state, url)
        for method, url in never_shown_urls(world):
            assert getattr(client, method)(url).status_code == 404, (state, method, url)


def test_stopping_a_share_holds_from_the_very_next_request(client, world):
    share(world, ["crisis"])
    client.force_login(world.supporter)
    url = reverse("plan", kwargs=plan_kwargs(world))
    assert client.get(url).status_code == 200
    services.stop_sharing_everything(person(world), world.support)
    assert client.get(url).status_code == 404
    assert not Share.objects.current().exists() and Share.objects.filter(revoked_at__isnull=False).count() == 1


def test_a_supporter_never_sees_another_persons_plan_shared_with_them_by_someone_else(client, world):
    share(world, ["crisis"])
    client.force_login(world.supporter)
    other = {"person_id": world.other_person.pk, "plan_id": world.plan.pk}
    assert client.get(reverse("plan", kwargs=other)).status_code == 404


def test_only_the_person_chooses_what_is_shared(world):
    staff = Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))
    with pytest.raises(services.SharingError, match="Only you"):
        services.set_plan_sharing(staff, world.support, world.plan, sections={"crisis"})
    with pytest.raises(services.SharingError, match="Choose parts of"):
        share(world, ["not-a-section"])
    with pytest.raises(services.SharingError, match="cannot be in the past"):
        share(world, ["crisis"], ends_on=date.today() - timedelta(days=1))
    assert not Share.objects.exists()


def test_sharing_changes_are_audited_and_in_the_persons_sharing_history(client, world):
    seq = AuditEvent.objects.count()
    share(world, ["crisis"])
    share(world, [])
    rows = list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", "object_type", "object_version"))
    assert rows == [("create", "share", "shared crisis"), ("update", "share", "stopped crisis")]
    client.force_login(world.person.user)
    page = client.get(reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})).content.decode()
    assert "You shared “If I am in crisis” from “My risk and safety plan”" in page
    assert "You stopped sharing “If I am in crisis”" in page


def test_the_person_chooses_sections_on_their_sharing_page(client, world):
    client.force_login(world.person.user)
    url = reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})
    response = client.post(url, {f"sees-plan-{world.plan.pk}": ["crisis"], "ends_on": ""})
    assert response.status_code == 302
    assert set(Share.objects.current().values_list("part", flat=True)) == {"crisis"}
    overview = client.get(reverse("circle_sharing")).content.decode()
    assert "“If I am in crisis” from “My risk and safety plan”" in overview
    bad = client.post(url, {f"sees-plan-{world.plan.pk}": ["crisis"], "ends_on": "31/2/2020"})
    assert bad.status_code == 422 and set(Share.objects.current().values_list("part", flat=True)) == {"crisis"}


def test_nobody_but_the_person_reaches_the_sharing_pages(client, world):
    for outsider in [world.practitioner, world.supporter, world.oversight, world.administrator]:
        client.force_login(outsider)
        assert client.get(reverse("circle_sharing")).status_code == 404
        assert client.get(reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})).status_code == 404
    client.force_login(world.other_person.user)  # their own sharing page, where this supporter is not theirs
    assert client.get(reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})).status_code == 404


def test_a_supporters_reads_are_audited_as_shared_and_the_person_sees_them(client, world):
    share(world, ["crisis"])
    client.force_login(world.supporter)
    seq = AuditEvent.objects.count()
    client.get(reverse("plan", kwargs=plan_kwargs(world)))
    read = AuditEvent.objects.get(seq=seq + 1)
    assert (read.action, read.purpose, read.actor_role) == ("read", "shared", "supporter")
    latest = visits(world.person)[0][0]
    assert latest.who == str(world.supporter) and latest.what == "Looked at your plan"
    assert latest.why == "Shared with them by the person"


def test_the_supporters_page_links_what_is_shared(client, world):
    client.force_login(world.supporter)
    assert "Nothing has been shared with you yet" in client.get(reverse("supporting")).content.decode()
    share(world, ["crisis"])
    page = client.get(reverse("supporting")).content.decode()
    assert reverse("plan", kwargs=plan_kwargs(world)) in page


def test_the_sharing_page_offers_checkboxes_so_several_sections_can_be_shared_at_once(client, world):
    client.force_login(world.person.user)
    url = reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})
    page = client.get(url).content.decode()
    assert 'type="checkbox"' in page and f'name="sees-plan-{world.plan.pk}"' in page and 'type="radio"' not in page
    client.post(url, {f"sees-plan-{world.plan.pk}": ["crisis", "staying-well"], "ends_on": ""})
    assert set(Share.objects.current().values_list("part", flat=True)) == {"crisis", "staying-well"}


def test_all_my_data_holds_the_sharing_history_with_who_what_and_when_it_stopped(world):
    from safeplan.circle.export import sharing_history

    share(world, ["crisis"])
    share(world, [])
    [row] = sharing_history(world.person)
    assert row["with"] == str(world.supporter) and row["as"] == "supporter"
    assert row["what"] == "“If I am in crisis” from “My risk and safety plan”" and row["may_add"] is False
    assert row["shared_at"] is not None and row["stopped_at"] is not None
    assert sharing_history(world.other_person) == []
