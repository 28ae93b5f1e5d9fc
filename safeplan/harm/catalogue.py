"""The techniques every organisation's catalogue starts with: those clinicians reported recommending (seed 003,
Table 2), described in our own words. Administrators decide which the service endorses and attach information."""

from safeplan.people.models import Organisation

# key, name, description, what you need, cautions, gives anatomy information
DEFAULT_TECHNIQUES = [
    (
        "pinching",
        "Pinching",
        "Pinching the skin firmly, to feel a sharp sensation without breaking the skin.",
        "",
        "Stop if the skin bruises or breaks.",
        False,
    ),
    (
        "ice",
        "Holding ice",
        "Holding an ice cube in your hand for a short time, for a strong cold feeling.",
        "Ice cubes in the freezer",
        "Hold it for a minute or two at most: ice held too long can burn the skin.",
        False,
    ),
    (
        "band",
        "Snapping a band",
        "Snapping an elastic band against your wrist.",
        "An elastic band or hair band",
        "Use a wide, soft band and snap it lightly: thin bands can cut or bruise.",
        False,
    ),
    (
        "drawing",
        "Drawing lines",
        "Drawing on your skin with a red pen or marker where you might otherwise cut.",
        "A washable red pen or marker",
        "Use washable, skin-safe pens.",
        False,
    ),
    (
        "hitting-soft",
        "Hitting something soft",
        "Punching or kicking a pillow, cushion or bean bag to let out feelings.",
        "A pillow, cushion or bean bag",
        "Only soft things: hitting walls or doors can break bones.",
        False,
    ),
    (
        "wound-care",
        "Looking after a wound",
        "Knowing how to clean and dress a wound, and when it needs a doctor.",
        "A first-aid kit with sterile dressings",
        "Get medical help if a wound is deep, gaping or will not stop bleeding.",
        False,
    ),
    (
        "areas-to-avoid",
        "Knowing which areas to avoid",
        "Knowing which parts of the body carry major blood vessels and nerves, so as to avoid them.",
        "",
        "A practitioner talks this through with the person first.",
        True,
    ),
    (
        "tetanus",
        "Tetanus protection",
        "Making sure your tetanus vaccination is up to date.",
        "A check with your GP practice",
        "",
        False,
    ),
    (
        "clean-instruments",
        "Clean instruments",
        "Using clean instruments and never sharing them, to lower the chance of infection.",
        "A way to clean instruments",
        "Never share instruments.",
        False,
    ),
]


def seed_catalogue(organisation: Organisation) -> int:
    """Give an organisation the default catalogue (none endorsed until an administrator says so). Idempotent."""
    from safeplan.harm.models import Technique

    created = 0
    for position, (key, name, description, needs, cautions, anatomy) in enumerate(DEFAULT_TECHNIQUES):
        _, made = Technique.objects.get_or_create(
            organisation=organisation,
            key=key,
            defaults={
                "name": name,
                "description": description,
                "needs": needs,
                "cautions": cautions,
                "anatomy": anatomy,
                "position": position,
            },
        )
        created += int(made)
    return created
