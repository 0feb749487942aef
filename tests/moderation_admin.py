"""
The permission matrix of a moderation admin (comments, ideas), shared by their tests: every URL of
the app's viewset and of its registered bulk actions, asked by GET and POST.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.admin.views.bulk_action.registry import bulk_action_registry


def admin_urls(viewset, app_label, model_name, obj):
    """``{name: url}`` of every URL of ``viewset`` and of the model's bulk actions, for ``obj``:
    taken from the viewset's own patterns, so a new view cannot be forgotten."""
    urls = {}
    for pattern in viewset.get_urlpatterns():
        kwargs = {"pk": obj.pk} if "pk" in pattern.pattern.converters else {}
        urls[pattern.name] = reverse(f"{viewset.url_namespace}:{pattern.name}", kwargs=kwargs)
    for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
        url = reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        urls[f"bulk:{action.action_type}"] = f"{url}?id={obj.pk}"
    return urls


def assert_sent_to_login(client, urls, post_data):
    for name, url in urls.items():
        for method in ("get", "post"):
            response = getattr(client, method)(url, post_data.get(name, {}))
            assert response.status_code == 302 and "/admin/login/" in response["Location"], (method, url)


def assert_refused_everywhere(client, urls, post_data):
    """Wagtail's permission_denied on every URL, for GET and POST: to the dashboard, with its message."""
    for name, url in urls.items():
        for method in ("get", "post"):
            response = getattr(client, method)(url, post_data.get(name, {}))
            assert (response.status_code, response["Location"]) == (302, "/admin/"), (method, url)
    with translation.override("de"):
        wagtails_message = gettext("Sorry, you do not have permission to access this area.")
    messages = [str(m).strip() for m in client.get("/admin/").context["messages"]]
    assert messages == [wagtails_message] * (2 * len(urls))
