"""In Welsh, the person's concerns pages read in Welsh (raising one, the list, the case with its steps, the response
and a restorative response); what is kept (what it is about, the ombudsman) stays English; staff read English."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from safeplan.concerns import restorative, services
from safeplan.concerns.about import SERVICE_ACTION, service_action, shown_about
from safeplan.concerns.models import Concern, Response
from safeplan.people.access import resolve_access
from safeplan.people.capabilities import ref
from safeplan.plans.tests.test_withheld import WithheldWorld

WHAT = "The ward sent me home on a Friday night with nobody told"


@pytest.fixture
def world(db) -> WithheldWorld:
    return WithheldWorld()


def in_welsh(client, world) -> None:
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)


def case_url(world, concern) -> str:
    return reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})


def answered(world) -> Concern:
    """A concern about leaving hospital, raised by the person, taken on, answered, with a restorative response that
    changed the crisis section of their plan."""
    concern = services.raise_concern(
        world.me, kind="concern", about=service_action("leaving_hospital"), what_happened=WHAT, would_like="A call"
    )
    services.acknowledge(world.staff, concern, "We rang you on Monday")
    services.take_on(world.staff, concern)
    services.respond(
        world.staff, concern, how_looked_into="We read the notes", found="Nobody rang", will_change="We ring first"
    )
    access = resolve_access(world.practitioner, world.person.pk)
    (choice,) = [c for c in restorative.changed_choices(access) if c.key == f"plan:{world.plan.pk}:crisis"]
    restorative.record_restorative(
        world.staff,
        concern,
        agreed_on=timezone.localdate(),
        their_account="Nobody knew I was home",
        our_account="The discharge checklist was not used",
        what_changed="Your plan now says who to ring",
        changed=choice.changed,
        learned="Use the checklist every time",
    )
    return concern


def test_raising_one_reads_in_welsh_and_what_it_is_about_is_kept_in_english(client, world):
    entry = world.person_writes(item_key="feel-safe", text="Sit with my sister", section="crisis")
    reference = ref("plan_entry", entry.pk)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    in_welsh(client, world)
    form = client.get(f"{url}?about={reference}").content.decode()
    assert "Codi pryder neu roi canmoliaeth" in form and "Cael eich derbyn i&#39;r ysbyty" in form
    assert "Cofnod yn “Fy nghynllun risg a diogelwch”, yn “Os ydw i mewn argyfwng”: " in form
    for english in ["Raise a concern or", "Being admitted to hospital", "An entry in", "What happened?"]:
        assert english not in form
    refused = client.post(url, {})
    assert refused.status_code == 422 and "Dewiswch bryder neu ganmoliaeth" in refused.content.decode()
    assert "Choose a concern or a compliment" not in refused.content.decode()

    sent = client.post(
        f"{url}?about={reference}", {"kind": "concern", "about": reference, "what_happened": WHAT, "contact_ok": "no"}
    )
    assert sent.status_code == 302
    concern = Concern.objects.get()
    assert concern.about_words.startswith("An entry in “My risk and safety plan”, in “If I am in crisis”: ")
    case = client.get(sent["Location"]).content.decode()
    assert "Diolch. Mae wedi dod i law. Gallwch ei ddilyn yma." in case
    assert "<h1>Ynghylch cofnod yn “Fy nghynllun risg a diogelwch”, yn “Os ydw i mewn argyfwng”</h1>" in case
    assert "O dan y cwestiwn: " in case and "Beth sydd wedi digwydd hyd yma" in case and "Wedi dod i law" in case
    assert "Codwyd gan" in case and "(y person)" in case and "atebwch yma yn unig" in case
    for english in ["About an entry", "Under the question", "What has happened so far", "Received", "the person"]:
        assert english not in case


def test_the_case_with_its_response_and_restorative_response_reads_in_welsh(client, world):
    concern = answered(world)
    in_welsh(client, world)
    page = client.get(case_url(world, concern)).content.decode()
    assert "<h1>Ynghylch gadael yr ysbyty</h1>" in page and "Pryder neu gŵyn ynghylch gadael yr ysbyty" in page
    assert f"Mae {world.practitioner} yn ymchwilio iddo." in page and "(ymarferydd)" in page
    assert "Yr ymateb" in page and "Beth a ganfuwyd" in page
    assert "gallwch ofyn i Ombwdsmon Seneddol a&#39;r Gwasanaeth Iechyd, 0345 015 4033" in page
    assert "Ymateb adferol" in page and "Beth ddigwyddodd, yn eich geiriau chi" in page
    assert "“Fy nghynllun risg a diogelwch”: Os ydw i mewn argyfwng" in page  # where the change was made
    assert "A wnaeth yr ymateb unioni pethau i chi?" in page and "Yn rhannol" in page
    for english in ["The response", "Parliamentary", "is looking into it", "Restorative response", "Leaving hospital"]:
        assert english not in page
    said = client.post(case_url(world, concern), {"answer": "partly"})
    assert said.status_code == 302
    page = client.get(case_url(world, concern)).content.decode()
    assert "Dywedoch chi a wnaeth yr ymateb unioni pethau: <strong>yn rhannol</strong>" in page

    kept = Response.objects.get(concern=concern)
    assert kept.ombudsman.startswith("the Parliamentary and Health Service Ombudsman, ")
    assert Concern.objects.get().about_words == "Leaving hospital"


def test_the_list_and_a_compliment_read_in_welsh(client, world):
    answered(world)
    thanks = services.raise_concern(
        world.me, kind="compliment", about=services.About("the night nurse"), what_happened="She listened"
    )
    in_welsh(client, world)
    listed = client.get(reverse("your_concerns"), follow=True).content.decode()
    assert "Eich pryderon a'ch canmoliaeth" in listed and "Pryder neu gŵyn ynghylch gadael yr ysbyty" in listed
    assert "Canmoliaeth ynghylch the night nurse" in listed and "Daeth i law ar " in listed
    assert "Your concerns and compliments" not in listed and "A compliment about" not in listed
    page = client.get(case_url(world, thanks)).content.decode()
    assert "Beth aeth yn dda" in page and "Ein nod yw dweud diolch erbyn " in page
    assert "What went well" not in page and "We aim to say thank you" not in page


def test_staff_read_the_case_in_english(client, world):
    concern = answered(world)
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.practitioner)
    page = client.get(case_url(world, concern)).content.decode()
    assert "<h1>About leaving hospital</h1>" in page and "The response" in page and "Restorative response" in page
    assert "Ynghylch" not in page and "Yr ymateb" not in page


@pytest.mark.parametrize(
    ("words", "object_type", "part", "welsh"),
    [
        ("“My risk and safety plan”", "plan", "", ("“Fy nghynllun risg a diogelwch”", "")),
        (
            "An entry in “My risk and safety plan”, in “If I am in crisis”: Who would you like us to contact if you are"
            " in crisis?",
            "plan_entry",
            "",
            ("Cofnod yn “Fy nghynllun risg a diogelwch”, yn “Os ydw i mewn argyfwng”", None),
        ),
        (
            "Version 2 of “My risk and safety plan: at work”, agreed on 3 March 2026",
            "plan_version",
            "",
            ("Fersiwn 2 o “Fy nghynllun risg a diogelwch: at work”, cytunwyd arni ar 3 Mawrth 2026", ""),
        ),
        ("Your safety summary", "summary", "", ("Eich crynodeb diogelwch", "")),
        ("The decision “Should I move flat?”", "decision", "", ("Y penderfyniad “Should I move flat?”", "")),
        ("Leaving hospital", SERVICE_ACTION, "leaving_hospital", ("Gadael yr ysbyty", "")),
        ("the crisis line", "", "", ("the crisis line", "")),
    ],
)
def test_what_a_concern_is_about_is_shown_as_kept_in_english_and_translated_in_welsh(words, object_type, part, welsh):
    with translation.override("en-gb"):
        heading, question = shown_about(words, object_type, part)
        assert (f"{heading}: {question}" if question else heading) == words
    with translation.override("cy"):
        heading, question = shown_about(words, object_type, part)
    assert heading == welsh[0]
    if welsh[1] is None:
        assert question and question != words.rsplit(": ", 1)[1]  # the template's question, in Welsh
    else:
        assert question == welsh[1]
