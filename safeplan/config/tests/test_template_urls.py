"""The templates' url(): the same URL as Django's reverse() for every route, faster for the ones a page builds over
and over, and nothing about anyone kept between requests (issue 16)."""

import uuid

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.utils import translation

from safeplan.config import jinja2 as templates
from safeplan.core import urls as core_urls

SAMPLES = {"uuid": uuid.UUID("3f2b8c1e-9a47-4d2b-8e6f-0123456789ab"), "int": 42, "str": "crisis", "slug": "what-helps"}


def routes(resolver=None):
    """Every named route with its converters' kinds: (name, {argument: kind})."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            yield (
                pattern.name,
                {arg: type(c).__name__.removesuffix("Converter").lower() for arg, c in converters.items()},
            )


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_every_route_reverses_exactly_as_django_does(language):
    checked = 0
    with translation.override(language):
        for name, converters in routes():
            kwargs = {arg: SAMPLES.get(kind, "word") for arg, kind in converters.items()}
            try:
                expected = reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
            assert templates.url(name, **kwargs) == expected, name
            assert templates.url(name, **kwargs) == expected, name  # and again, from the kept shape
            other = {arg: (uuid.uuid4() if isinstance(v, uuid.UUID) else v) for arg, v in kwargs.items()}
            assert templates.url(name, **other) == reverse(name, kwargs=other or None), name
            checked += 1
    assert checked > 50


def test_values_that_need_quoting_or_do_not_fit_take_reverse():
    person = uuid.uuid4()
    words = {"person_id": person, "object_type": "plan_entry", "object_id": "7 and 8"}  # quoted: %20
    assert templates.url("withhold", **words) == reverse("withhold", kwargs=words)
    with pytest.raises(NoReverseMatch):
        templates.url("person_record", person_id="not-a-uuid/../")


def test_only_the_shapes_of_urls_are_kept_never_anyones_ids():
    person, plan = uuid.uuid4(), uuid.uuid4()
    assert templates.url("plan", person_id=person, plan_id=plan) == reverse(
        "plan", kwargs={"person_id": person, "plan_id": plan}
    )
    kept = repr(core_urls._SHAPES)  # noqa: SLF001 - the cache itself is what is checked
    assert str(person) not in kept and str(plan) not in kept
    assert any(key[0] == "plan" and "{0}" in (shape or "") for key, shape in core_urls._SHAPES.items())  # noqa: SLF001
