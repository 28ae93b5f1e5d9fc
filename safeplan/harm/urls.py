from django.urls import path

from safeplan.harm.views import check_ins, information, techniques

PLAN = "people/<str:person_id>/plans/<uuid:plan_id>/"

urlpatterns = [
    path(PLAN + "techniques/add/", techniques.add_technique, name="harm_add_technique"),
    path(PLAN + "talked-through/<slug:prompt_key>/", techniques.record_conversation, name="harm_conversation"),
    path(PLAN + "check-ins/", check_ins.check_ins, name="harm_check_ins"),
    path(PLAN + "check-ins/<uuid:check_in_id>/", check_ins.check_in_page, name="harm_check_in"),
    path(PLAN + "check-ins/<uuid:check_in_id>/sharing/", check_ins.share_check_in, name="harm_share_check_in"),
    path(PLAN + "information/", information.information_for_plan, name="harm_information_for_plan"),
    path("information/<int:item_id>/", information.information_item, name="harm_information"),
]
