"""The follow-up part of All my data: each crisis contact or leaving hospital, and every contact afterwards."""

from typing import Any

from safeplan.followup.queries import events_of
from safeplan.people.models import Person


def export_follow_up(person: Person) -> dict[str, Any]:
    return {
        "crisis_contacts_and_leaving_hospital": [
            {
                "what": event.get_kind_display(),
                "happened_at": event.happened_at.isoformat(),
                "where": event.where,
                "recorded_by": event.written_by_name,
                "follow_ups": [
                    {
                        "at": contact.contacted_at.isoformat(),
                        "how": contact.get_how_display(),
                        "spoke_with_you": contact.reached,
                        "note": contact.note,
                        "by": contact.written_by_name,
                    }
                    for contact in event.follow_ups.all()
                ],
            }
            for event in events_of(person)
        ]
    }
