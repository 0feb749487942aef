"""Who may import into which radar: Wagtail's page permissions, asked once for all radars."""

from wagtail.permissions import page_permission_policy

from ..models import RadarIndexPage


def importable_radars(user):
    """
    The radars under which ``user`` may add pages and edit them, in tree order.

    One query, whatever the number of radars (plus the user's page permissions, which Wagtail
    loads once per request): the same rule as ``can_add_subpage()`` and ``can_edit()`` of each
    radar's ``permissions_for_user``, "edit" including a radar the user added and owns.
    """
    may_add = page_permission_policy.instances_user_has_permission_for(user, "add")
    may_edit = page_permission_policy.instances_user_has_permission_for(user, "change")
    return (
        RadarIndexPage.objects.filter(pk__in=may_add.values("pk"))
        .filter(pk__in=may_edit.values("pk"))
        .order_by("path")
        .select_related("locale")
    )
