"""The public URLs every moderated contribution has, the same in each app that takes them."""

from django.urls import path


def contribution_urls(confirm, report):
    """
    ``confirm/<key>/``, the signed link an anonymous author is mailed, and ``<pk>/report/``, a
    citizen's report of a published contribution: named ``confirm`` and ``report``.
    """
    return [
        path("confirm/<str:key>/", confirm, name="confirm"),
        path("<int:pk>/report/", report, name="report"),
    ]
