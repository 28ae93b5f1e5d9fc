"""reverse() at the cost of a string format, for the URLs a page builds over and over (issue 16): templates' url()
and the plan page's actions on each entry use it."""

import re
import uuid
from typing import Any

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation


def fast_reverse(name: str, *args: Any, **kwargs: Any) -> str:
    """Django's reverse(), at the cost of a string format for the URLs a page builds over and over (a plan page
    builds several for each entry). Each URL's shape is found once per process by reversing it with markers for its
    arguments, and kept by the URL's name and the kinds of its arguments only: never an argument's value, so
    nothing about anyone is kept between requests. An argument that cannot be marked safely takes reverse()."""
    if args or not kwargs:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    names = tuple(sorted(kwargs))
    values = [kwargs[key] for key in names]
    kinds = tuple(kind for kind in map(_kind, values) if kind is not None)
    if len(kinds) != len(values):
        return reverse(name, kwargs=kwargs)
    key = (name, names, kinds, get_script_prefix(), get_urlconf(), translation.get_language())
    if key not in _SHAPES:
        _SHAPES[key] = _shape(name, names, kinds)
    shape = _SHAPES[key]
    if shape is None:
        return reverse(name, kwargs=kwargs)
    return shape.format(*(str(value) for value in values))


_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # needs no quoting in a path
_SHAPES: dict[tuple[Any, ...], str | None] = {}  # (name, argument names, their kinds, …): the URL with {0}, {1}…


def _kind(value: Any) -> type | None:
    if isinstance(value, uuid.UUID):
        return uuid.UUID
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return int
    if isinstance(value, str) and _SAFE_TEXT.match(value):
        return str
    return None


def _marker(kind: type, n: int) -> Any:
    return {uuid.UUID: uuid.UUID(int=0x5AFE_0000 + n), int: 987_654_300 + n, str: f"safeplanmarker{n}x"}[kind]


def _shape(name: str, names: tuple[str, ...], kinds: tuple[type, ...]) -> str | None:
    """The URL of `name` with {0}, {1}… where its arguments go; None when markers do not fit its converters or
    each does not appear exactly once (then reverse() answers every time)."""
    markers = [_marker(kind, n) for n, kind in enumerate(kinds)]
    try:
        path = reverse(name, kwargs=dict(zip(names, markers, strict=True)))
    except NoReverseMatch:
        return None
    shape = path.replace("{", "{{").replace("}", "}}")
    for n, marker in enumerate(markers):
        if shape.count(str(marker)) != 1:
            return None
        shape = shape.replace(str(marker), f"{{{n}}}")
    # A converter that writes a value other than as str() does would not fit: check with a second set of markers.
    others = [_marker(kind, n + len(kinds)) for n, kind in enumerate(kinds)]
    try:
        if shape.format(*map(str, others)) != reverse(name, kwargs=dict(zip(names, others, strict=True))):
            return None
    except NoReverseMatch:
        return None
    return shape
