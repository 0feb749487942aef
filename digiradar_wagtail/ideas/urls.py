"""
Public endpoints of the ideas app under ``digiradar/ideas/``: propose, confirm, support, report
(never cached) and the open-data files of a radar's ideas.
"""

from django.urls import path

from . import views

app_name = "digiradar_ideas"
urlpatterns = [
    path("propose/<int:page_id>/", views.propose, name="propose"),
    path("confirm/<str:key>/", views.confirm, name="confirm"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/report/", views.report, name="report"),
]
