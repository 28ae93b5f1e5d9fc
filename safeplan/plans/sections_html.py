"""A plan's sections as HTML, drawn in Python (issue 16): the plan page, a version, the print and the PDF.

These were five nested Jinja macros a section, an item, an entry and a differing view, and their calls were most of the
plan page's own time (about 3.5 ms for 30 entries and 6 views). Here each piece is a function that joins escaped
strings. Every value is escaped as Jinja's autoescape escapes it (`escape`, which leaves Markup as it is), and the
catalogue's words are marked safe as a template's `_("…")` marks them, so the page reads and escapes as before.
`plans/tests/test_sections_html.py` holds the markup of each part.
"""

import re
from typing import TYPE_CHECKING, Any

from django.utils.translation import ngettext
from markupsafe import Markup, escape

from safeplan.core.phone import dial
from safeplan.core.urls import fast_reverse
from safeplan.people.withholding import withheld_words

if TYPE_CHECKING:
    from safeplan.plans.presenters import EntryView

Parts = list[str]
_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
_ADD_MARKERS = ("safeplanaddsectionx", "safeplanadditemx")


class Drawing:
    """One page's drawing of a plan's sections: who reads it, whether it is the live plan, the form token."""

    def __init__(self, ui: "EntryView", person: Any, plan: Any, *, live: bool, csrf_input: str = "") -> None:
        self.ui, self.person, self.plan, self.live = ui, person, plan, live
        self.csrf = escape(csrf_input)  # Django's own hidden input is safe markup, kept as it is; anything else escaped
        self.add_shape: str | None = None  # the URL of adding to an item, with {0} and {1} for its keys
        self.gettext = ui.gettext  # the reader's language, looked up once for the page (core.catalogue)
        self.phone_label = self.gettext("Phone number")
        # Words the drawing uses again and again, looked up once a page (and outside f-strings, where pybabel's
        # extraction cannot see a call).
        self.crisis_lines_words = self._("Crisis lines")
        self.do_not_contact_words = self._("Do not contact")
        self.nothing_yet_words = self._("Nothing written yet.")
        self.information_words = self._("Information:")
        self.to_words = self._("to:")
        self.not_shown_words = self._("Something here is not shown to you.")
        self.no_longer_current_words = self._("No longer current")
        self.earlier_history_words = self._("Earlier history, no longer current")

    def _(self, message: str, **variables: Any) -> Markup:
        """A template's _("…"): the catalogue's words marked safe, each variable escaped."""
        return Markup(self.gettext(message)) % variables  # noqa: S704 - the catalogues' own words, as Jinja marks them

    def _words(self, text: str | None) -> Markup:
        """Words shipped with safeplan in data (a template's prompts and titles): translated where the catalogue has
        them, escaped as the template's `words()` was."""
        return Markup(_e(self.gettext(text))) if text else Markup("")  # noqa: S704 - escaped

    def section(self, snapshot: dict, section: dict) -> Markup:
        crisis = " safeplan-section--crisis" if section["crisis"] else ""
        key = _e(section["key"])
        out: Parts = [
            f'<section class="safeplan-section{crisis}" id="section-{key}" aria-labelledby="heading-{key}">\n'
            f'<h2 id="heading-{key}">{self._words(section["title"])}</h2>\n'
        ]
        if section.get("intro"):
            out.append(f"<p>{self._words(section['intro'])}</p>\n")
        if section.get("crisis_lines"):
            out.append(self.crisis_lines(snapshot))
        for item in self.ui.items(section):
            self.item(out, section, item)
        out.append("</section>\n")
        return Markup("".join(out))  # noqa: S704 - every value above was escaped

    def crisis_lines(self, snapshot: dict) -> str:
        lines = snapshot.get("crisis_lines")
        if not lines:
            return ""
        out = [f'<h3 class="nhsuk-heading-s">{self.crisis_lines_words}</h3>\n<ul class="nhsuk-list">\n']
        for line in lines:
            phone, number = _e(line["phone"]), dial(line["phone"])
            call = f'<a href="tel:{_e(number)}">{phone}</a>' if number else phone
            hours = f" ({_e(line['hours'])})" if line.get("hours") else ""
            about = f"\n<br>{_e(line['description'])}" if line.get("description") else ""
            checked = self._("Number last checked %(day)s", day=self.ui.day(line["last_checked"]))
            out.append(
                f"<li><strong>{_e(line['name'])}</strong>: {call}{hours}{about}\n"
                f'<br><span class="nhsuk-body-s safeplan-muted">{checked}</span></li>\n'
            )
        out.append("</ul>\n")
        return "".join(out)

    def item(self, out: Parts, section: dict, item: dict) -> None:
        ui, live, kind = self.ui, self.live, item["kind"]
        entries, earlier = item["entries"], item.get("earlier")
        prompt = self._words(item["prompt"])
        if kind == "do_not_contact":
            out.append('<div class="safeplan-item safeplan-do-not-contact">\n<h3 class="nhsuk-heading-s">')
            out.append(f'<span class="nhsuk-tag nhsuk-tag--red">{self.do_not_contact_words}</span> {prompt}</h3>\n')
        else:
            out.append(f'<div class="safeplan-item">\n<h3 class="nhsuk-heading-s">{prompt}</h3>\n')
        if entries:
            for entry in entries:
                self.entry(out, section, item, entry)
        elif not earlier:
            out.append(f'<p class="safeplan-muted">{self.nothing_yet_words}</p>\n')
        if earlier:
            self.earlier_history(out, item)
        if kind == "safer_step" and entries and ui.is_care_team and live:
            # Making surroundings safer: a prompt to go through each step together, never a list of anything to remove.
            steps = "this step" if len(entries) == 1 else f"these {len(entries)} steps"
            out.append(
                '<div class="nhsuk-inset-text safeplan-review-together">'
                '<span class="nhsuk-u-visually-hidden">Information: </span>\n'
                f"<p>Go through {steps} with {_e(self.person.name_to_use)}: is it still in place, who holds it"
                " now, and is the date still right? Change it to say when you last checked it together.</p>\n</div>\n"
            )
        if item.get("if_yes") and any(entry["fields"].get("answer") == "yes" for entry in entries):
            out.append(
                f'<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">{self.information_words} </span>'
                f"<p>{self._words(item['if_yes'])}</p></div>\n"
            )
        if live and ui.can_write and not (kind == "yes_no" and entries):
            href = ui.add_url(item) or self._add_url(section, item)
            text = self._("Add more") if entries else self._("Add")
            out.append(self._add_link(href, text, prompt))
        elif live and ui.supporter_may_add(section, item):
            out.append(self._add_link(self._add_url(section, item), self._("Add your own words"), prompt))
        out.append("</div>\n")

    def _add_url(self, section: dict, item: dict) -> str:
        """Where to add to an item: one string format of the URL's shape, found once a page (the keys are slugs)."""
        keys = (section["key"], item["key"])
        if self.add_shape is None:
            self.add_shape = self._reverse_add(*_ADD_MARKERS).replace("{", "{{").replace("}", "}}")
            for n, marker in enumerate(_ADD_MARKERS):
                self.add_shape = self.add_shape.replace(marker, f"{{{n}}}", 1)
        if all(_SLUG.match(key) for key in keys) and self.add_shape.count("{") == 2:
            return self.add_shape.format(*keys)
        return self._reverse_add(*keys)

    def _reverse_add(self, section_key: str, item_key: str) -> str:
        return fast_reverse(
            "plan_add_entry",
            person_id=self.person.pk,
            plan_id=self.plan.pk,
            section_key=section_key,
            item_key=item_key,
        )

    def _add_link(self, href: str, text: str, prompt: str) -> str:
        return (
            f'<p class="nhsuk-body-s"><a href="{_e(href)}">{text}<span class="nhsuk-u-visually-hidden">'
            f" {self.to_words} {prompt}</span></a></p>\n"
        )

    def entry(self, out: Parts, section: dict, item: dict, entry: dict) -> None:
        if entry.get("marker"):
            self.withheld_marker(out, entry)
            return
        ui, kind, live = self.ui, item["kind"], self.live
        extra = " safeplan-entry--do-not-contact" if kind == "do_not_contact" else ""
        out.append(f'<div class="safeplan-entry{extra}" id="entry-{_e(entry["id"])}">\n')
        views = entry.get("views")
        if views:
            out.append(
                '<div class="nhsuk-grid-row safeplan-side-by-side">\n<div class="nhsuk-grid-column-one-half">\n'
                f'<h4 class="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{_e(ui.view_heading(entry))}</h4>\n'
            )
            self.body(out, kind, entry)
            if live:
                self.actions(out, entry, section, kind=kind)
            out.append('</div>\n<div class="nhsuk-grid-column-one-half">\n')
            for view in views:
                self.view(out, kind, view, "", section if live else None)
            out.append("</div>\n</div>\n")
        else:
            self.body(out, kind, entry)
            if live:
                self.actions(out, entry, section, kind=kind)
        out.append("</div>\n")

    def view(self, out: Parts, kind: str, view: dict, css: str, section: dict | None) -> None:
        """A differing view beside what it answers (with what the reader may do with it, given its `section`), or the
        marker of one withheld from the person."""
        if view.get("marker"):
            self.withheld_marker(out, view)
            return
        out.append(
            f'<div{css} id="entry-{_e(view["id"])}">\n'
            f'<h4 class="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{_e(self.ui.view_heading(view))}</h4>\n'
        )
        self.body(out, kind, view, is_view=True)
        if section is not None:
            self.actions(out, view, section, is_view=True)
        out.append("</div>\n")

    def body(self, out: Parts, kind: str, entry: dict, *, is_view: bool = False) -> None:
        """An entry's words (each field with its label), whose words they are, and the care team's withheld note."""
        for label, value in self.ui.rows(kind, entry, is_view):
            number = dial(value) if label == self.phone_label else ""
            if number:
                out.append(
                    f'<p class="nhsuk-body-s nhsuk-u-margin-bottom-1"><strong>{_e(label)}:</strong> '
                    f'<a href="tel:{_e(number)}">{_e(value)}</a></p>\n'
                )
            elif label:
                colon = "" if label.endswith("?") else ":"
                out.append(
                    f'<p class="nhsuk-body-s nhsuk-u-margin-bottom-1"><strong>{_e(label)}{colon}</strong> '
                    f"{_e(value)}</p>\n"
                )
            else:
                out.append(f'<p class="safeplan-words">{_e(value)}</p>\n')
        byline = _e(self.ui.byline(entry))
        out.append(f'<p class="nhsuk-body-s safeplan-muted nhsuk-u-margin-bottom-2">{byline}</p>\n')
        note = entry.get("withholding")
        if note:
            self.withheld_note(out, note)

    def withheld_note(self, out: Parts, note: dict) -> None:
        """For the care team (in English, ADR 0010): withheld from whom, since when, by whom, why, and its review."""
        day = self.ui.day
        if note.get("overdue"):
            review = f"<strong>Review overdue</strong> (was due by {_e(day(note['review_by']))})."
        else:
            review = f"Review by {_e(day(note['review_by']))}."
        out.append(
            '<p class="nhsuk-body-s nhsuk-u-margin-bottom-1 safeplan-withheld-note">'
            f'<strong class="nhsuk-tag nhsuk-tag--orange">Withheld from {_e(note["withheld_from"])}</strong>'
            f" since {_e(day(note['withheld_on']))}, decided by {_e(note['decided_by'])}. {review}</p>\n"
            f'<p class="nhsuk-body-s nhsuk-u-margin-bottom-2"><strong>Reason:</strong> {_e(note["reason"])}</p>\n'
        )

    def withheld_marker(self, out: Parts, entry: dict) -> None:
        """Where something withheld from the person sits (ADR 0010): when, by whom, its review, and how to ask."""
        day = self.ui.day
        words = withheld_words(
            entry["decided_by"],
            day(entry["withheld_on"]),
            day(entry["review_by"]),
            bool(entry.get("review_passed")),
            gettext=self.gettext,
        )
        out.append(
            '<div class="safeplan-entry safeplan-withheld">\n'
            f'<p class="nhsuk-u-margin-bottom-1"><strong>{self.not_shown_words}</strong></p>\n'
            f'<p class="nhsuk-body-s nhsuk-u-margin-bottom-2">{words}</p>\n'
        )
        actions = self.ui.actions("withheld", entry["withholding_id"])
        if actions:
            what = self._("something not shown to you")
            links = "".join(
                f'<a href="{_e(href)}">{_e(text)}<span class="nhsuk-u-visually-hidden">: {what}</span></a>'
                for text, href in actions
            )
            out.append(f'<p class="nhsuk-body-s safeplan-actions">{links}</p>\n')
        out.append("</div>\n")

    def actions(self, out: Parts, entry: dict, section: dict, is_view: bool = False, kind: str = "") -> None:
        """What the reader may do with one entry: worked out in Python (plans/entry_actions.py), drawn here."""
        acts = self.ui.entry_actions(entry, section, kind, is_view)
        if acts.hidden_tag:
            tag = _e(acts.hidden_tag)
            out.append(f'<p class="nhsuk-body-s"><strong class="nhsuk-tag nhsuk-tag--grey">{tag}</strong></p>\n')
        if acts.writing:
            links = " ".join(_link(link) for link in acts.links)
            out.append(f'<p class="nhsuk-body-s safeplan-actions">{links}</p>\n')
        if acts.buttons:
            out.append('<div class="safeplan-actions">')
            for b in acts.buttons:
                out.append(
                    f'\n<form method="post" action="{_e(b.action)}" class="safeplan-inline-form">{self.csrf}'
                    f'<input type="hidden" name="{_e(b.name)}" value="{_e(b.value)}">'
                    f'<button type="submit" class="safeplan-link-button">{_e(b.text)}'
                    f'<span class="nhsuk-u-visually-hidden">{_e(b.hidden)}</span></button></form>'
                )
            out.append("\n</div>\n")
        if acts.items:
            out.append(f'<p class="nhsuk-body-s safeplan-actions">{"".join(map(_link, acts.items))}</p>\n')
        if acts.review:
            out.append(_action_line(acts.review))

    def earlier_history(self, out: Parts, item: dict) -> None:
        """Entries marked no longer current: folded under "Earlier history" where they sat, still readable."""
        ui, kind = self.ui, item["kind"]
        body: Parts = []
        for entry in item["earlier"]:
            body.append(f'<div class="safeplan-entry safeplan-earlier" id="entry-{_e(entry["id"])}">\n')
            self.body(body, kind, entry)
            for view in entry.get("views") or ():
                self.view(body, kind, view, ' class="safeplan-entry"', None)
            review = entry["review"]
            since = self._(
                "since %(day)s. Looked at by %(by)s, with: %(with_whom)s. Why:",
                day=ui.day(review["on"]),
                by=review["by"],
                with_whom=review["with_whom"],
            )
            body.append(
                f'<p class="nhsuk-body-s"><strong class="nhsuk-tag nhsuk-tag--grey">{self.no_longer_current_words}'
                f"</strong> {since} {_e(review['why'])}</p>\n"
            )
            again = ui.review_link(entry, True) if self.live else None
            if again:
                body.append(_action_line(again))
            body.append("</div>\n")
        if self.live:
            count = len(item["earlier"])
            words = ngettext(
                "Earlier history (%(num)s entry no longer current)",
                "Earlier history (%(num)s entries no longer current)",
                count,
            )
            summary = Markup(words) % {"num": count}  # noqa: S704 - the catalogues' own words, as Jinja marks them
            out.append(
                '<details class="nhsuk-details safeplan-earlier-history">\n'
                '<summary class="nhsuk-details__summary">'
                f'<span class="nhsuk-details__summary-text">{summary}</span></summary>\n'
                f'<div class="nhsuk-details__text">{"".join(body)}</div>\n</details>\n'
            )
        else:
            out.append(f'<h4 class="nhsuk-heading-xs">{self.earlier_history_words}</h4>\n')
            out.extend(body)


def _e(value: Any) -> str:
    """`value` escaped as Jinja's autoescape escapes it (markupsafe's five characters; Markup left as it is), as plain
    text to join: making a Markup of every value cost more than escaping it on a page of 36 entries."""
    if type(value) is str:
        return (
            value.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return str(escape(value))


def _link(link: Any) -> str:
    hidden = f'<span class="nhsuk-u-visually-hidden">{_e(link.hidden)}</span>'
    return f'<a href="{_e(link.href)}">{_e(link.text)}{hidden}</a>'


def _action_line(link: Any) -> str:
    return f'<p class="nhsuk-body-s safeplan-actions">{_link(link)}</p>\n'


def sections_html(
    snapshot: dict, sections: list[dict], ui: "EntryView", person: Any, plan: Any, live: bool, csrf_input: str = ""
) -> Markup:
    """Every section given, drawn for this reader."""
    drawing = Drawing(ui, person, plan, live=live, csrf_input=csrf_input)
    return Markup("".join(drawing.section(snapshot, section) for section in sections))  # noqa: S704 - drawn escaped
