from django.urls import path

from safeplan.people.views import break_glass, supporting

urlpatterns = [
    path("emergency-access/", break_glass.break_glass_start, name="break_glass_start"),
    path("emergency-access/<uuid:grant_id>/end/", break_glass.break_glass_end, name="break_glass_end"),
    path("emergency-access/reviews/", break_glass.break_glass_review, name="break_glass_review"),
    path(
        "emergency-access/reviews/<uuid:grant_id>/", break_glass.break_glass_review_one, name="break_glass_review_one"
    ),
    path("supporting/", supporting.supporting, name="supporting"),
]
