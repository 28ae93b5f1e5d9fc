"""Welsh on "All my data": the person's page, its copies and their state are in Welsh for a person who chose it,
with Welsh month names; the copy itself (the PDF in the ZIP) stays English."""

from django.urls import reverse

from safeplan.exports.tests.helpers import ask, pdf_text


def test_all_my_data_is_in_welsh_and_the_copy_stays_english(client, world):
    export = ask(world)
    export.refresh_from_db()
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)
    html = client.get(reverse("all_my_data")).content.decode()
    assert "<h1>Fy holl ddata</h1>" in html and "All my data" not in html
    assert "Yn barod i&#39;w lawrlwytho" in html
    assert "Ready to download" not in html and "Progress" not in html
    assert " am " in html and " at " not in html.split("<main", 1)[1]  # '3 Mawrth 2026 am 14:05', not '… at 2:05pm'
    assert "All my data" in pdf_text(export)
