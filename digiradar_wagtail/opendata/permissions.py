"""Who may import into which radar."""

from ..models import RadarIndexPage


def importable_radars(user):
    """The radars under which ``user`` may both add and edit pages."""
    allowed = []
    for radar in RadarIndexPage.objects.order_by("path").select_related("locale"):
        permissions = radar.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_edit():
            allowed.append(radar.pk)
    return RadarIndexPage.objects.filter(pk__in=allowed).order_by("path").select_related("locale")
