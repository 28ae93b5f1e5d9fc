"""Plan templates are data: TOML files in `template_files/`, checked and loaded into the database.

A file is loaded once per (key, version). Changing a loaded file without a new version number is an error, because
plans remember the template version they were started from. A malformed file is rejected with a message naming the
file and the problem, and nothing from that load is kept.
"""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop as N_  # words translated where they are shown

TEMPLATE_DIR = Path(__file__).resolve().parent / "template_files"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = False
    long: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = 2000
    hidden: bool = False  # filled by the server (a kind's clean()), carried through forms unseen
    multiple: bool = False  # several choices, stored comma-separated


RELIABILITY = (
    ("first-hand", N_("From the person, or someone who was there")),
    ("second-hand", N_("Passed on by someone else")),
    ("records", N_("From records only")),
    ("not-sure", N_("Not sure")),
)

HOW_TO_REACH = (("call", N_("Call")), ("text", N_("Text")), ("both", N_("Call or text")))

# The shape of each kind of item: which fields an entry of that kind has. Templates choose a kind per prompt.
KINDS: dict[str, tuple[Field, ...]] = {
    "text": (Field("text", N_("Your words"), required=True, long=True, max_length=4000),),
    "yes_no": (
        Field("answer", N_("Answer"), required=True, choices=(("yes", N_("Yes")), ("no", N_("No")))),
        Field("details", N_("Anything you want to add"), long=True),
    ),
    "event": (
        Field("when", N_("When it happened"), required=True, max_length=120),
        Field("what", N_("What happened"), required=True, long=True, max_length=4000),
        Field("context", N_("Where, and who was there"), long=True),
        Field("before", N_("What led up to it"), long=True),
        Field("after", N_("What happened after"), long=True),
        Field("source", N_("Where this account comes from"), max_length=200),
        Field("reliability", N_("How sure we can be"), choices=RELIABILITY),
    ),
    "contact": (
        Field("name", N_("Name"), required=True, max_length=120),
        Field("relationship", N_("Who they are to you"), max_length=120),
        Field("phone", N_("Phone number"), required=True, max_length=40),
        Field("when", N_("When to contact them"), max_length=300),
        Field("how", N_("Call, text or both"), choices=HOW_TO_REACH),
        Field("opening", N_("What you could say first, in your own words"), max_length=300),
        Field("no_answer", N_("If they do not answer"), long=True, max_length=600),
    ),
    # A professional or service: called, never texted (a text to a service may sit unread).
    "professional": (
        Field("name", N_("Name or service"), required=True, max_length=120),
        Field("relationship", N_("Their role"), max_length=120),
        Field("phone", N_("Phone number"), required=True, max_length=40),
        Field("when", N_("When to call them"), max_length=300),
    ),
    # One step to make surroundings safer. The product never names or lists methods: `what` is the person's words.
    "safer_step": (
        Field("what", N_("What you want to make safer, in your own words"), required=True, long=True, max_length=1000),
        Field("step", N_("The step"), required=True, long=True, max_length=1000),
        Field("who", N_("Who holds it or does it"), max_length=120),
        Field("by_when", N_("By when"), max_length=120),
        Field("checked", N_("When you last checked it together"), max_length=120),
    ),
    "do_not_contact": (
        Field("name", N_("Name"), required=True, max_length=120),
        Field("relationship", N_("Who they are to you"), max_length=120),
        Field("why", N_("Why not (you do not have to say)"), long=True, max_length=1000),
    ),
}

_TOP = {"key": str, "version": int, "title": str, "summary": str, "description": str, "sections": list}
_SECTION = {"key": str, "title": str, "intro": str, "crisis": bool, "crisis_lines": bool, "items": list}
_ITEM = {"key": str, "kind": str, "prompt": str, "hint": str, "if_yes": str, "crisis_use": str}
# What an item is for on the crisis page (crisis mode): the next things to try, and where to go. Contacts, professionals
# and who not to contact are known by their kind; nothing else from a plan is shown there.
CRISIS_USES = ("try", "where")
_REQUIRED_TOP = {"key", "version", "title", "summary", "description", "sections"}
_REQUIRED_SECTION = {"key", "title", "items"}
_REQUIRED_ITEM = {"key", "kind", "prompt"}


def _check_table(where: str, data: object, allowed: Mapping[str, type], required: set[str]) -> dict:
    if not isinstance(data, dict):
        raise TemplateError(f"{where} must be a table of settings.")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TemplateError(f"{where} has an unknown setting: {', '.join(unknown)}.")
    missing = sorted(required - set(data))
    if missing:
        raise TemplateError(f"{where} is missing {', '.join(missing)}.")
    for name, kind in allowed.items():
        if name not in data:
            continue
        value = data[name]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise TemplateError(f"{where}: {name} must be a whole number.")
        if not isinstance(value, kind):
            raise TemplateError(f"{where}: {name} must be {'text' if kind is str else kind.__name__}.")
        if isinstance(value, str) and not value.strip():
            raise TemplateError(f"{where}: {name} must not be empty.")
    return data


def _check_slug(where: str, value: str) -> None:
    if not SLUG.match(value):
        raise TemplateError(f"{where}: key {value!r} must be lower-case letters, digits and hyphens.")


def validate_definition(data: object) -> dict:
    """Check a whole template. Returns it unchanged, or raises TemplateError naming the first problem."""
    data = _check_table("The template", data, _TOP, _REQUIRED_TOP)
    _check_slug("The template", data["key"])
    if data["version"] < 1:
        raise TemplateError("The template: version must be 1 or more.")
    if not data["sections"]:
        raise TemplateError("The template has no sections.")
    section_keys: set[str] = set()
    for s_index, section in enumerate(data["sections"], start=1):
        where = f"Section {s_index}"
        section = _check_table(where, section, _SECTION, _REQUIRED_SECTION)
        where = f"Section {s_index} ({section['key']})"
        _check_slug(where, section["key"])
        if section["key"] in section_keys:
            raise TemplateError(f"{where}: the key is used by another section.")
        section_keys.add(section["key"])
        if not section["items"]:
            raise TemplateError(f"{where} has no items.")
        item_keys: set[str] = set()
        for i_index, item in enumerate(section["items"], start=1):
            item_where = f"{where}, item {i_index}"
            item = _check_table(item_where, item, _ITEM, _REQUIRED_ITEM)
            _check_slug(item_where, item["key"])
            if item["key"] in item_keys:
                raise TemplateError(f"{item_where}: the key {item['key']!r} is used by another item in this section.")
            item_keys.add(item["key"])
            if item["kind"] not in KINDS:
                raise TemplateError(f"{item_where}: kind {item['kind']!r} is not one of {', '.join(sorted(KINDS))}.")
            if "crisis_use" in item and item["crisis_use"] not in CRISIS_USES:
                raise TemplateError(f"{item_where}: crisis_use must be one of {', '.join(CRISIS_USES)}.")
            if "if_yes" in item and item["kind"] != "yes_no":
                raise TemplateError(f"{item_where}: if_yes only applies to a yes_no item.")
    return data


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_template_file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path.name}: not valid TOML ({error}).") from error
    try:
        return validate_definition(data)
    except TemplateError as error:
        raise TemplateError(f"{path.name}: {error}") from error


def load_shipped_templates(directory: Path | None = None) -> LoadResult:
    """Load every template file in the directory (by default, plans' own and those other apps register), all or
    nothing."""
    from safeplan.plans.extensions import TEMPLATE_DIRS
    from safeplan.plans.models import PlanTemplate

    directories = [directory] if directory is not None else [TEMPLATE_DIR, *TEMPLATE_DIRS]
    paths = sorted(path for folder in directories for path in folder.glob("*.toml"))
    if not paths:
        raise TemplateError(f"No template files in {', '.join(str(d) for d in directories)}.")
    definitions = [(path, read_template_file(path)) for path in paths]
    seen: dict[tuple[str, int], str] = {}
    for path, data in definitions:
        ident = (data["key"], data["version"])
        if ident in seen:
            raise TemplateError(f"{path.name}: {data['key']} version {data['version']} is also in {seen[ident]}.")
        seen[ident] = path.name
    result = LoadResult()
    with transaction.atomic():
        for path, data in definitions:
            label = f"{data['key']} v{data['version']}"
            existing = PlanTemplate.objects.filter(organisation=None, key=data["key"], version=data["version"]).first()
            if existing is not None:
                if existing.definition != data:
                    raise TemplateError(
                        f"{path.name}: {label} has changed since it was loaded. Give it a new version number, "
                        "because plans remember the version they were started from."
                    )
                result.unchanged.append(label)
                continue
            PlanTemplate.objects.create(
                organisation=None,
                key=data["key"],
                version=data["version"],
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                definition=data,
                source=path.name,
            )
            result.created.append(label)
    return result


def item_definition(template_definition: dict, section_key: str, item_key: str) -> tuple[dict, dict] | None:
    for section in template_definition["sections"]:
        if section["key"] == section_key:
            for item in section["items"]:
                if item["key"] == item_key:
                    return section, item
    return None


# The words a person reads from a template (its title, summary, sections' titles and introductions, items' prompts,
# hints and follow-ups), for the Welsh catalogue: `make messages` reads the shipped files through `babel_extract`,
# and pages show them through gettext, so a plan reads in the person's language while its versions keep the words
# they were agreed in. An organisation's own copy has no translation and shows as written.
TRANSLATED_TOP = ("title", "summary", "description")
TRANSLATED_SECTION = ("title", "intro")
TRANSLATED_ITEM = ("prompt", "hint", "if_yes")


def template_words(data: dict) -> list[str]:
    words = [data[key] for key in TRANSLATED_TOP if data.get(key)]
    for section in data["sections"]:
        words += [section[key] for key in TRANSLATED_SECTION if section.get(key)]
        for item in section["items"]:
            words += [item[key] for key in TRANSLATED_ITEM if item.get(key)]
    return words


def babel_extract(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel's extraction method for template files (babel.cfg): (line, function, message, comments) per word."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for words in dict.fromkeys(template_words(data)):
        yield 0, "gettext", words, ["From a plan template (plans/template_files)."]
