from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the house: the pages that gather every capability. Nothing imports it."""

    name = "safeplan.site"
    label = "site"
    verbose_name = "Pages that gather every capability"
