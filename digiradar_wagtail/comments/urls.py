"""Public endpoints of the comments: post, confirm by mail, report, delete one's own comment."""

from django.urls import path

from . import views

app_name = "digiradar_comments"
urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("confirm/<str:key>/", views.confirm_comment, name="confirm"),
    path("<int:pk>/report/", views.report_comment, name="report"),
    path("<int:pk>/delete/", views.delete_comment, name="delete"),
]
