"""The plain-text "share my plan": the parts of the crisis page the person chose, as words they can send from their
own phone to someone they choose. safeplan sends nothing itself."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from safeplan.plans.crisis import CrisisCard, Reach

# (key, label), in the crisis page's order. Labels are translated where they are shown.
PARTS = (
    ("try", gettext_noop("What helps me")),
    ("people", gettext_noop("People I can call or text")),
    ("professionals", gettext_noop("Professionals and crisis lines")),
    ("where", gettext_noop("Where I can go")),
    ("do-not-contact", gettext_noop("Please do not contact")),
)


def _reach_line(reach: Reach) -> str:
    who = f"{reach.name} ({reach.about})" if reach.about else reach.name
    return f"- {who}: {reach.phone}" if reach.phone else f"- {who}"


def share_text(card: CrisisCard, parts: list[str]) -> str:
    """The chosen parts, each headed, one line per thing; a part with nothing in it is left out."""
    found: dict[str, list[str]] = {
        "try": [f"- {words}" for words in card.try_first],
        "people": [_reach_line(reach) for reach in card.people],
        "professionals": [_reach_line(reach) for reach in (*card.professionals, *card.crisis_lines)],
        "where": [f"- {words}" for words in card.where],
        "do-not-contact": [f"- {line}" for line in card.do_not_contact],
    }
    blocks = [_("From my crisis plan (not yet agreed with my care team).") if card.draft else _("From my crisis plan.")]
    for key, label in PARTS:
        if key in parts and found[key]:
            blocks.append("\n".join([_(label) + ":", *found[key]]))
    return "\n\n".join(blocks)
