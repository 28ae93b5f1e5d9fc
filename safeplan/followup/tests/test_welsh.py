"""Welsh on the person's "After a crisis or leaving hospital" page; the care team's page stays English."""

import time_machine
from django.urls import reverse

from safeplan.followup.tests.test_follow_up import NOW, an_event, world  # noqa: F401 - the fixture


def test_after_a_crisis_is_in_welsh_for_the_person_and_english_for_the_care_team(client, world):  # noqa: F811
    an_event(world)
    user = world.person.user
    user.language = "cy"
    user.save(update_fields=["language"])
    client.force_login(user)
    url = reverse("crisis_follow_up", kwargs={"person_id": world.person.pk})
    with time_machine.travel(NOW, tick=False):
        html = client.get(url).content.decode()
        assert "<h1>Ar ôl argyfwng neu adael yr ysbyty</h1>" in html
        assert "Gadael yr ysbyty" in html and "Leaving hospital" not in html
        assert "Bydd eich tîm gofal yn cysylltu â chi erbyn" in html
        client.force_login(world.practitioner)
        html = client.get(url).content.decode()
    assert "<h1>After a crisis or leaving hospital</h1>" in html and "Leaving hospital" in html
