"""
Bulk moderation from the ideas list: approve or hide the selected ideas. Wagtail's bulk actions
(``register_bulk_action`` in ``wagtail_hooks.py``) at ``/admin/bulk/digiradar_ideas/idea/<action>/``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from . import moderation
from .models import REMOVED, Idea
from .permissions import MODERATE
from .viewsets import idea_viewset


class IdeaBulkAction(BulkAction):
    models = [Idea]
    template_name = "digiradar_ideas/admin/bulk_confirm.html"
    moderate = None
    confirmation = {}

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Idea)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [int(value) for value in object_ids if str(value).isdigit() and int(value) < 2**63]
        return list(
            model.objects.filter(pk__in=ids, awaiting_confirmation=False)
            .exclude(state=REMOVED)
            .order_by("created_at", "pk")
        )

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means what the list shows with its filters and search.
        listing = idea_viewset.index_view_class(**idea_viewset.get_index_view_kwargs())
        listing.setup(self.request)
        return listing.get_queryset().values_list("pk", flat=True)

    def check_perm(self, idea):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, MODERATE, idea)

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.confirmation}

    @classmethod
    def execute_action(cls, ideas, user=None, **kwargs):
        for idea in ideas:
            cls.moderate(idea, user)
        return len(ideas), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d idea changed.", "%(count)d ideas changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ApproveIdeasBulkAction(IdeaBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected ideas")
    action_priority = 10
    moderate = staticmethod(moderation.approve)
    confirmation = {
        "title": _("Approve ideas"),
        "intro": _("These ideas are published:"),
        "action_button_text": _("Yes, approve"),
    }


class HideIdeasBulkAction(IdeaBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected ideas")
    action_priority = 20
    moderate = staticmethod(lambda idea, user: moderation.hide(idea, user, ""))
    confirmation = {
        "title": _("Hide ideas"),
        "intro": _("These ideas are hidden:"),
        "action_button_text": _("Hide"),
        "action_button_class": "serious",
    }
