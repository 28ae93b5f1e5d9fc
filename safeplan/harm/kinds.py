"""The harm-minimisation template's own kinds of item, registered with plans."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_  # words translated where they are shown

from safeplan.plans.extensions import KindExtension
from safeplan.plans.models import Plan
from safeplan.plans.plan_templates import Field

FUNCTIONS = (
    ("release", N_("Release")),
    ("control", N_("Feeling in control")),
    ("feeling", N_("Feeling something")),
    ("communicating", N_("Showing how I feel")),
    ("punishing", N_("Punishing myself")),
    ("other", N_("Something else")),
)
TO_HAND = (("yes", N_("Yes")), ("sometimes", N_("Sometimes")), ("no", N_("Not yet")))

SELF_HARM_FUNCTION = (
    Field("text", N_("In your own words"), required=True, long=True, max_length=4000),
    Field("tags", N_("Words that fit"), choices=FUNCTIONS, multiple=True, max_length=200),
)
TECHNIQUE = (
    Field("technique_id", "Catalogue technique", hidden=True, max_length=20),
    Field("name", N_("Technique"), required=True, max_length=120),
    Field("needs", N_("What I need for it"), long=True, max_length=1000),
    Field("to_hand", N_("Do I have it to hand?"), choices=TO_HAND),
    Field("notes", N_("How I use it"), long=True, max_length=2000),
    Field("endorsed", "Endorsed", hidden=True, max_length=10),
    Field("cautions", "Take care", hidden=True, max_length=2000),
    Field("information", "Information", hidden=True, max_length=4000),
)

ENDORSEMENT = {  # stored as the key; the words are translated where they are shown
    "yes": N_("Recommended by your service"),
    "no": N_("Not one your service recommends: recorded as your choice"),
    "own": N_("Your own technique"),
}


def clean_technique(plan: Plan, fields: dict[str, str]) -> dict[str, str]:
    """The server fills whether the service endorses the technique, its cautions and information, from the
    person's organisation's catalogue. Anything posted for those fields is ignored."""
    from safeplan.harm.models import Technique

    technique_id = fields.get("technique_id", "")
    technique = None
    if technique_id.isdigit():
        technique = (
            Technique.objects.filter(organisation_id=plan.person.organisation_id, pk=int(technique_id))
            .prefetch_related("information")
            .first()
        )
    cleaned = {k: v for k, v in fields.items() if k not in ("technique_id", "endorsed", "cautions", "information")}
    if technique is None:
        return {**cleaned, "endorsed": "own"}
    cleaned.update(technique_id=str(technique.pk), endorsed="yes" if technique.endorsed else "no")
    if technique.cautions:
        cleaned["cautions"] = technique.cautions
    items = [[item.pk, item.title] for item in technique.information.all()]
    if items:
        cleaned["information"] = json.dumps(items)
    return cleaned


def technique_rows(fields: dict[str, str]) -> list[tuple[str, str]]:
    """How a technique shows, in the reader's language (the cautions and titles are the service's own words)."""
    rows = [("", translated(ENDORSEMENT.get(fields.get("endorsed", "own"), ENDORSEMENT["own"])))]
    if fields.get("cautions"):
        rows.append((_("Take care"), fields["cautions"]))
    if fields.get("information"):
        titles = [title for _pk, title in json.loads(fields["information"])]
        rows.append((_("Information from your service"), "; ".join(titles)))
    return rows


def register() -> None:
    from safeplan.plans.extensions import KIND_EXTENSIONS
    from safeplan.plans.plan_templates import KINDS

    KINDS["self_harm_function"] = SELF_HARM_FUNCTION
    KINDS["technique"] = TECHNIQUE
    KIND_EXTENSIONS["technique"] = KindExtension(clean=clean_technique, rows=technique_rows)
