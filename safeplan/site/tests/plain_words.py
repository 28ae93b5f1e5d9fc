"""How easy a page is to read: the Flesch reading ease of the words in its main part, as a person reads them
(issue 13, item 6). Measured offline with PyPI `readability` (textstat downloads a dictionary at run time and fails
here). Each block of a page (a paragraph, a heading, a list item, a label, a table cell, a button) is read as its own
sentence or sentences, as the eye reads it."""

import re
from html.parser import HTMLParser

import readability

BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "legend",
    "td",
    "th",
    "dt",
    "dd",
    "div",
    "button",
    "summary",
    "caption",
    "option",
    "section",
    "blockquote",
    "ul",
    "ol",
    "form",
    "fieldset",
    "details",
    "main",
}  # fmt: skip (links, bold words and tags sit inside a sentence: they do not end it)
TOKENS = re.compile(r"[A-Za-z0-9’'\-]+|[.!?,;:]")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MainText(HTMLParser):
    """The blocks of words in a page's <main>, without scripts, styles, drawings or the extras only screen readers
    hear (visually hidden)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether it starts something skipped)

    def _flush(self) -> None:
        words = " ".join(" ".join(self._current).split())
        if words:
            self.blocks.append(words)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()
        if tag in VOID:
            return
        classes = dict(attrs).get("class") or ""
        skipped = tag in ("script", "style", "svg", "template") or "nhsuk-u-visually-hidden" in classes
        self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._flush()
        for index in range(len(self._open) - 1, -1, -1):  # close up to the matching tag, as browsers do
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        in_main = any(tag == "main" for tag, _ in self._open)
        if in_main and not any(skipped for _, skipped in self._open):
            self._current.append(data)


def sentences(html: str) -> list[str]:
    """Each block of the page's main part split into sentences, tokenised as `readability` expects."""
    parser = MainText()
    parser.feed(html)
    parser._flush()
    found = []
    for block in parser.blocks:
        for sentence in re.split(r"(?<=[.!?])\s+", block):
            tokens = TOKENS.findall(sentence)
            if any(token[0].isalnum() for token in tokens):
                found.append(" ".join(tokens))
    return found


def reading_ease(html: str) -> float | None:
    """Flesch reading ease of the page's main words (higher is easier; 60 and above is plain English), or None for a
    page with too few words to judge (fewer than 20)."""
    lines = sentences(html)
    if sum(len(line.split()) for line in lines) < 20:
        return None
    measures = readability.getmeasures("\n".join(lines), lang="en")
    return float(measures["readability grades"]["FleschReadingEase"])
