from django.urls import path

from safeplan.circle import views

urlpatterns = [
    path("your-record/sharing/", views.your_sharing, name="circle_sharing"),
    path("your-record/sharing/<int:support_id>/", views.your_sharing_with, name="circle_sharing_with"),
]

from safeplan.circle import views_invite  # noqa: E402

urlpatterns += [
    path("people/<str:person_id>/circle/", views_invite.circle_page, name="circle"),
    path(
        "people/<str:person_id>/circle/invitations/<uuid:invitation_id>/withdraw/",
        views_invite.withdraw,
        name="circle_withdraw",
    ),
    path(
        "people/<str:person_id>/circle/carers-assessment/",
        views_invite.record_assessment_offer,
        name="circle_assessment_offer",
    ),
    path("supporting/<int:support_id>/your-needs/", views_invite.carer_needs, name="carer_needs"),
    path("invitations/<str:token>/", views_invite.invitation, name="circle_invitation"),
]
