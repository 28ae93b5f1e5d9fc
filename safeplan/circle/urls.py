from django.urls import path

from safeplan.circle import views

urlpatterns = [
    path("your-record/sharing/", views.your_sharing, name="circle_sharing"),
    path("your-record/sharing/<int:support_id>/", views.your_sharing_with, name="circle_sharing_with"),
]
