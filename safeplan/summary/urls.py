from django.urls import path

from safeplan.summary import views

SUMMARY = "people/<str:person_id>/summary/"

urlpatterns = [
    path("your-record/summary/", views.your_summary, name="your_summary"),
    path(SUMMARY, views.summary_page, name="summary"),
    path(SUMMARY + "print/", views.summary_print, name="summary_print"),
    path(SUMMARY + "pdf/", views.summary_pdf, name="summary_pdf"),
    path(SUMMARY + "goals/new/", views.goal_form, name="goal_add"),
    path(SUMMARY + "goals/<uuid:goal_id>/", views.goal_form, name="goal_change"),
]
