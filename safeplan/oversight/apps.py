from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "safeplan.oversight"
    label = "oversight"
    verbose_name = "Oversight and learning: measures, improvement cycles, training and practice stories"

    def ready(self) -> None:
        from safeplan.oversight.capability import OVERSIGHT
        from safeplan.people.capabilities import register

        register(OVERSIGHT)
