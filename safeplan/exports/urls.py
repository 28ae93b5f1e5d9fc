from django.urls import path

from safeplan.exports import views

urlpatterns = [
    path("your-record/all-my-data/", views.all_my_data, name="all_my_data"),
    path(
        "people/<str:person_id>/subject-access-requests/",
        views.subject_access_requests,
        name="subject_access_requests",
    ),
    path("people/<str:person_id>/all-my-data/<uuid:export_id>/download/", views.download, name="export_download"),
]
