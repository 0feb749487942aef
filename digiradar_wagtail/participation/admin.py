"""
The moderation admin the comments and ideas apps share, on Wagtail's own views (their permission
policy is ``permissions.OnePermissionPolicy``): the mixin that refuses before any lookup, the
queue's state filter, its index, inspect and action views, the approve and hide bulk actions
worded with the model's name, the base of their ``ModelViewSet`` and ``register_hooks``, which
plugs it all into Wagtail. Each app names its model, permission, texts and steps.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import BaseOperationView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from .forms import QueueSearchForm
from .log_actions import register_log_actions, worded
from .moderation import ModerationState
from .permissions import MODERATE

ALL = "all"  # the state filter's choice of every state


def _is_id(text):
    """A primary key as a bulk action's ``id`` may carry it: ASCII digits, within a bigint."""
    return text.isascii() and text.isdigit() and int(text) < 2**63


def may_moderate(model, user):
    return policy_registry.get_by_type(model).user_has_permission(user, MODERATE)


class ModeratorsOnlyMixin:
    """Refuse before any lookup, so that nobody without the permission can probe ids."""

    moderated_model = None

    def setup(self, request, *args, **kwargs):
        if not may_moderate(self.moderated_model, request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


class ModerationInspectView(generic.InspectView):
    """
    One item's moderation page (an app's subclass adds ``ModeratorsOnlyMixin``, its template and
    context): the item under its model's name ("comment"), its reports, the link to its history and
    the moderation states its template compares with.
    """

    history_url_name = None

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            {
                self.model._meta.model_name: item,
                "reports": item.reports.order_by("created_at"),
                "history_url": reverse(self.history_url_name, args=[quote(item.pk)]),
                **{state.name: state for state in ModerationState},
            }
        )
        return context


class ModerationActionView(PermissionCheckedMixin, BaseOperationView):
    """
    A POST that takes one moderation step on an item (``perform_operation``), then back to the item,
    or to the response ``perform_operation`` returns. An item in ``closed_states`` is refused with
    ``closed_message``; a ``ValidationError`` becomes a message and nothing changes.
    """

    permission_required = "change"
    closed_states = ()
    closed_message = None

    def post(self, request, *args, **kwargs):
        try:
            if self.object.state in self.closed_states:
                raise forms.ValidationError(self.closed_message)
            response = self.perform_operation()
        except forms.ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            self.add_success_message()
            if response is not None:
                return response
        return redirect(self.get_success_url())


def step_views(view_class, steps):
    """
    Views for ``ModerationViewSet.ACTIONS``: ``view_class`` for each of ``steps``,
    ``{action: (operation, success message)}``.
    """
    return {
        action: view_class.as_view(operation=operation, success_message=message)
        for action, (operation, message) in steps.items()
    }


class ModerationIndexMixin:
    """
    For a queue's ``IndexView``: the search box that refuses NUL bytes; the filters that are valid
    still apply when another is not (unlike Wagtail's default); and the list answers 400 with
    ``filter_errors`` ("Label: message") in its context while a filter or the search is unusable,
    which the results template shows.
    """

    template_name = "digiradar_wagtail/admin/moderation_index.html"
    results_template_name = "digiradar_wagtail/admin/moderation_index_results.html"
    select_all_text = None  # "Select all comments in the listing"

    def item_columns(self, name, label, **options):
        """
        A queue's first columns: the bulk actions' checkbox and the item's field ``name``, headed
        ``label``, as the link to its moderation page (``options``: more of ``TitleColumn``'s).
        """
        model_name = self.moderated_model._meta.model_name  # with ModeratorsOnlyMixin
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=model_name),
            TitleColumn(
                name,
                label=label,
                url_name=self.inspect_url_name,
                get_title_id=lambda item: f"{model_name}_{quote(item.pk)}_title",
                **options,
            ),
        ]

    def get_search_form(self):
        return QueueSearchForm(self.request.GET if "q" in self.request.GET else None)

    def filter_queryset(self, queryset):
        if self.filters:
            self.filters.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    def filter_errors(self):
        errors = []
        if self.filters:
            fields = self.filters.form.fields
            for name, messages in self.filters.form.errors.items():
                errors += [f"{fields[name].label or name}: {message}" for message in messages]
        if self.search_form is not None and self.search_form.errors:
            errors += [f"{_('Search')}: {message}" for message in self.search_form.errors["q"]]
        return errors

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filter_errors"] = self.filter_errors()
        context["select_all_text"] = self.select_all_text
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The results fragment that Wagtail's script swaps in stays 200: it drops an answer that
        # is not ok, and the errors in it would never show.
        if not self.is_export and not self.results_only and context["filter_errors"]:
            response.status_code = 400
        return response


class ModerationFilterSet(WagtailFilterSet):
    """
    The base of a queue's filters (an app's subclass names its model in ``Meta`` and adds its own):
    first the moderation state, the pending items unless another state or all are chosen.
    """

    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[(ALL, gettext_lazy("All")), *ModerationState.choices],
        empty_label=None,
        initial=ModerationState.PENDING,
        method="filter_state",
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("state"):
            # The queue opens on what waits for a moderator.
            data = data.copy()
            data["state"] = ModerationState.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_state(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(state=value)


class PendingMenuItem(MenuItem):
    """A menu item shown to moderators only, with how many items wait: ``pending_label`` % count."""

    moderated_model = None
    pending_label = None

    def pending(self):
        return self.moderated_model.objects.filter(state="pending")

    def is_shown(self, request):
        return may_moderate(self.moderated_model, request.user)

    def render_component(self, request):
        count = self.pending().count()
        component = super().render_component(request)
        if count:
            component.label = self.pending_label % {"count": count}
        return component


class ModerationBulkAction(BulkAction):
    """
    A moderation step for all selected items at once: ``moderate_many(items, user, **execution
    context)``, in a constant number of queries however many; confirmed on one page whose texts are
    the action's ``confirmation``. ``viewset`` is the app's viewset, whose list decides what
    "select all" means (a filter of the query, never a list of ids); ``closed_states`` are the
    states an item can no longer leave. Nothing left to change: ``nothing_actionable`` is the
    message (Wagtail's admin message), and nothing happens.
    """

    template_name = "digiradar_wagtail/admin/moderation_bulk_confirm.html"
    header_icon = "pick"
    items_template = None  # the list of the selected items on the confirmation page
    moderate_many = None
    nothing_actionable = None
    confirmation = {}
    viewset = None
    closed_states = ()
    ordering = ("pk",)

    # "Approve the selected %(items)s": worded for the model, the aria_label of a subclass with models.
    aria_label_text = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.aria_label_text and cls.models:
            cls.aria_label = worded(cls.aria_label_text, cls.models[0])

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(self.models[0])

    def dispatch(self, request, *args, **kwargs):
        # Refused before anything is looked up; the admin turns this into Wagtail's answer.
        if not self.permission_policy.user_has_permission(request.user, MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        if isinstance(object_ids, QuerySet):
            # "Select all": the listing's query, a subquery of this one.
            items = model.objects.filter(pk__in=object_ids)
        else:
            # Ids that are no numbers are dropped rather than answered with a server error.
            items = model.objects.filter(pk__in=[int(value) for value in object_ids if _is_id(value)])
        items = items.exclude(state__in=cls.closed_states)
        return cls.actionable(items).order_by(*cls.ordering)

    @classmethod
    def actionable(cls, queryset):
        return queryset

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means exactly what the list shows with its filters and search: ask it.
        listing = self.viewset.index_view_class(**self.viewset.get_index_view_kwargs())
        listing.setup(self.request)
        return listing.get_queryset().values_list("pk", flat=True)

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, MODERATE, item)

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **self.confirmation}
        return {**context, "header_icon": self.header_icon, "items_template": self.items_template}

    def prepare_action(self, objects, objects_without_access):
        if not objects:
            admin_messages.error(self.request, self.nothing_actionable)
            return redirect(self.next_url)
        return super().prepare_action(objects, objects_without_access)

    @classmethod
    def execute_action(cls, items, user=None, **kwargs):
        return len(cls.moderate_many(items, user, **kwargs)), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        meta = self.models[0]._meta
        text = ngettext("%(count)d %(item)s changed.", "%(count)d %(items)s changed.", num_parent_objects)
        names = {"item": meta.verbose_name, "items": meta.verbose_name_plural}
        return text % {"count": num_parent_objects, **names}


class ApproveBulkAction(ModerationBulkAction):
    """Publish the selected items (an app's subclass names its ``moderate``)."""

    display_name = gettext_lazy("Approve")
    action_type = "approve"
    action_priority = 10

    aria_label_text = gettext_lazy("Approve the selected %(items)s")

    @property
    def confirmation(self):
        return {
            "title": worded(_("Approve %(items)s"), self.models[0]),
            "intro": worded(_("These %(items)s are published:"), self.models[0]),
            "action_button_text": _("Yes, approve"),
        }


class HideBulkAction(ModerationBulkAction):
    """Hide the selected items; ``intro`` says what happens to them."""

    display_name = gettext_lazy("Hide")
    action_type = "hide"
    action_priority = 20
    intro = gettext_lazy("These %(items)s are hidden:")

    aria_label_text = gettext_lazy("Hide the selected %(items)s")

    @property
    def confirmation(self):
        return {
            "title": worded(_("Hide %(items)s"), self.models[0]),
            "intro": worded(self.intro, self.models[0]),
            "action_button_text": _("Hide"),
            "action_button_class": "serious",
        }


class ModerationViewSet(ModelViewSet):
    """
    A moderation queue on Wagtail's ``ModelViewSet``: index, inspect and history, plus the POST
    steps in ``ACTIONS`` (``{name: view}``, each at ``<name>/<pk>/``); no add, edit, copy, delete
    or usage views; only the moderation permission in the group editor.
    """

    ACTIONS = {}
    add_to_reference_index = False
    pk_path_converter = "int"
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None  # the database's icontains: citizens' texts are not in Wagtail's index

    @property
    def url_finder_class(self):
        # Links to an item (the audit log report, ...) open its moderation page.
        return type("ModerationURLFinder", (ModelAdminURLFinder,), {"edit_url_name": f"{self.name}:inspect"})

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, usage_url_name=None, **kwargs
        )

    def extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        # Each view of one item at <name>/<pk>/, "_" in its name written "-" ("history-results/1/").
        item_views = {
            "inspect": self.inspect_view,
            "history": self.history_view,
            "history_results": self.history_results_view,
            **self.ACTIONS,
        }
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.extra_urlpatterns(),
            *[
                path(f"{name.replace('_', '-')}/<int:pk>/", view, name=name)
                for name, view in item_views.items()
            ],
        ]

    def get_permissions_to_register(self):
        # Only the moderation permission appears in Wagtail's group editor.
        return policy_registry.get_by_type(self.model).permission_rows()


def register_hooks(viewset, bulk_actions, log_actions, detail_keys=("reason",)):
    """
    Plug an app's moderation admin into Wagtail (call it in the app's ``wagtail_hooks.py``): its
    ``viewset``, its ``bulk_actions`` and its audit-log actions (``{name: (label, message)}``,
    a log line followed by the first of ``detail_keys`` its data holds).
    """
    hooks.register("register_admin_viewset", lambda: viewset)
    for bulk_action in bulk_actions:
        hooks.register("register_bulk_action", bulk_action)
    hooks.register(
        "register_log_actions", lambda actions: register_log_actions(actions, log_actions, detail_keys)
    )
