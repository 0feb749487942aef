"""Public pages of the follow app, none cached (see views.py)."""

from django.urls import path

from . import views

app_name = "digiradar_follow"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe-weekly/<str:token>/", views.unsubscribe_weekly, name="unsubscribe_weekly"),
    path("<str:model>/<str:object_id>/", views.follow, name="follow"),
]
