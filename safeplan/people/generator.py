"""The project's own generator of synthetic people. Nobody here is real: names are drawn from short lists and
combined at random, and NHS numbers come from the range set aside for test patients (900 000 0000–999 999 9999)."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

import nhs_number

GIVEN = [
    "Rowan",
    "Sasha",
    "Jamie",
    "Robin",
    "Kai",
    "Ellis",
    "Noor",
    "Priya",
    "Tomasz",
    "Aisha",
    "Femi",
    "Grace",
    "Owen",
    "Lena",
    "Marek",
    "Zara",
    "Callum",
    "Iris",
    "Dev",
    "Niamh",
    "Bea",
    "Tariq",
    "Hollie",
    "Yusuf",
    "Maya",
    "Reuben",
    "Cerys",
    "Omar",
    "Freya",
    "Kwame",
    "Ada",
    "Hamza",
    "Isla",
    "Luca",
    "Esme",
    "Arjun",
    "Tess",
    "Nico",
    "Ruth",
    "Ibrahim",
]
FAMILY = [
    "Ellison",
    "Okafor",
    "Marsh",
    "Kowalski",
    "Begum",
    "Hughes",
    "Adeyemi",
    "Fairweather",
    "Novak",
    "Rahman",
    "Pennington",
    "Osei",
    "Lindqvist",
    "Moreau",
    "Whitlock",
    "Achebe",
    "Carrow",
    "Dunmore",
    "Haldane",
    "Iqbal",
    "Jessop",
    "Kaur",
    "Llewellyn",
    "Mbeki",
    "Nairn",
    "Oduya",
    "Prescott",
    "Quarry",
    "Rasmussen",
    "Sefton",
]
PRONOUNS = ["she/her", "he/him", "they/them", "", ""]
LANGUAGES = ["English"] * 8 + ["Polish", "Urdu", "Welsh", "Somali", "British Sign Language"]
NEEDS = [
    "",
    "",
    "",
    "Prefers written information sent in advance of appointments.",
    "Dyslexic: finds short sentences and large print easier.",
    "Uses a British Sign Language interpreter.",
    "Finds phone calls hard: prefers text messages.",
]

SYNTHETIC_START = 900_000_000  # first nine digits of the synthetic range


def synthetic_nhs_number(index: int) -> str | None:
    """The index-th identifier in the synthetic range with its check digit, or None where no valid one exists."""
    identifier = f"{SYNTHETIC_START + index:09d}"
    check = nhs_number.calculate_checksum(identifier)
    return None if check == 10 else f"{identifier}{check}"


def synthetic_nhs_numbers(start: int = 0) -> Iterator[str]:
    index = start
    while True:
        number = synthetic_nhs_number(index)
        if number:
            yield number
        index += 1


def person_fields(rng: random.Random) -> dict:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 58 * 365))
    return {
        "full_name": f"{given} {family}",
        "preferred_name": rng.choice(["", "", "", rng.choice(GIVEN)]),  # some go by a middle name
        "pronouns": rng.choice(PRONOUNS),
        "date_of_birth": born,
        "preferred_language": rng.choice(LANGUAGES),
        "communication_needs": rng.choice(NEEDS),
    }
