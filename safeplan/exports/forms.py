from django import forms

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm

DATE_FORMATS = DATE_INPUT_FORMATS


class SubjectAccessForm(NHSForm):
    received_on = forms.DateField(
        label="When was the request received?",
        help_text="The day it reached the service, for example 24/11/2026. It is due one calendar month later.",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the day the request was received",
            "invalid": "Enter the date as day/month/year",
        },
    )
