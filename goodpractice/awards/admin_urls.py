"""URLs of the jury views inside the Wagtail admin, under the "awards_jury" namespace."""

from django.urls import path

from . import jury_views

app_name = "awards_jury"

urlpatterns = [
    path("", jury_views.RoundsView.as_view(), name="rounds"),
    path("<int:round_id>/", jury_views.RoundView.as_view(), name="round"),
    path(
        "<int:round_id>/nominations/<int:nomination_id>/",
        jury_views.NominationView.as_view(),
        name="nomination",
    ),
    path(
        "<int:round_id>/nominations/<int:nomination_id>/conflict/",
        jury_views.DeclareConflictView.as_view(),
        name="declare_conflict",
    ),
    path("<int:round_id>/results/", jury_views.ResultsView.as_view(), name="results"),
    path(
        "<int:round_id>/results/scores.<str:fmt>",
        jury_views.ExportView.as_view(),
        name="export",
    ),
    path("<int:round_id>/decision/", jury_views.DecisionView.as_view(), name="decision"),
]
