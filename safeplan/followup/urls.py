from django.urls import path

from safeplan.followup import views

urlpatterns = [
    path("people/<str:person_id>/after-a-crisis/", views.follow_up_page, name="crisis_follow_up"),
]
