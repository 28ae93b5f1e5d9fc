from django.urls import path

from safeplan.oversight import views, views_cycles, views_stories, views_training

urlpatterns = [
    path("oversight/", views.measures_page, name="oversight"),
    path("oversight/measures.csv", views.measures_csv, name="oversight_csv"),
    path("oversight/cycles/", views_cycles.cycle_list, name="oversight_cycles"),
    path("oversight/cycles/new/", views_cycles.cycle_new, name="oversight_cycle_new"),
    path("oversight/cycles/<int:cycle_id>/", views_cycles.cycle_page, name="oversight_cycle"),
    path("improving-care/", views_training.improving, name="improving"),
    path("training/", views_training.training_page, name="training"),
    path("policies/", views_training.policies_page, name="policies"),
    path("stories/", views_stories.library, name="stories"),
    path("stories/<int:story_id>/", views_stories.story_page, name="story"),
    path("people/<str:person_id>/stories/", views_stories.record_stories, name="practice_stories"),
]
