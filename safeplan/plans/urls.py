from django.urls import path

from safeplan.plans.views import entries, plans, reviews, versions

PLAN = "people/<str:person_id>/plans/<uuid:plan_id>/"

urlpatterns = [
    path("your-plans/", plans.your_plans, name="your_plans"),
    path("people/<str:person_id>/plans/", plans.plan_list, name="plan_list"),
    path(PLAN, plans.plan_page, name="plan"),
    path(PLAN + "add/<slug:section_key>/<slug:item_key>/", entries.add_entry, name="plan_add_entry"),
    path(PLAN + "entries/<int:entry_id>/change/", entries.change_entry, name="plan_change_entry"),
    path(PLAN + "entries/<int:entry_id>/remove/", entries.remove_entry, name="plan_remove_entry"),
    path(PLAN + "entries/<int:entry_id>/view/", entries.answer_entry, name="plan_answer_entry"),
    path(PLAN + "entries/<int:entry_id>/hide/", entries.hide_entry, name="plan_hide_entry"),
    path(PLAN + "entries/<int:entry_id>/review/", reviews.review_entry, name="plan_review_entry"),
    path(PLAN + "entries/<int:entry_id>/ask/", reviews.ask_for_review, name="plan_ask_review"),
    path("people/<str:person_id>/earlier-entries/", reviews.to_review, name="plan_to_review"),
    path(PLAN + "versions/", versions.versions_page, name="plan_versions"),
    path(PLAN + "versions/new/", versions.put_forward, name="plan_put_forward"),
    path(PLAN + "versions/<int:number>/", versions.version_page, name="plan_version"),
    path(PLAN + "versions/<int:number>/print/", versions.print_page, name="plan_print"),
    path(PLAN + "versions/<int:number>/pdf/", versions.pdf_download, name="plan_pdf"),
    path(PLAN + "compare/", versions.compare_page, name="plan_compare"),
]
