"""The JSON Schema of data.json (schema/all-my-data.schema.json), and a small checker for the part of JSON Schema it
uses: type, properties, required, additionalProperties, items, enum, minimum, maximum, format (date, date-time),
anyOf and local `$ref`s. Every document is checked before it is written, so a copy never leaves with a shape its
schema does not describe. (The `jsonschema` package is not a dependency; this covers what the schema says and no
more.)"""

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "schema" / "all-my-data.schema.json"

TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _is(value: object, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False  # JSON's true is not a number
    return isinstance(value, TYPES[kind])


def _format_ok(value: str, fmt: str) -> bool:
    try:
        if fmt == "date":
            date.fromisoformat(value)
        elif fmt == "date-time":
            return "T" in value and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
    return True


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"Only local references are supported, not {ref}")
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def errors(
    value: object, node: dict[str, Any] | None = None, root: dict[str, Any] | None = None, at: str = "$"
) -> list[str]:
    """Every place where `value` does not match the schema (or `node` of it), as "path: what is wrong"."""
    root = root if root is not None else schema()
    node = _resolve(node if node is not None else root, root)
    found: list[str] = []
    if "anyOf" in node:
        tried = [errors(value, option, root, at) for option in node["anyOf"]]
        if all(tried):
            found.append(f"{at}: matches none of its {len(tried)} shapes; " + "; ".join(t[0] for t in tried))
    kinds = node.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, kind) for kind in kinds):
            return [f"{at}: expected {' or '.join(kinds)}, found {type(value).__name__}"]
    if "enum" in node and value not in node["enum"]:
        found.append(f"{at}: {value!r} is not one of {node['enum']}")
    if isinstance(value, str) and "format" in node and not _format_ok(value, node["format"]):
        found.append(f"{at}: {value!r} is not a {node['format']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            found.append(f"{at}: {value} is below {node['minimum']}")
        if "maximum" in node and value > node["maximum"]:
            found.append(f"{at}: {value} is above {node['maximum']}")
    if isinstance(value, dict):
        properties: dict[str, Any] = node.get("properties", {})
        for key in node.get("required", []):
            if key not in value:
                found.append(f"{at}: {key!r} is missing")
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], root, f"{at}.{key}")
            elif extra is False:
                found.append(f"{at}: {key!r} is not in the schema")
            elif isinstance(extra, dict):
                found += errors(item, extra, root, f"{at}.{key}")
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            found += errors(item, node["items"], root, f"{at}[{index}]")
    return found
