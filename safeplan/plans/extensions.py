"""How another app (harm minimisation, for one) builds on plans without plans importing it.

An app registers, in its AppConfig.ready():
- a template directory, loaded with the shipped ones;
- new kinds of item (their fields), each with an optional `clean(plan, fields)` that fills fields the server owns
  (for example a technique's cautions from the organisation's catalogue) and `rows(fields)` for how it shows;
- for a template key: notices for the plan page (prompts to talk something through, with a link), problems that must
  be resolved before a version can be signed, and a link for adding to an item of a given kind.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Notice:
    heading: str
    text: str
    done: bool = False
    link_text: str = ""
    href: str = ""
    history: tuple[str, ...] = ()


@dataclass
class TemplateExtension:
    notices: Callable[[Any, Any], list[Notice]] | None = None  # (plan, access) -> notices on the plan page
    agreement_problems: Callable[[Any], list[str]] | None = None  # (plan) -> reasons it cannot be signed yet
    add_urls: dict[str, Callable[[Any, Any], str]] = field(default_factory=dict)  # kind -> (plan, access) -> url
    links: Callable[[Any, Any], list[tuple[str, str]]] | None = None  # (plan, access) -> [(text, href)]


@dataclass
class KindExtension:
    clean: Callable[[Any, dict[str, str]], dict[str, str]] | None = None
    rows: Callable[[dict[str, str]], list[tuple[str, str]]] | None = None


TEMPLATE_DIRS: list[Path] = []
TEMPLATES: dict[str, TemplateExtension] = {}
KIND_EXTENSIONS: dict[str, KindExtension] = {}


def for_template(key: str) -> TemplateExtension:
    return TEMPLATES.get(key) or TemplateExtension()
