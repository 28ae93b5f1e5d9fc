import socket
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader
from weasyprint import HTML

from safeplan.audit.models import AuditEvent
from safeplan.plans import services
from safeplan.plans.models import Mode, Voice
from safeplan.plans.pdf import offline_fetcher


def add(world, who, section, item, fields, voice=Voice.PERSON, mode=Mode.OWN, responds_to=None):
    return services.add_entry(
        who,
        world.plan,
        section_key=section,
        item_key=item,
        fields=fields,
        voice=voice,
        mode=mode,
        responds_to=responds_to,
    )


def agreed_plan(world):
    add(world, world.me, "crisis", "contact", {"name": "Jo Example", "relationship": "sister", "phone": "07700 900001"})
    add(
        world,
        world.me,
        "crisis",
        "do-not-contact",
        {"name": "Pat Example", "relationship": "father", "why": "It makes things worse"},
    )
    world.person_writes(text="Walking the dog every morning")
    version = services.put_forward(world.staff, world.plan)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    return version


def url(world, name, **kwargs):
    return reverse(name, kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, **kwargs})


def pdf_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def test_the_pdf_holds_the_plan_with_the_do_not_contact_list_first_and_the_version_on_every_page(client, world):
    version = agreed_plan(world)
    client.force_login(world.person.user)
    response = client.get(url(world, "plan_pdf", number=version.number))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_text(response.content)
    text = " ".join(" ".join(pages).split())
    assert "Walking the dog every morning" in text
    assert "Pat Example" in text and "It makes things worse" in text
    assert "Jo Example" in text and "07700 900001" in text
    assert text.index("Pat Example") < text.index("Jo Example") < text.index("Walking the dog")
    assert "Who wrote and agreed this plan" in text
    for page in pages:
        assert "Version 1" in page and "Page " in page
    export = AuditEvent.objects.filter(object_type="plan_version").order_by("-seq").first()
    assert export.action == "export" and export.actor_id == world.person.user.pk


def test_the_pdf_renderer_fetches_nothing_from_the_network(monkeypatch):
    attempts: list[object] = []

    def refuse(sock, address):
        attempts.append(address)
        raise OSError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    html = (
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><img src="http://127.0.0.1:9/x.png">'
        '<p style="font-family: url(https://127.0.0.1:9/font.woff2)">Hello</p>'
    )
    assert HTML(string=html, url_fetcher=offline_fetcher()).write_pdf().startswith(b"%PDF")
    assert attempts == []
    with pytest.raises(ValueError, match="disallowed protocol"):
        offline_fetcher().fetch("https://127.0.0.1:9/font.woff2")


def test_only_an_agreed_version_prints(client, world):
    world.person_writes()
    services.put_forward(world.staff, world.plan)
    client.force_login(world.practitioner)
    assert client.get(url(world, "plan_print", number=1)).status_code == 404
    assert client.get(url(world, "plan_pdf", number=1)).status_code == 404


def test_the_print_page_leads_with_the_crisis_section_and_do_not_contact(client, world):
    version = agreed_plan(world)
    client.force_login(world.practitioner)
    page = client.get(url(world, "plan_print", number=version.number)).content.decode()
    assert page.index("Do not contact") < page.index("Jo Example") < page.index("Walking the dog")


def test_the_plan_page_shows_do_not_contact_before_the_people_to_contact(client, world):
    agreed_plan(world)
    client.force_login(world.practitioner)
    page = client.get(url(world, "plan")).content.decode()
    assert page.index("Pat Example") < page.index("Jo Example")
    assert 'nhsuk-tag--red">Do not contact' in page


def test_the_comparison_shows_what_changed_section_by_section_and_who_changed_it(client, world):
    version = agreed_plan(world)
    contact = world.plan.entries.get(item_key="contact")
    services.revise_entry(
        world.me,
        contact,
        fields={"name": "Jo Example", "relationship": "sister", "phone": "07700 900999"},
        based_on=1,
        mode=Mode.OWN,
    )
    staff = world.team_writes(text="Regular contact with the team")
    add(world, world.me, "", "", {"text": "The dog helps more"}, responds_to=staff)
    client.force_login(world.person.user)
    page = client.get(url(world, "plan_compare") + f"?older={version.number}&newer=draft").content.decode()
    assert "07700 900001" in page and "07700 900999" in page
    assert page.index("If I am in crisis") < page.index("What I can do and what I need to stay safe")
    assert "Changed by " + str(world.person.user) in page
    assert "Added by " + str(world.practitioner) in page
    assert "A different view from" in page and "The dog helps more" in page


def test_comparing_a_version_with_itself_is_a_clear_error(client, world):
    agreed_plan(world)
    client.force_login(world.person.user)
    response = client.get(url(world, "plan_compare") + "?older=1&newer=1")
    assert response.status_code == 422
    assert "Choose two different versions to compare" in response.content.decode()


def test_the_person_sees_when_their_plan_was_agreed_and_when_it_is_next_reviewed(client, world):
    version = agreed_plan(world)
    client.force_login(world.person.user)
    page = client.get(reverse("plan_list", kwargs={"person_id": world.person.pk})).content.decode()
    assert f"Version 1 agreed with you on {version.agreed_at:%-d %B %Y}" in page
    assert "next review" in page


def test_an_agreed_plan_past_its_review_date_shows_as_overdue_on_the_caseload(client, world):
    import time_machine

    version = agreed_plan(world)
    client.force_login(world.practitioner)
    assert "Review overdue" not in client.get(reverse("caseload")).content.decode()
    with time_machine.travel(version.agreed_at.replace(year=version.agreed_at.year + 1), tick=False):
        client.force_login(world.practitioner)  # a year on, the old session has long expired
        page = client.get(reverse("caseload")).content.decode()
        assert "Review overdue" in page
        status = client.get(reverse("plan_list", kwargs={"person_id": world.person.pk})).content.decode()
        assert "Review overdue" in status


def test_a_six_step_plan_shows_the_organisations_crisis_lines_with_when_each_was_last_checked(client, world):
    from datetime import date

    from safeplan.plans.models import CrisisLine, PlanTemplate

    CrisisLine.objects.create(
        organisation=world.org, name="Test crisis line", phone="01632 960002", last_checked=date(2026, 10, 1)
    )
    plan = services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key="six-step", version=2))
    client.force_login(world.person.user)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})).content.decode()
    assert "Test crisis line" in page and "01632 960002" in page
    assert "Number last checked 1 October 2026" in page
