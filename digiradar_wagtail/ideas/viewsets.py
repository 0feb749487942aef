"""
Idea moderation in the Wagtail admin, on Wagtail's generic views: ``IdeaViewSet`` (registered with
``register_admin_viewset``) under ``/admin/digiradar-ideas/``.

- the list (``index``): filters (moderation state, answer, sector, radar), search, bulk approve
  and hide (``bulk_actions.py``);
- one idea (``inspect``) with the moderation steps, the city's answer and "turn into a draft
  measure";
- its audit log (``history``), Wagtail's own history view.

Every view asks the registered ``permissions.IdeaPermissionPolicy`` before it looks anything up; a
refusal raises ``PermissionDenied``, which the admin answers with Wagtail's ``permission_denied``.
"""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView

from ..participation import admin as shared_admin
from . import moderation
from .forms import AnswerForm, ReasonForm
from .models import REMOVED, Answer, Idea

TEMPLATES = "digiradar_ideas/admin/"


class ModeratorsOnlyMixin(shared_admin.ModeratorsOnlyMixin):
    """Refuse before any lookup, so that nobody without the permission can probe idea ids."""

    moderated_model = Idea


class IdeaFilterSet(shared_admin.ModerationFilterSet):
    answer = django_filters.ChoiceFilter(label=gettext_lazy("Answer"), choices=Answer.choices)
    sector_slug = django_filters.ChoiceFilter(label=gettext_lazy("Sector"), choices=[])
    radar_key = django_filters.ChoiceFilter(label=gettext_lazy("Radar"), choices=[])

    class Meta:
        model = Idea
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import RadarIndexPage, RadarSector

        radars = RadarIndexPage.objects.order_by("title").values_list(
            "translation_key", "title", "locale__language_code"
        )
        self.filters["radar_key"].extra["choices"] = [
            (str(key), f"{title} ({lang})") for key, title, lang in radars
        ]
        slugs = RadarSector.objects.order_by("slug").values_list("slug", flat=True).distinct()
        self.filters["sector_slug"].extra["choices"] = [(slug, slug) for slug in slugs]


class IdeaIndexView(ModeratorsOnlyMixin, shared_admin.ModerationIndexMixin, generic.IndexView):
    select_all_text = gettext_lazy("Select all ideas in the listing")
    page_title = gettext_lazy("Citizen ideas")

    def get_base_queryset(self):
        return Idea.objects.filter(awaiting_confirmation=False).annotate(
            support_count=Count("supports", distinct=True),
            open_reports=Count("reports", filter=Q(reports__resolved=False), distinct=True),
        )

    @cached_property
    def columns(self):
        return [
            *self.item_columns("title", gettext_lazy("Idea")),
            Column("sector_slug", label=gettext_lazy("Sector")),
            Column("state", label=gettext_lazy("State"), accessor="get_state_display", sort_key="state"),
            Column("answer", label=gettext_lazy("Answer"), accessor="get_answer_display", sort_key="answer"),
            Column("support_count", label=gettext_lazy("Supports"), sort_key="support_count"),
            Column("open_reports", label=gettext_lazy("Open reports"), sort_key="open_reports"),
            DateColumn("created_at", label=gettext_lazy("Proposed"), sort_key="created_at"),
        ]


def radar_measures(idea):
    """The measures of the idea's radar in every language (for the answer's measure choice)."""
    from ..models import MeasurePage, RadarIndexPage

    radars = RadarIndexPage.objects.filter(translation_key=idea.radar_key)
    paths = Q(pk__in=[])
    for radar in radars:
        paths |= Q(path__startswith=radar.path, depth=radar.depth + 1)
    return MeasurePage.objects.filter(paths).order_by("title")


class IdeaInspectView(ModeratorsOnlyMixin, shared_admin.ModerationInspectView):
    template_name = TEMPLATES + "inspect.html"
    page_title = gettext_lazy("Idea")

    def get_context_data(self, **kwargs):
        idea = self.object
        initial = {"answer": idea.answer, "text": idea.answer_text, "measure": idea.measure_id}
        return {
            **super().get_context_data(**kwargs),
            "public_url": idea.get_url(self.request) if idea.is_published else None,
            "supports": idea.supports.count(),
            "reason_form": ReasonForm(),
            "answer_form": AnswerForm(radar_measures(idea), initial=initial),
        }


class IdeaHistoryView(ModeratorsOnlyMixin, HistoryView):
    """Wagtail's history view: who moderated or answered the idea, when and why."""


class IdeaActionView(ModeratorsOnlyMixin, shared_admin.ModerationActionView):
    """A POST that changes one idea, then back to it; a form error becomes a message."""

    model = Idea
    success_url_name = "digiradar_ideas_admin:inspect"
    operation = None

    def perform_operation(self):
        form = ReasonForm(self.request.POST)
        if not form.is_valid():
            raise forms.ValidationError(_("The reason is too long."))
        self.operation(self.object, self.request.user, form.cleaned_data["reason"])


# The steps with an optional reason: (operation, success message).
STATE_STEPS = {
    "approve": (moderation.approve, gettext_lazy("The idea is published.")),
    "hide": (moderation.hide, gettext_lazy("The idea is hidden.")),
    "remove": (moderation.remove, gettext_lazy("The idea is removed.")),
    "to_pending": (moderation.return_to_pending, gettext_lazy("The idea waits for moderation again.")),
}


class AnswerView(IdeaActionView):
    success_message = gettext_lazy("The city's answer is saved.")

    def perform_operation(self):
        form = AnswerForm(radar_measures(self.object), self.request.POST)
        if not form.is_valid():
            raise forms.ValidationError(
                [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
            )
        data = form.cleaned_data
        moderation.answer(self.object, self.request.user, data["answer"], data["text"], data["measure"])


class ConvertView(IdeaActionView):
    success_message = gettext_lazy("A draft measure was created from the idea. Complete and publish it.")

    def perform_operation(self):
        if self.object.state == REMOVED:
            raise forms.ValidationError(_("A removed idea cannot become a measure."))
        if self.object.measure_id:
            raise forms.ValidationError(_("This idea is already linked to a measure."))
        try:
            measure = moderation.convert_to_measure(self.object, self.request.user)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return redirect("wagtailadmin_pages:edit", measure.pk)


class IdeasMenuItem(shared_admin.PendingMenuItem):
    """The menu item "Ideas" in the admin menu, with the number waiting for moderation."""

    moderated_model = Idea
    pending_label = gettext_lazy("Ideas (%(count)d pending)")

    def pending(self):
        return super().pending().filter(awaiting_confirmation=False)


class IdeaViewSet(shared_admin.ModerationViewSet):
    model = Idea
    name = "digiradar_ideas_admin"
    url_prefix = "digiradar-ideas"
    icon = "pick"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Ideas")
    menu_name = "digiradar-ideas"
    menu_order = 260
    menu_item_class = IdeasMenuItem
    index_view_class = IdeaIndexView
    inspect_view_class = IdeaInspectView
    history_view_class = IdeaHistoryView
    list_per_page = 50
    ordering = ["created_at", "pk"]
    filterset_class = IdeaFilterSet
    search_fields = ["title", "description", "author_name", "author_email"]

    # The moderation steps of the inspect view, each a POST to <action>/<pk>/.
    ACTIONS = {
        **shared_admin.step_views(IdeaActionView, STATE_STEPS),
        "answer": AnswerView.as_view(),
        "convert": ConvertView.as_view(),
    }


idea_viewset = IdeaViewSet()
