from django.contrib import admin
from django.urls import include, path

from safeplan.core.views import auth, language, pages

urlpatterns = [
    path("health/", pages.health, name="health"),
    path("about-your-record/", pages.about_records, name="about_records"),
    path("language/", language.choose_language, name="choose_language"),
    path("accounts/login/", auth.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth.sign_out, name="logout"),
    path("accounts/password/", auth.ChangePasswordView.as_view(), name="password_change"),
    path("admin/", admin.site.urls),
    path("", include("safeplan.site.urls")),
    path("", include("safeplan.crisis.urls")),
    path("", include("safeplan.people.urls")),
    path("", include("safeplan.plans.urls")),
    path("", include("safeplan.harm.urls")),
    path("", include("safeplan.decisions.urls")),
    path("", include("safeplan.circle.urls")),
    path("", include("safeplan.concerns.urls")),
    path("", include("safeplan.summary.urls")),
    path("", include("safeplan.exports.urls")),
    path("", include("safeplan.followup.urls")),
    path("", include("safeplan.oversight.urls")),
]

handler404 = "safeplan.core.views.errors.not_found"
handler403 = "safeplan.core.views.errors.forbidden"
handler500 = "safeplan.core.views.errors.server_error"
