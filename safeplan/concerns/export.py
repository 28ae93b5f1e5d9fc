"""The person's concerns and compliments for "All my data": the cases they raised or that were raised for them, with
every step, the response, what they said of it and any restorative response. A supporter's own concern about the
person's care is the supporter's, so it is not in the person's copy (nor in a subject-access copy of it)."""

from datetime import date, datetime
from typing import Any

from safeplan.concerns.models import Concern, Response, Restorative, Satisfaction, Step
from safeplan.people.models import Person


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _by(row: Any) -> dict[str, Any]:
    return {"by": row.written_by_name, "by_role": row.written_by_role, "at": _when(row.written_at)}


def export_concerns(person: Person) -> dict[str, Any]:
    cases = list(Concern.objects.filter(person=person, person_follows=True).order_by("received_on", "created_at"))
    steps: dict[Any, list[Step]] = {}
    for step in Step.objects.filter(concern__in=cases).order_by("written_at", "pk"):
        steps.setdefault(step.concern_id, []).append(step)
    responses = {r.concern_id: r for r in Response.objects.filter(concern__in=cases)}
    said: dict[Any, list[Satisfaction]] = {}
    for answer in Satisfaction.objects.filter(concern__in=cases).order_by("written_at", "pk"):
        said.setdefault(answer.concern_id, []).append(answer)
    restorative: dict[Any, list[Restorative]] = {}
    for row in Restorative.objects.filter(concern__in=cases).order_by("written_at", "pk"):
        restorative.setdefault(row.concern_id, []).append(row)
    return {
        "concerns": [
            {
                "id": str(case.pk),
                "kind": case.kind,
                "about": case.about_words,
                "what_happened": case.what_happened,
                "would_like": case.would_like,
                "raised_by": case.raised_by_name,
                "raised_by_role": case.raised_by_role,
                "received_on": _when(case.received_on),
                "received_how": case.received_how,
                "event_on": _when(case.event_on),
                "state": case.state,
                "acknowledge_by": _when(case.acknowledge_by),
                "respond_by": _when(case.respond_by),
                "steps": [
                    {"state": s.state, "note": s.note, "respond_by": _when(s.respond_by), **_by(s)}
                    for s in steps.get(case.pk, [])
                ],
                "response": _response(responses.get(case.pk)),
                "satisfied": [{"answer": s.answer, "words": s.words, **_by(s)} for s in said.get(case.pk, [])],
                "restorative": [
                    {
                        "agreed_on": _when(r.agreed_on),
                        "their_account": r.their_account,
                        "our_account": r.our_account,
                        "apology": r.apology,
                        "what_changed": r.what_changed,
                        "where": r.changed_words,
                        "learned": r.learned,
                        **_by(r),
                    }
                    for r in restorative.get(case.pk, [])
                ],
            }
            for case in cases
        ]
    }


def _response(response: Response | None) -> dict[str, Any] | None:
    if response is None:
        return None
    return {
        "how_looked_into": response.how_looked_into,
        "found": response.found,
        "will_change": response.will_change,
        "apology": response.apology,
        "ombudsman": response.ombudsman,
        **_by(response),
    }
