"""Display logic for plan pages: status lines, bylines, what each reader may do with an entry."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from safeplan.core.catalogue import bound_gettext
from safeplan.core.catalogue import gettext as _
from safeplan.core.catalogue import gettext as translated  # words from data, not literals to extract
from safeplan.core.dates import add_months, long_day
from safeplan.core.fixed_sql import Columns, load_all, prep, select
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import ItemActions, item_actions
from safeplan.plans.extensions import KIND_EXTENSIONS
from safeplan.plans.models import SHARED_AS, SUPPORTER_KINDS, Mode, Plan, PlanVersion, Voice
from safeplan.plans.plan_templates import KINDS

if TYPE_CHECKING:
    from markupsafe import Markup

    from safeplan.plans.entry_actions import Actions, Link


def london_day(moment: datetime | date) -> str:
    return long_day(timezone.localtime(moment).date() if isinstance(moment, datetime) else moment)


@dataclass
class PlanStatus:
    agreed: PlanVersion | None
    pending: PlanVersion | None
    changed_since_agreed: bool
    overdue: bool

    @property
    def tag(self) -> tuple[str, str]:
        if self.agreed is None:
            return (_("Draft"), "nhsuk-tag--grey")
        if self.overdue:
            return (_("Review overdue"), "nhsuk-tag--red")
        return (_("Agreed"), "nhsuk-tag--green")

    def agreed_line(self, *, for_person: bool) -> str:
        if self.agreed is None or self.agreed.agreed_at is None or self.agreed.review_due is None:
            return _("Not agreed yet.")
        words = {
            "number": self.agreed.number,
            "agreed": london_day(self.agreed.agreed_at),
            "review": london_day(self.agreed.review_due),
        }
        if for_person:
            return _("Version %(number)s agreed with you on %(agreed)s · next review %(review)s") % words
        return "Version {number} agreed on {agreed} · next review {review}".format(**words)


_VERSION = Columns(PlanVersion, alias="v", only={f.attname for f in PlanVersion._meta.concrete_fields} - {"snapshot"})
# `PlanVersion.objects.filter(plan=plan).defer("snapshot").order_by("number")`, as SQL written once (core/fixed_sql.py):
# every plan page asks. `plans/tests/test_agreement.py` holds it to that rule.
_VERSIONS = select(_VERSION, "v.plan_id = %s", "v.number")


def versions_of(plan: Plan) -> list[PlanVersion]:
    """The plan's versions, oldest first, without their snapshots (loaded if anything reads one)."""
    found = load_all(_VERSION, _VERSIONS, [prep(PlanVersion, "plan", plan.pk)])
    for version in found:
        version.plan = plan
    return found


def plan_status(plan: Plan, versions: list[PlanVersion] | None = None) -> PlanStatus:
    if versions is None:
        versions = versions_of(plan)
    agreed = next((v for v in reversed(versions) if v.agreed_at is not None), None)
    latest = versions[-1] if versions else None
    pending = latest if latest is not None and latest.agreed_at is None else None
    changed = agreed is not None and plan.revision != agreed.plan_revision
    overdue = bool(agreed and agreed.review_due and agreed.review_due < timezone.localdate())
    return PlanStatus(agreed, pending, changed, overdue)


def byline(entry: dict, name_to_use: str, *, gettext: Callable[[str], str] = _, when: str = "") -> str:
    """Whose words, written by whom: shown under every entry (`when`, the day written in words, if known already)."""
    _ = translated = gettext
    when = when or london_day(datetime.fromisoformat(entry["written_at"]))
    writer = f"{entry['written_by']} ({translated(entry['written_by_role'])})"
    words = {"name": name_to_use, "who": entry["voice_label"], "writer": writer, "when": when}
    if entry["voice"] == Voice.PERSON:
        if entry["mode"] == Mode.OWN:
            return _("%(name)s, in their own words · %(when)s") % words
        if entry["mode"] == Mode.TOGETHER:
            return _("%(name)s's words, written together with %(writer)s · %(when)s") % words
        return _("%(name)s's words, written down by %(writer)s · %(when)s") % words
    if entry["voice"] == Voice.SUPPORTER:
        if entry["mode"] == Mode.OWN:
            return _("%(who)s, in their own words · %(when)s") % words
        return _("%(who)s's words, written down by %(writer)s · %(when)s") % words
    return _("Care team: %(writer)s · %(when)s") % words


def voice(entry: dict, gettext: Callable[[str], str] = _) -> str:
    """Whose words ("what Care team wrote"): the care team in the reader's language, a name as it is."""
    _ = gettext
    return _("Care team") if entry.get("voice") == Voice.CARE_TEAM else entry["voice_label"]


def view_heading(entry: dict, gettext: Callable[[str], str] = _) -> str:
    """ "Care team's view", "Ro's view": in Welsh the care team's reads "Barn y tîm gofal", not "Barn Tîm gofal"."""
    _ = gettext
    if entry.get("voice") == Voice.CARE_TEAM:
        return _("Care team's view")
    return _("%(who)s's view") % {"who": entry["voice_label"]}


def field_rows(
    kind: str, fields: dict[str, str], *, is_view: bool = False, gettext: Callable[[str], str] = translated
) -> list[tuple[str, str]]:
    """(label, value) pairs to show an entry, leaving out empty ones; choices shown as their words."""
    translated = gettext
    if is_view or kind == "text":
        return [("", fields.get("text", ""))]
    rows = []
    for spec in KINDS.get(kind, ()):
        value = fields.get(spec.name, "")
        if not value or spec.hidden:
            continue
        if spec.choices:
            value = (
                ", ".join(translated(dict(spec.choices).get(v, v)) for v in value.split(","))
                if spec.multiple
                else translated(dict(spec.choices).get(value, value))
            )
        rows.append((translated(spec.label), value))
    extension = KIND_EXTENSIONS.get(kind)
    if extension is not None and extension.rows is not None:
        rows += extension.rows(fields)
    return rows


def may_change(writer_is_person: bool, can_write: bool, entry: dict) -> bool:
    if not can_write:
        return False
    if entry["voice"] == Voice.SUPPORTER and entry["mode"] == Mode.OWN:
        return False  # a supporter's own words are theirs; the person may hide them or take them out
    if writer_is_person:
        return entry["voice"] in (Voice.PERSON, Voice.SUPPORTER)
    return True  # the care team changes the person's words only together with them (the form asks)


def may_answer(writer_is_person: bool, can_write: bool, entry: dict) -> bool:
    if not can_write:
        return False
    own_voice = Voice.PERSON if writer_is_person else Voice.CARE_TEAM
    return entry["voice"] != own_voice


def ordered_items(section: dict) -> list[dict]:
    """A section's items with the do-not-contact list first, wherever contacts are shown."""
    return sorted(section["items"], key=lambda item: item["kind"] != "do_not_contact")


def print_sections(snapshot: dict) -> list[dict]:
    """For paper: crisis sections first (in template order), then the rest."""
    return [s for s in snapshot["sections"] if s["crisis"]] + [s for s in snapshot["sections"] if not s["crisis"]]


@dataclass
class EntryView:
    """What the reader of a plan page sees about each entry, and what they may do with it."""

    name_to_use: str
    writer_is_person: bool
    can_write: bool
    add_urls: dict[str, str] | None = None  # kind -> where another app adds an item of that kind
    supporter_adds: frozenset[str] = frozenset()  # for a supporter: the sections they were asked to add to
    own_entries: frozenset[int] = frozenset()  # for a supporter: the entries they wrote themselves
    actions: ItemActions = ItemActions()  # what the reader may do about any one entry (raise a concern about it)
    is_care_team: bool = False
    old_before: str = ""  # an ISO moment: entries last written before it are due a look (the review age)
    person_id: Any = None  # the page's person and plan, for the URLs of the actions on each entry
    plan_id: Any = None
    shapes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # this page's URL shapes
    # The page's words in the reader's language (core.catalogue.bound_gettext), and the days it has put in words
    # already: both made for one page and gone with it.
    gettext: Callable[[str], str] = field(default=_, repr=False, compare=False)
    days: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def entry_actions(self, entry: dict, section: dict, kind: str = "", is_view: bool = False) -> "Actions":
        from safeplan.plans.entry_actions import entry_actions

        return entry_actions(self, entry, section, kind, is_view)

    def sections_html(
        self, snapshot: dict, sections: list[dict], person: Any, plan: Any, live: bool, csrf_input: str = ""
    ) -> "Markup":
        """These sections of the plan, drawn for this reader (plans/sections_html.py)."""
        from safeplan.plans.sections_html import sections_html

        return sections_html(snapshot, sections, self, person, plan, live, csrf_input)

    def review_link(self, entry: dict, earlier: bool) -> "Link | None":
        from safeplan.plans.entry_actions import review_link

        return review_link(self, entry, earlier=earlier)

    def reviewable(self, kind: str) -> bool:
        """Whether an entry of this kind may be marked no longer current (not who not to contact, nor a kind other
        parts of the record read, such as a harm-minimisation technique: services.review_entry refuses them too)."""
        return kind != "do_not_contact" and kind not in KIND_EXTENSIONS

    def is_old(self, entry: dict) -> bool:
        return bool(self.old_before) and entry.get("written_at", "9") < self.old_before

    def add_url(self, item: dict) -> str:
        return (self.add_urls or {}).get(item["kind"], "")

    @property
    def is_supporter_writing(self) -> bool:
        return bool(self.supporter_adds)

    def supporter_may_add(self, section: dict, item: dict) -> bool:
        """Whether this supporter may add their own words to this item: where asked, and only text or an event."""
        return section["key"] in self.supporter_adds and item["kind"] in SUPPORTER_KINDS

    def supporter_may_change(self, section: dict, entry: dict) -> bool:
        return section["key"] in self.supporter_adds and entry["id"] in self.own_entries

    def supporter_may_answer(self, section: dict, entry: dict) -> bool:
        return section["key"] in self.supporter_adds and entry["id"] not in self.own_entries

    def may_hide(self, entry: dict) -> bool:
        """The person chooses whether their care team sees a supporter's words."""
        return self.can_write and self.writer_is_person and entry["voice"] == Voice.SUPPORTER

    def may_take_out(self, entry: dict) -> bool:
        """The person may take a supporter's own words out of the plan (kept in history), though not change them."""
        return self.may_hide(entry) and entry["mode"] == Mode.OWN

    def byline(self, entry: dict) -> str:
        written = entry["written_at"]
        when = self.days.get(written)
        if when is None:
            when = self.days[written] = london_day(datetime.fromisoformat(written))
        return byline(entry, self.name_to_use, gettext=self.gettext, when=when)

    def voice(self, entry: dict) -> str:
        return voice(entry, self.gettext)

    def view_heading(self, entry: dict) -> str:
        return view_heading(entry, self.gettext)

    def rows(self, kind: str, entry: dict, is_view: bool = False) -> list[tuple[str, str]]:
        return field_rows(kind, entry["fields"], is_view=is_view, gettext=self.gettext)

    def may_change(self, entry: dict) -> bool:
        return may_change(self.writer_is_person, self.can_write, entry)

    def may_answer(self, entry: dict) -> bool:
        return may_answer(self.writer_is_person, self.can_write, entry)

    def items(self, section: dict) -> list[dict]:
        return ordered_items(section)

    def print_sections(self, snapshot: dict) -> list[dict]:
        return print_sections(snapshot)

    def day(self, iso: str) -> str:
        shown = self.days.get(iso)
        if shown is None:
            shown = self.days[iso] = london_day(date.fromisoformat(iso))
        return shown


def entry_view(access: RecordAccess, *, live: bool, plan: Plan | None = None) -> EntryView:
    from safeplan.plans.extensions import for_template

    can_write = live and access.may_write
    add_urls = {}
    adds: frozenset[str] = frozenset()
    own: frozenset[int] = frozenset()
    if plan is not None and not access.is_supporter:
        add_urls = {kind: make(plan, access) for kind, make in for_template(plan.template.key).add_urls.items()}
    if plan is not None and live and access.is_supporter and access.support is not None:
        keys = {section["key"] for section in plan.template.sections}
        adds = frozenset(key for key in keys if access.may_add_to(SHARED_AS, plan.pk, key))
        if adds:
            own = frozenset(plan.entries.filter(supporter=access.support).values_list("pk", flat=True))
    actions = item_actions(access) if live else ItemActions()
    years = access.person.organisation.history_review_years
    old_before = datetime.combine(add_months(timezone.localdate(), -12 * years), datetime.min.time()).isoformat()
    return EntryView(
        access.person.name_to_use,
        access.is_person,
        can_write,
        add_urls,
        adds,
        own,
        actions,
        access.is_care_team,
        old_before,
        access.person.pk,
        plan.pk if plan is not None else None,
        gettext=bound_gettext(),
    )
