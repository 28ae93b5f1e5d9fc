from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """All my data: everything held about a person, built by a background job, for them or a subject-access request."""

    name = "safeplan.exports"
    label = "exports"
    verbose_name = "All my data"

    def ready(self) -> None:
        from safeplan.exports.capability import EXPORTS
        from safeplan.people.capabilities import register

        register(EXPORTS)
