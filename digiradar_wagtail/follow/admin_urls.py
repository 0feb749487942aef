from django.urls import path

from . import admin_views

app_name = "digiradar_follow_admin"
urlpatterns = [
    path("", admin_views.FollowerCountsView.as_view(), name="report"),
    path("results/", admin_views.FollowerCountsView.as_view(results_only=True), name="report_results"),
]
