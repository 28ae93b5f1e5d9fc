from django.urls import path

from safeplan.site.views import caseload, home, record

urlpatterns = [
    path("", home.home, name="home"),
    path("caseload/", caseload.caseload, name="caseload"),
    path("people/<str:person_id>/", record.person_record, name="person_record"),
    path("your-record/", record.your_record, name="your_record"),
    path("your-record/who-has-looked/", record.your_access_log, name="your_access_log"),
    path("your-record/seen/", record.your_record_seen, name="your_record_seen"),
]
