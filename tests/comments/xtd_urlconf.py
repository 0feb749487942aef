"""A URLconf that (wrongly) mounts django-comments-xtd's URLs, for the system check's test."""

from django.urls import include, path

urlpatterns = [
    path("comments/", include("django_comments_xtd.urls")),
]
