"""What the reader of a plan page may do with each entry, worked out in Python once per entry (issue 16).

The template drew these with a macro per kind of action, a url() per link and a translated screen-reader label per
link, for every entry and differing view: on a plan of 30 entries and 6 views that was most of the page's time. Here
each URL is a string format of a shape found once per page, and the template only loops over what is returned.
Links, buttons and actions are named tuples: a page makes some 150 of them, and a frozen dataclass is slower to make.
`plans/tests/test_entry_actions.py` holds every rule to the links and buttons each kind of reader gets.
"""

from typing import TYPE_CHECKING, Any, NamedTuple

from safeplan.core.urls import fast_reverse

if TYPE_CHECKING:
    from safeplan.plans.presenters import EntryView


class Link(NamedTuple):
    text: str
    hidden: str  # what follows the text for screen readers (": what Ro wrote"), with its leading space or colon
    href: str


class Button(NamedTuple):
    """A one-field POST (hide from the care team, take out of the plan)."""

    action: str
    name: str
    value: str
    text: str
    hidden: str


class Actions(NamedTuple):
    hidden_tag: str  # "Hidden from the care team", or ""
    writing: bool  # whether the reader writes here (their links' paragraph is shown, even with none in it)
    links: tuple[Link, ...]
    buttons: tuple[Button, ...]
    items: tuple[Link, ...]  # every capability's item actions (raise a concern about it …)
    review: Link | None


_MARKER = 987_654_321  # an entry id no plan reaches, for finding a URL's shape


def entry_url(ui: "EntryView", name: str, entry_id: Any) -> str:
    """The URL of `name` for an entry of this page's plan: one string format once its shape is known."""
    shape = ui.shapes.get(name)
    if shape is None:
        path = fast_reverse(name, person_id=ui.person_id, plan_id=ui.plan_id, entry_id=_MARKER)
        shape = path.replace("{", "{{").replace("}", "}}")
        shape = shape.replace(str(_MARKER), "{0}") if shape.count(str(_MARKER)) == 1 else ""
        ui.shapes[name] = shape
    if not shape:
        return fast_reverse(name, person_id=ui.person_id, plan_id=ui.plan_id, entry_id=entry_id)
    return shape.format(entry_id)


def entry_actions(ui: "EntryView", entry: dict, section: dict, kind: str, is_view: bool) -> Actions:
    """The links and buttons under one entry (or differing view) on the live plan page."""
    _ = translated = ui.gettext  # the page's words (translated: words from data, not literals to extract)
    who = ui.voice(entry)
    links: list[Link] = []
    buttons: list[Button] = []
    writing = ui.can_write or ui.is_supporter_writing
    if ui.can_write:
        links += _writer_links(ui, entry, who, is_view)
        if ui.may_hide(entry):
            buttons += _person_buttons(ui, entry, who)
    elif ui.is_supporter_writing:
        if ui.supporter_may_change(section, entry):
            links.append(Link(_("Change"), " " + _("what you wrote"), entry_url(ui, "plan_change_entry", entry["id"])))
        if not is_view and ui.supporter_may_answer(section, entry):
            hidden = " " + _("beside this entry by %(who)s") % {"who": who}
            links.append(Link(_("Add your view"), hidden, entry_url(ui, "plan_answer_entry", entry["id"])))
    where = translated(section["title"]) if section.get("title") else ""
    about = ": " + _("what %(who)s wrote in %(where)s") % {"who": who, "where": where}
    items = tuple(Link(text, about, href) for text, href in ui.actions("plan_entry", entry["id"]))
    review = review_link(ui, entry, earlier=False) if not is_view and ui.reviewable(kind) else None
    hidden_tag = _("Hidden from the care team") if entry.get("hidden_from_staff") else ""
    return Actions(hidden_tag, writing, tuple(links), tuple(buttons), items, review)


def _writer_links(ui: "EntryView", entry: dict, who: str, is_view: bool) -> list[Link]:
    _ = ui.gettext
    links = []
    if ui.may_change(entry):
        hidden = " " + _("this entry by %(who)s") % {"who": who}
        links.append(Link(_("Change"), hidden, entry_url(ui, "plan_change_entry", entry["id"])))
    if not is_view and ui.may_answer(entry):
        hidden = " " + _("beside this entry by %(who)s") % {"who": who}
        links.append(Link(_("Add a different view"), hidden, entry_url(ui, "plan_answer_entry", entry["id"])))
    # Withholding is the care team's, in English (ADR 0010): the person never sees these words.
    voice_label, withholding = entry.get("voice_label", ""), entry.get("withholding")
    if not (entry.get("may_withhold") or withholding):
        return links
    withhold = fast_reverse("withhold", person_id=ui.person_id, object_type="plan_entry", object_id=entry["id"])
    if entry.get("may_withhold"):
        links.append(Link(f"Withhold from {ui.name_to_use}", f": this entry by {voice_label}", withhold))
    if withholding:
        release = fast_reverse("release_withholding", person_id=ui.person_id, withholding_id=withholding["id"])
        links.append(Link("Review withholding", f" this entry by {voice_label}", withhold))
        links.append(Link(f"Release it to {ui.name_to_use}", f": this entry by {voice_label}", release))
    return links


def _person_buttons(ui: "EntryView", entry: dict, who: str) -> list[Button]:
    """The person chooses whether their care team sees a supporter's words, and may take their own words out."""
    _ = ui.gettext
    hidden = ": " + _("what %(who)s wrote") % {"who": who}
    is_hidden = bool(entry.get("hidden_from_staff"))
    text = _("Show to your care team") if is_hidden else _("Hide from your care team")
    hide = entry_url(ui, "plan_hide_entry", entry["id"])
    buttons = [Button(hide, "hidden", "no" if is_hidden else "yes", text, hidden)]
    if ui.may_take_out(entry):
        remove = entry_url(ui, "plan_remove_entry", entry["id"])
        buttons.append(Button(remove, "based_on", str(entry["revision"]), _("Take out of the plan"), hidden))
    return buttons


def review_link(ui: "EntryView", entry: dict, *, earlier: bool) -> Link | None:
    """Is it still current? The care team looks again with the person; the person asks them to."""
    _ = ui.gettext
    written = ui.day(entry["written_at"][:10]) if entry.get("written_at") else ""
    if ui.can_write and ui.is_care_team:
        text = "Mark as current again" if earlier else "No longer current?"
        hidden = f" What {entry.get('voice_label', '')} wrote, written {written}"
        return Link(text, hidden, entry_url(ui, "plan_review_entry", entry["id"]))
    asks = earlier or ui.is_old(entry)
    if ui.can_write and ui.writer_is_person and not entry.get("hidden_from_staff") and asks:
        hidden = ": " + _("what %(who)s wrote, written %(day)s") % {"who": ui.voice(entry), "day": written}
        return Link(_("Ask for this to be looked at again"), hidden, entry_url(ui, "plan_ask_review", entry["id"]))
    return None
