"""
Public endpoints of the ideas app under ``digiradar/ideas/``: propose, confirm, support, report
(never cached) and the open-data files of a radar's ideas.
"""

from django.urls import path

from ..participation.urls import contribution_urls
from . import views

app_name = "digiradar_ideas"
urlpatterns = [
    path("propose/<int:page_id>/", views.propose, name="propose"),
    path("<int:pk>/support/", views.support, name="support"),
    *contribution_urls(confirm=views.confirm, report=views.report),
]
