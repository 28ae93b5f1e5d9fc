"""Every record URL × {GET, HEAD, POST, PUT} × {the care team, emergency access, an outsider}: the audit trail holds
exactly one read row for every response that carried record content, one denial for every refusal, and nothing for
a method the page does not accept (issue 10, item 1).

POSTs are sent with no form data, as a probe would: a page that accepts them answers with the form again (422, a read
of the record), or does what an empty POST asks and redirects (its change is audited by its service, not as a read).
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.concerns import services as concern_services
from safeplan.decisions import services as decision_services
from safeplan.harm.tests.conftest import HarmWorld
from safeplan.harm.tests.test_harm_access import harm_urls
from safeplan.people import services as people_services
from safeplan.people.withholding_services import withhold
from safeplan.plans.tests.test_plan_access import plan_urls

METHODS = ["get", "head", "post", "put"]
SHOWS_THE_RECORD = {200, 409, 422}
READS = {AuditEvent.Action.READ, AuditEvent.Action.EXPORT}
REASON = "Seeing it now would be likely to cause serious harm to their mental health."


class MatrixWorld(HarmWorld):
    def __init__(self):
        super().__init__()
        self.decision = decision_services.start_decision(self.staff, question="Should I go home this weekend?")
        self.option = decision_services.add_option(self.staff, self.decision, title="Go home on Saturday")
        withheld = self.team_writes(text="A note withheld from the person")
        self.withholding = withhold(
            self.staff, "plan_entry", withheld.pk, reason=REASON, review_on=timezone.localdate() + timedelta(days=9)
        )
        self.withholdable = self.team_writes(text="A note that could be withheld")
        self.concern = concern_services.raise_concern(
            self.me, kind="concern", about=concern_services.About("the crisis line"), what_happened="It rang out"
        )
        people_services.start_break_glass(
            actor=people_services.SYSTEM,
            user=self.other_lead,
            nhs_number=self.person.nhs_number,
            reason="Out of hours call about crisis contacts",
        )

    def record_urls(self) -> list[str]:
        person = {"person_id": self.person.pk}
        decision = {**person, "decision_id": self.decision.pk}
        decision_pages = [
            "decision_add_option",
            "decision_add_view",
            "decision_capacity",
            "decision_frameworks",
            "decision_agreement",
            "decision_against",
            "decision_outcome",
            "decision_sign",
        ]
        urls = [url for _, url in plan_urls(self) + harm_urls(self)]
        urls += [reverse("person_record", kwargs=person), reverse("decision_list", kwargs=person)]
        urls += [reverse("decision", kwargs=decision)] + [reverse(name, kwargs=decision) for name in decision_pages]
        urls.append(reverse("decision_add_harm", kwargs={**decision, "option_id": self.option.pk}))
        thing = {**person, "object_type": "plan_entry", "object_id": self.withholdable.pk}
        urls.append(reverse("withhold", kwargs=thing))
        urls.append(reverse("release_withholding", kwargs={**person, "withholding_id": self.withholding.pk}))
        concern = {**person, "concern_id": self.concern.pk}
        urls += [reverse("concern_list", kwargs=person), reverse("concern_raise", kwargs=person)]
        urls += [reverse("concern", kwargs=concern)]
        urls += [reverse("concern_step", kwargs={**concern, "step": step}) for step in ["acknowledge", "respond"]]
        return list(dict.fromkeys(urls))


@pytest.fixture
def world(db) -> MatrixWorld:
    return MatrixWorld()


def probe(client: Client, method: str, url: str) -> tuple[int, list[tuple[str, str]]]:
    seq = AuditEvent.objects.count()
    status = getattr(client, method)(url).status_code
    rows = list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("action", "purpose"))
    return status, rows


@pytest.mark.parametrize("who", ["the care team", "emergency access", "an outsider"])
def test_every_response_that_shows_a_record_is_audited_exactly_once(client, world, who):
    user = {"the care team": world.practitioner, "emergency access": world.other_lead, "an outsider": world.oversight}
    client.force_login(user[who])
    probes = 0
    for url in world.record_urls():
        for method in METHODS:
            status, rows = probe(client, method, url)
            where = (who, method, url, status, rows)
            reads = [row for row in rows if row[0] in READS]
            denials = [row for row in rows if row[0] == AuditEvent.Action.DENIED]
            if status == 405:
                assert rows == [], where
                continue
            probes += 1
            if status in SHOWS_THE_RECORD:
                assert len(reads) == 1 and not denials, where
                expected = {"the care team": "care", "emergency access": "break_glass"}[who]
                assert reads[0][1] == expected, where
            elif status == 404:
                assert reads == [] and len(denials) == 1, where
            else:
                assert status == 302 and reads == [] and not denials, where
            if who == "an outsider":
                assert status == 404, where
            if who == "emergency access" and method == "post":
                assert status == 404, where
            if method == "put":
                raise AssertionError(f"no record page accepts PUT: {where}")
    assert probes > 60
