from django.urls import path

from . import admin_views

app_name = "digiradar_comments_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("privacy/", admin_views.privacy, name="privacy"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/<slug:action>/", admin_views.act, name="act"),
]
