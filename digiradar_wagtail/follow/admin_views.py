"""
The follower counts report in the Wagtail admin: how many follow each measure, radar and sector,
never who (no address, no account). Needs ``digiradar_follow.view_follower_counts``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from ..models import RadarSector
from ..participation.admin_reports import DefusedExportMixin
from .models import Frequency, Subscription
from .permissions import VIEW_COUNTS
from .subjects import language_of
from .subjects import title as subject_title


def follower_counts():
    """Confirmed followers per subject, most followed first: one GROUP BY."""
    return (
        Subscription.objects.confirmed()
        .values("content_type_id", "object_id")
        .annotate(
            followers=Count("pk"),
            weekly=Count("pk", filter=Q(frequency=Frequency.WEEKLY)),
        )
        .order_by("-followers", "content_type_id", "object_id")
    )


def describe(rows):
    """
    Add each row's subject title, kind, language and admin link (in place: the report's table
    holds these rows): one query per kind of subject.
    """
    ids_by_type = {}
    for row in rows:
        ids_by_type.setdefault(row["content_type_id"], []).append(row["object_id"])
    subjects = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=ids)
        if model is RadarSector:
            objects = objects.select_related("page")
        for subject in objects:
            subjects[(type_id, str(subject.pk))] = (model, subject)
    for row in rows:
        model, subject = subjects.get((row["content_type_id"], row["object_id"]), (None, None))
        if subject is None:
            title, url, language = gettext_lazy("(deleted)"), "", ""
        else:
            title, language = subject_title(subject), language_of(subject, "")
            page_id = subject.page_id if isinstance(subject, RadarSector) else subject.pk
            is_page = isinstance(subject, (RadarSector, Page))
            url = reverse("wagtailadmin_pages:edit", args=[page_id]) if is_page else ""
        kind = model._meta.verbose_name if model else ""
        row.update(title=str(title), kind=str(kind), language=language, url=url)
    return rows


class FollowerCountsView(DefusedExportMixin, ReportView):
    """Follower counts per measure, radar and sector (and any other followed object)."""

    model = Subscription  # its permission policy comes from Wagtail's registry (AppConfig.ready())
    permission_required = VIEW_COUNTS
    page_title = gettext_lazy("Followers")
    header_icon = "group"
    index_url_name = "digiradar_follow_admin:report"
    index_results_url_name = "digiradar_follow_admin:report_results"
    columns = [
        TitleColumn("title", label=gettext_lazy("Followed"), get_url=lambda row: row["url"]),
        Column("kind", label=gettext_lazy("Kind")),
        Column("language", label=gettext_lazy("Language")),
        Column("followers", label=gettext_lazy("Followers")),
        Column("weekly", label=gettext_lazy("Of them weekly")),
    ]
    list_export = [column.name for column in columns]  # the table's columns, headed as there
    export_headings = {column.name: column.label for column in columns}
    export_name = "followers"

    def get_queryset(self):
        return follower_counts()

    def decorate_paginated_queryset(self, object_list):
        describe(list(object_list))  # the same rows the table shows (the queryset's cache)
        return object_list
