"""The record kernel: one write check, one error base, the read audit as a value the wrapper writes exactly once."""

import pytest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory

from safeplan.audit.models import AuditEvent
from safeplan.people import services as people_services
from safeplan.people.access import resolve_access
from safeplan.people.records import RecordError, Writer
from safeplan.people.views.record_access import Shown, person_record_view


def rows_after(seq: int) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("action", "object_type"))


def call(view, user, person_id, method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.user = user
    return view(request, str(person_id))


def test_the_person_and_their_care_team_may_write_and_emergency_access_may_only_read(world):
    assert resolve_access(world.person.user, world.person.pk).may_write
    assert resolve_access(world.practitioner, world.person.pk).may_write
    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_practitioner,
        nhs_number=world.person.nhs_number,
        reason="Out of hours call about crisis contacts",
    )
    emergency = resolve_access(world.other_practitioner, world.person.pk)
    assert emergency is not None and not emergency.may_write
    with pytest.raises(RecordError, match="Emergency access lets you read a record, not change it"):
        Writer(world.other_practitioner, emergency).check()


def test_the_write_check_refuses_a_row_from_another_persons_record(world):
    class ThingError(RecordError):
        pass

    writer = Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))
    writer.check(world.person.pk)
    with pytest.raises(ThingError, match="That thing is not part of this record"):
        writer.check(world.other_person.pk, error=ThingError, what="thing")


def test_a_shown_page_writes_exactly_one_read_row_whatever_the_method(world):
    @person_record_view("thing", methods=("GET", "POST", "PUT"))
    def view(request, access):
        return Shown(HttpResponse("record content"), object_id="thing-1", version="v1")

    for method in ("get", "post", "put"):
        seq = AuditEvent.objects.count()
        response = call(view, world.practitioner, world.person.pk, method)
        assert response.status_code == 200
        assert rows_after(seq) == [("read", "thing")], method
        row = AuditEvent.objects.get(seq=seq + 1)
        assert (row.object_id, row.object_version, row.person_id) == ("thing-1", "v1", world.person.pk)


def test_a_method_the_view_does_not_accept_gets_405_before_anything_is_looked_up(world):
    reached = []

    @person_record_view("thing")
    def view(request, access):
        reached.append(access)
        return Shown(HttpResponse("record content"))

    seq = AuditEvent.objects.count()
    for user in (world.practitioner, world.other_practitioner):
        for method in ("post", "put", "delete"):
            response = call(view, user, world.person.pk, method)
            assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert reached == [] and rows_after(seq) == []


def test_a_post_by_emergency_access_is_refused_like_an_outsiders(world):
    from django.http import Http404

    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_practitioner,
        nhs_number=world.person.nhs_number,
        reason="Out of hours call about crisis contacts",
    )
    reached = []

    @person_record_view("thing", methods=("GET", "POST"))
    def view(request, access):
        reached.append(request.method)
        return Shown(HttpResponse("record content"))

    seq = AuditEvent.objects.count()
    assert call(view, world.other_practitioner, world.person.pk, "get").status_code == 200
    with pytest.raises(Http404):
        call(view, world.other_practitioner, world.person.pk, "post")
    assert reached == ["GET"]
    assert rows_after(seq) == [("read", "thing"), ("denied", "thing")]
    assert AuditEvent.objects.get(seq=seq + 1).purpose == "break_glass"


def test_a_page_shown_with_an_error_status_is_audited_too(world):
    @person_record_view("thing", methods=("GET", "POST"))
    def view(request, access):
        return Shown(HttpResponse("the form again, with the record", status=422))

    seq = AuditEvent.objects.count()
    assert call(view, world.practitioner, world.person.pk, "post").status_code == 422
    assert rows_after(seq) == [("read", "thing")]


def test_a_redirect_shows_nothing_and_writes_no_read_row(world):
    @person_record_view("thing", methods=("POST",))
    def view(request, access):
        return redirect("/elsewhere/")

    seq = AuditEvent.objects.count()
    assert call(view, world.practitioner, world.person.pk, "post").status_code == 302
    assert rows_after(seq) == []


def test_a_record_view_cannot_forget_its_audit_row(world):
    """Returning a page without saying what it showed is a programming error, and nothing is written."""

    @person_record_view("thing")
    def view(request, access):
        return HttpResponse("record content, unaudited")

    seq = AuditEvent.objects.count()
    with pytest.raises(TypeError, match="must return Shown"):
        call(view, world.practitioner, world.person.pk)
    assert rows_after(seq) == []


def test_an_outsider_never_reaches_the_view_and_leaves_one_denial(world):
    reached = []

    @person_record_view("thing")
    def view(request, access):
        reached.append(access)
        return Shown(HttpResponse("record content"))

    from django.http import Http404

    seq = AuditEvent.objects.count()
    with pytest.raises(Http404):
        call(view, world.other_practitioner, world.person.pk)
    assert reached == []
    assert rows_after(seq) == [("denied", "thing")]
