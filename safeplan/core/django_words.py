"""Django's own words that a person reads on safeplan's pages (changing their password; "3 hours ago") and that
Django's Welsh catalogue does not have yet. Listed here only so that `make messages` puts them in safeplan's catalogue,
which Django reads before its own (LOCALE_PATHS). Nothing imports this module; the words are Django's, exactly as
Django 5.2 writes them."""

from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext_lazy

WORDS = (
    N_("Your password can’t be too similar to your other personal information."),
    N_("Your password can’t be a commonly used password."),
    N_("Your password can’t be entirely numeric."),
    N_("The password is too similar to the %(verbose_name)s."),
    N_("This password is too common."),
    N_("This password is entirely numeric."),
    N_("The two password fields didn’t match."),
    N_("Enter the same password as before, for verification."),
)
PLURALS = (
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # django.utils.timesince: "3 hours" in "3 hours ago" on the person's home
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)
