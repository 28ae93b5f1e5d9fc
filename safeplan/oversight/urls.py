from django.urls import path

from safeplan.oversight import views

urlpatterns = [
    path("oversight/", views.measures_page, name="oversight"),
    path("oversight/measures.csv", views.measures_csv, name="oversight_csv"),
]
