"""Generic audited views for the shape every capability repeats: a small form that adds one part to something in a
person's record (after NHS England's manage-breast-screening `core/views/generic.py`).

GET shows the form; a valid POST calls `save` (a service, which checks, changes and audits in one transaction) and
goes back; a refusal (the capability's `RecordError`) re-shows the form with the message and changes nothing. The
page is a read of the record, audited by `person_record_view` like every other.

A subclass says what it adds to (`find`), the form (`make_form`), the service call (`save`), where to go after
(`back`) and its words; `as_view()` gives the URL's view.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase

from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.records import RecordError, Writer
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404
from safeplan.people.wording import guide_data, offer_hints


class AddToRecord:
    object_type: ClassVar[str] = "person"
    template: ClassVar[str] = ""
    heading: str = ""
    submit: str = "Save"
    intro: str = ""
    done: str = "Saved."
    care_team_only: ClassVar[bool] = False  # the person and emergency readers get 404, as outsiders do

    def __init__(self, request: HttpRequest, access: RecordAccess, writer: Writer) -> None:
        self.request = request
        self.access = access
        self.writer = writer

    def find(self, **kwargs: Any) -> Any:
        """What this part is added to, from the URL; raise Http404 when it is not in this person's record."""
        raise NotImplementedError

    def make_form(self, data: Any, found: Any) -> forms.Form:
        raise NotImplementedError

    def save(self, found: Any, form: forms.Form) -> None:
        """Call the service that makes the change; it raises a RecordError to refuse."""
        raise NotImplementedError

    def back(self, found: Any) -> HttpResponseBase:
        raise NotImplementedError

    def context(self, found: Any) -> dict[str, Any]:
        """What the template needs besides the person, the form and the words."""
        return {}

    def shown_id(self, found: Any) -> object:
        return getattr(found, "pk", None)

    def in_care_team_voice(self, form: forms.Form) -> bool:
        """Whether the words just saved are the care team's own: the language guide's hints are for them, never for
        the person's words written down for them."""
        return self.writer.is_care_team

    @classmethod
    def as_view(cls) -> Callable[..., HttpResponseBase]:
        @person_record_view(cls.object_type, methods=FORM)
        def view(request: HttpRequest, access: RecordAccess, **kwargs: Any) -> Shown | HttpResponseBase:
            writer = writer_or_404(request, access)
            if cls.care_team_only and not writer.is_care_team:
                raise Http404("Only the care team records this.")
            page = cls(request, access, writer)
            found = page.find(**kwargs)
            form = page.make_form(posted(request), found)
            if request.method == "POST" and form.is_valid():
                try:
                    page.save(found, form)
                except RecordError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, page.done)
                    if page.in_care_team_voice(form):
                        texts = [value for value in form.cleaned_data.values() if isinstance(value, str)]
                        offer_hints(request, access.person.organisation, texts)
                    return page.back(found)
            context = {
                "person": access.person,
                "form": form,
                "heading": page.heading,
                "intro": page.intro,
                "submit": page.submit,
                "language_guide": guide_data(access.person.organisation) if writer.is_care_team else [],
                **page.context(found),
            }
            status = 422 if form.errors else 200
            return show(request, cls.template, context, status=status, object_id=page.shown_id(found))

        view.__name__ = cls.__name__
        return view
