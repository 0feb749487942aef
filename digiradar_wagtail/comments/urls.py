"""
Public endpoints of the comments: the form on a page of its own, post, confirm by mail, report,
delete one's own comment. None of them is cached.
"""

from django.urls import path

from ..participation.urls import contribution_urls
from . import views

app_name = "digiradar_comments"
urlpatterns = [
    path("write/<int:page_id>/", views.write_comment, name="write"),
    path("post/", views.post_comment, name="post"),
    path("<int:pk>/delete/", views.delete_comment, name="delete"),
    *contribution_urls(confirm=views.confirm_comment, report=views.report_comment),
]
