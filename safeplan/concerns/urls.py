from django.urls import path

from safeplan.concerns import views

CONCERN = "people/<str:person_id>/concerns/<uuid:concern_id>/"

urlpatterns = [
    path("your-record/concerns/", views.your_concerns, name="your_concerns"),
    path("people/<str:person_id>/concerns/", views.concern_list, name="concern_list"),
    path("people/<str:person_id>/concerns/new/", views.raise_concern, name="concern_raise"),
    path(CONCERN, views.concern_page, name="concern"),
    path(CONCERN + "<slug:step>/", views.concern_step, name="concern_step"),
]
