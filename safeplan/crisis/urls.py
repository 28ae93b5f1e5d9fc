from django.urls import path

from safeplan.crisis import views

CRISIS = "your-record/crisis/"

urlpatterns = [
    path(CRISIS, views.crisis, name="crisis"),
    path(CRISIS + "card/", views.card, name="crisis_card"),
    path(CRISIS + "card.pdf", views.card_pdf, name="crisis_card_pdf"),
    path(CRISIS + "share/", views.share, name="crisis_share"),
    path(CRISIS + "on-this-phone/", views.on_this_phone, name="crisis_offline"),
    path(CRISIS + "sw.js", views.service_worker, name="crisis_service_worker"),
    path(CRISIS + "manifest.webmanifest", views.manifest, name="crisis_manifest"),
]
