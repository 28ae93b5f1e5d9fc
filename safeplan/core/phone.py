"""A phone number as a phone dials it, from the number as someone wrote it (a contact, a crisis line)."""

import re

_NUMBER = re.compile(r"\+?[\d ()\-.]*\d")  # the first run that looks like a phone number
_TRUNK = re.compile(r"^(\+\d{1,3})\s*\(0\)")  # the (0) of "+44 (0)7700 …", never dialled after a country code


def dial(written: str | None) -> str:
    """The first number written (not "or …" after it, nor an extension), as digits and a leading +; empty when that
    is no phone number (3 to 15 digits), so no call or text link is offered for it."""
    found = _NUMBER.search(written or "")
    if found is None:
        return ""
    number = _TRUNK.sub(r"\1", found.group(0).strip())
    digits = re.sub(r"\D", "", number)
    if not 3 <= len(digits) <= 15:
        return ""
    return ("+" if number.startswith("+") else "") + digits
