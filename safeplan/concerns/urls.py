from django.urls import path

from safeplan.concerns import views, views_lead, views_learning, views_restorative

CONCERN = "people/<str:person_id>/concerns/<uuid:concern_id>/"

urlpatterns = [
    path("your-record/concerns/", views.your_concerns, name="your_concerns"),
    path("late-concerns/", views_lead.late_concerns, name="late_concerns"),
    path("learning/concerns/", views_learning.learning, name="concerns_learning"),
    path("learning/concerns.json", views_learning.learning_json, name="concerns_learning_json"),
    path("people/<str:person_id>/concerns/", views.concern_list, name="concern_list"),
    path("people/<str:person_id>/concerns/new/", views.raise_concern, name="concern_raise"),
    path(CONCERN, views.concern_page, name="concern"),
    path(CONCERN + "restorative/", views_restorative.record_restorative, name="concern_restorative"),
    path(CONCERN + "<slug:step>/", views.concern_step, name="concern_step"),
]
