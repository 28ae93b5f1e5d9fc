from django.urls import path

from safeplan.decisions.views import parts, records

DECISION = "people/<str:person_id>/decisions/<uuid:decision_id>/"

urlpatterns = [
    path("people/<str:person_id>/decisions/", records.decision_list, name="decision_list"),
    path(DECISION, records.decision_page, name="decision"),
    path(DECISION + "options/add/", parts.add_option, name="decision_add_option"),
    path(DECISION + "options/<int:option_id>/later-harms/add/", parts.add_later_harm, name="decision_add_harm"),
    path(DECISION + "views/add/", parts.add_view, name="decision_add_view"),
    path(DECISION + "capacity/", parts.assess_capacity, name="decision_capacity"),
    path(DECISION + "frameworks/", parts.check_framework, name="decision_frameworks"),
    path(DECISION + "agreement/", parts.propose_agreement, name="decision_agreement"),
    path(DECISION + "agreement/sign/", parts.sign, name="decision_sign"),
    path(DECISION + "agreement/against-preference/", parts.against_preference, name="decision_against"),
    path(DECISION + "afterwards/", parts.add_outcome, name="decision_outcome"),
]
