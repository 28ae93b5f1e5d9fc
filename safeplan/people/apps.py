from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "safeplan.people"
    label = "people"
    verbose_name = "People and care relationships"

    def ready(self) -> None:
        from safeplan.people import signals  # noqa: F401  (connects login bookkeeping)
