"""
The ratings report and moderation actions in the Wagtail admin, on Wagtail's generic views.

Every view needs ``moderate_ratings`` (``permissions.policy``, checked by Wagtail's
``PermissionCheckedMixin``); anyone else gets Wagtail's own permission-denied answer. None shows
who voted, only counts.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, TruncHour
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.base import BaseObjectMixin, BaseOperationView
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

from ..participation.admin_reports import DefusedExportMixin
from . import services
from .conf import ratings_settings
from .forms import ReasonForm, VoidVotesForm
from .models import RatingTarget, Vote
from .permissions import MODERATE


def _since_24h():
    return timezone.now() - datetime.timedelta(hours=24)


def bursting_target_ids(target_ids):
    """Targets with more votes than RATINGS_BURST_PER_HOUR in any hour of the last 24 hours."""
    return set(
        Vote.objects.filter(target_id__in=target_ids, updated_at__gte=_since_24h())
        .annotate(hour=TruncHour("updated_at"))
        .values("target_id", "hour")
        .annotate(n=Count("id"))
        .filter(n__gt=ratings_settings.RATINGS_BURST_PER_HOUR)
        .values_list("target_id", flat=True)
    )


def page_titles(translation_keys):
    """``{translation_key: page}``, preferring the page in the default language (one query)."""
    default_locale_id = Locale.get_default().pk
    pages = {}
    for page in Page.objects.filter(translation_key__in=translation_keys).order_by("pk"):
        if page.translation_key not in pages or page.locale_id == default_locale_id:
            pages[page.translation_key] = page
    return pages


def decorate(targets):
    """Add ``page``, ``page_title``, ``burst`` and display strings to each target."""
    targets = list(targets)
    pages = page_titles([target.translation_key for target in targets])
    bursting = bursting_target_ids([target.pk for target in targets])
    for target in targets:
        target.page = pages.get(target.translation_key)
        target.page_title = target.page.title if target.page else _("(page deleted)")
        target.burst = target.pk in bursting
        target.burst_display = _("yes") if target.burst else _("no")
        target.status_display = _("closed") if target.closed_by_moderator else _("as set on the page")
        target.distribution_display = ", ".join(
            f"{row['label']}: {row['count']}" for row in target.distribution_rows()
        )
    return targets


class ModerateRatingsMixin(PermissionCheckedMixin):
    """Only for ``moderate_ratings``; the policy comes from Wagtail's registry (``AppConfig.ready()``)."""

    model = RatingTarget
    permission_required = MODERATE


class RatingsReportView(ModerateRatingsMixin, DefusedExportMixin, ReportView):
    """All ratings with count, average, distribution, votes in the last 24 hours and a burst flag."""

    page_title = gettext_lazy("Ratings")
    header_icon = "pick"
    index_url_name = "digiradar_ratings_admin:report"
    index_results_url_name = "digiradar_ratings_admin:report_results"
    columns = [
        TitleColumn("page_title", label=gettext_lazy("Page"), url_name="digiradar_ratings_admin:detail"),
        Column("vote_count", label=gettext_lazy("Votes")),
        Column("average", label=gettext_lazy("Average")),
        Column("distribution_display", label=gettext_lazy("Distribution")),
        Column("recent_votes", label=gettext_lazy("Last 24 hours")),
        StatusTagColumn(
            "burst_display", label=gettext_lazy("Unusual burst"), primary=lambda target: target.burst
        ),
        Column("status_display", label=gettext_lazy("Status")),
    ]
    list_export = [
        "page_title",
        "translation_key",
        "scale",
        "vote_count",
        "average",
        "distribution_display",
        "recent_votes",
        "burst",
        "closed_by_moderator",
    ]
    export_headings = {
        "page_title": gettext_lazy("Page"),
        "translation_key": gettext_lazy("Translation key"),
        "scale": gettext_lazy("Scale"),
        "vote_count": gettext_lazy("Votes"),
        "average": gettext_lazy("Average"),
        "distribution_display": gettext_lazy("Distribution"),
        "recent_votes": gettext_lazy("Votes in the last 24 hours"),
        "burst": gettext_lazy("Unusual burst"),
        "closed_by_moderator": gettext_lazy("Closed by a moderator"),
    }
    export_name = "ratings"

    def get_queryset(self):
        # Figures, recent votes and the last vote (or the creation of a rating without votes), in one query.
        return (
            RatingTarget.objects.with_counts()
            .annotate(
                recent_votes=Count("votes", filter=Q(votes__updated_at__gte=_since_24h())),
                last_change=Coalesce(Max("votes__updated_at"), "created_at"),
            )
            .order_by("-last_change", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        return decorate(object_list)


class TargetMixin(ModerateRatingsMixin, BaseObjectMixin):
    """Views of one target (``self.object``), looked up by the URL's ``pk``."""

    def get_object(self):
        # BaseObjectMixin looks the target up in setup(), before dispatch() checks the permission.
        # Check it first, so that someone without it gets the same answer for ids that exist and
        # ids that do not.
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        return super().get_object()


class TargetDetailView(TargetMixin, WagtailAdminTemplateMixin, TemplateView):
    """One rating: its figures, votes per hour of the last day, and the moderation actions."""

    template_name = "digiradar_ratings/admin/detail.html"
    header_icon = "pick"

    def get_object(self):
        return decorate([super().get_object()])[0]

    def get_page_title(self):
        return _("Rating: %(title)s") % {"title": self.object.page_title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("digiradar_ratings_admin:report"), "label": _("Ratings")},
            {"url": "", "label": self.object.page_title},
        ]

    def get_context_data(self, void_form=None, **kwargs):
        hours = (
            Vote.objects.filter(target=self.object, updated_at__gte=_since_24h())
            .annotate(hour=TruncHour("updated_at"))
            .values("hour")
            .annotate(n=Count("id"))
            .order_by("hour")
        )
        return super().get_context_data(
            target=self.object,
            hours=hours,
            burst_threshold=ratings_settings.RATINGS_BURST_PER_HOUR,
            void_form=void_form or VoidVotesForm.for_last_hour(),
            reason_form=ReasonForm(),
            **kwargs,
        )


class VoidVotesView(TargetDetailView):
    """POST only: remove the votes cast or changed in a time window; an invalid window is shown again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = VoidVotesForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(void_form=form), status=400)
        data = form.cleaned_data
        count = services.void_votes(self.object, data["since"], data["until"], request.user, data["reason"])
        messages.success(request, _("%(count)d votes voided.") % {"count": count})
        return redirect("digiradar_ratings_admin:detail", self.object.pk)


class TargetOperationView(TargetMixin, BaseOperationView):
    """POST only: one moderation action with an optional reason for the audit log; back to the detail."""

    success_url_name = "digiradar_ratings_admin:detail"

    def post(self, request, *args, **kwargs):
        form = ReasonForm(request.POST)
        self.reason = form.cleaned_data["reason"] if form.is_valid() else ""
        return super().post(request, *args, **kwargs)


class ResetView(TargetOperationView):
    success_message = gettext_lazy("All votes removed.")

    def perform_operation(self):
        services.reset(self.object, self.request.user, self.reason)


class CloseView(TargetOperationView):
    success_message = gettext_lazy("Rating closed.")

    def perform_operation(self):
        services.set_closed(self.object, True, self.request.user, self.reason)


class ReopenView(TargetOperationView):
    success_message = gettext_lazy("Rating reopened.")

    def perform_operation(self):
        services.set_closed(self.object, False, self.request.user, self.reason)
