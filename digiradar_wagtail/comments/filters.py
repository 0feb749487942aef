"""
The filters of the moderation queue, a ``WagtailFilterSet``: state (pending unless chosen), open
reports, page and submit date. A value that cannot be used (an impossible date, a NUL byte, a
page id that is no number) is a form error: the queue answers 400 and names the filter, and the
valid filters still apply.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget

from ..participation import admin as shared_admin
from .models import Comment, CommentReport, Discussion


class DiscussionFilter(django_filters.Filter):
    """A page's discussion by id; an id without a discussion is valid and matches nothing."""

    field_class = forms.IntegerField

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(object_pk=str(value))


class CommentFilterSet(shared_admin.ModerationFilterSet):
    reported = django_filters.ChoiceFilter(
        label=_("Open reports"),
        choices=[("1", _("Reported only"))],
        empty_label=_("All"),
        method="filter_reported",
        widget=forms.RadioSelect,
    )
    discussion = DiscussionFilter(label=_("Page"), widget=forms.Select, min_value=1, max_value=2**63 - 1)
    date = django_filters.DateFromToRangeFilter(
        label=_("Written"), field_name="submit_date", widget=DateRangePickerWidget
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = Discussion.objects.select_related("page").order_by("page__title")
        self.form.fields["discussion"].widget.choices = [("", _("All pages"))] + [
            (discussion.pk, str(discussion)) for discussion in pages
        ]

    def filter_reported(self, queryset, name, value):
        if value != "1":
            return queryset
        return queryset.filter(Exists(CommentReport.objects.filter(comment=OuterRef("pk"), resolved=False)))
