from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "safeplan.crisis"
    label = "crisis"
    verbose_name = "Crisis mode: the person's crisis plan on their phone, offline, on a card and to share"

    def ready(self) -> None:
        from safeplan.crisis.capability import CRISIS
        from safeplan.people.capabilities import register

        register(CRISIS)
