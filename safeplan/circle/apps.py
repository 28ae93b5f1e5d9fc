from django.apps import AppConfig


class CircleConfig(AppConfig):
    """The person's circle: supporters and advocates they choose, and what each may see."""

    name = "safeplan.circle"
    label = "circle"
    verbose_name = "The person's circle"

    def ready(self) -> None:
        from safeplan.circle.capability import CIRCLE
        from safeplan.people.capabilities import register

        register(CIRCLE)
