from django.urls import path

from . import admin_views

app_name = "digiradar_ratings_admin"
urlpatterns = [
    path("", admin_views.RatingsReportView.as_view(), name="report"),
    path("results/", admin_views.RatingsReportView.as_view(results_only=True), name="report_results"),
    path("<int:pk>/", admin_views.TargetDetailView.as_view(), name="detail"),
    path("<int:pk>/void/", admin_views.VoidVotesView.as_view(), name="void"),
    path("<int:pk>/reset/", admin_views.ResetView.as_view(), name="reset"),
    path("<int:pk>/close/", admin_views.CloseView.as_view(), name="close"),
    path("<int:pk>/open/", admin_views.ReopenView.as_view(), name="open"),
]
