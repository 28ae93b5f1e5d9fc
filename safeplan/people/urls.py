from django.urls import path

from safeplan.people.views import break_glass, second_factor, supporting, withheld

urlpatterns = [
    path("emergency-access/", break_glass.break_glass_start, name="break_glass_start"),
    path("emergency-access/<uuid:grant_id>/end/", break_glass.break_glass_end, name="break_glass_end"),
    path("emergency-access/reviews/", break_glass.break_glass_review, name="break_glass_review"),
    path(
        "emergency-access/reviews/<uuid:grant_id>/", break_glass.break_glass_review_one, name="break_glass_review_one"
    ),
    path("supporting/", supporting.supporting, name="supporting"),
    path(
        "people/<str:person_id>/withhold/<slug:object_type>/<str:object_id>/", withheld.withhold_page, name="withhold"
    ),
    path(
        "people/<str:person_id>/withheld/<int:withholding_id>/release/",
        withheld.release_page,
        name="release_withholding",
    ),
    path("withheld/past-review/", withheld.past_review, name="withheld_past_review"),
    path("accounts/second-factor/", second_factor.verify, name="second_factor_verify"),
    path("accounts/second-factor/set-up/", second_factor.set_up, name="second_factor_set_up"),
    path("accounts/second-factor/manage/", second_factor.manage, name="second_factor_manage"),
    path(
        "accounts/second-factor/recovery-codes/",
        second_factor.new_recovery_codes,
        name="second_factor_new_recovery_codes",
    ),
    path("accounts/second-factor/turn-off/", second_factor.turn_off, name="second_factor_turn_off"),
]
