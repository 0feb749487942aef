from django.urls import path

from . import views

app_name = "digiradar_ratings"
urlpatterns = [
    path("<int:page_id>/vote/", views.vote, name="vote"),
]
