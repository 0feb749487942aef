"""
"Can moderate comments" is offered in Wagtail's group editor, and a group made there moderates;
export of the queue (CSV, XLSX) never carries a formula.
"""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, Comment
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

ADMIN = "/admin/digiradar-comments/"
GROUP_EDITOR = "/admin/groups/new/"  # Wagtail 8's "Add a group" (reverse("wagtailusers_groups:add"))


class FormInputs(HTMLParser):
    """The named hidden and text inputs of a page (a group form's management forms and name)."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("checkbox", "radio", "submit"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_the_group_editor_offers_moderate_comments(admin_client):
    html = admin_client.get(GROUP_EDITOR).content.decode()
    moderate = permission("digiradar_comments", "moderate_comments")
    # Wagtail shows a model's own permissions by their translated name (the admin speaks German here).
    with translation.override("de"):
        assert gettext("Can moderate comments") == "Darf Kommentare moderieren"
    assert "Darf Kommentare moderieren" in html
    assert f'value="{moderate.pk}"' in html
    # Only that one: Wagtail's add/change/delete of the comment model are not offered.
    for codename in ("add_comment", "change_comment", "delete_comment", "view_comment"):
        other = Permission.objects.filter(content_type__app_label="digiradar_comments", codename=codename)
        assert all(f'value="{p.pk}"' not in html for p in other), codename


def test_a_group_made_in_the_group_editor_can_moderate(admin_client, client, measure, django_user_model):
    parser = FormInputs()
    parser.feed(admin_client.get(GROUP_EDITOR).content.decode())
    data = {
        **parser.fields,
        "name": "Bürgerdialog",
        "permissions": [
            permission("wagtailadmin", "access_admin").pk,
            permission("digiradar_comments", "moderate_comments").pk,
        ],
    }
    response = admin_client.post(GROUP_EDITOR, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    group = Group.objects.get(name="Bürgerdialog")
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin", "moderate_comments"}

    user = django_user_model.objects.create_user("dialog", "dialog@example.org", "pw")
    user.groups.add(group)
    client.force_login(user)
    first = make_comment(measure, "Erster Kommentar", state=PENDING)
    second = make_comment(measure, '=HYPERLINK("http://evil.example")', state=PENDING)

    assert "Erster Kommentar" in client.get(ADMIN).content.decode()
    assert "Erster Kommentar" in client.get(f"{ADMIN}inspect/{first.pk}/").content.decode()
    bulk = f"/admin/bulk/digiradar_comments/comment/approve/?id={first.pk}&id={second.pk}"
    assert client.post(bulk).status_code == 302
    assert set(Comment.objects.values_list("state", flat=True)) == {PUBLISHED}

    response = client.get(ADMIN, {"state": "all", "export": "csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    texts = [row[5] for row in rows[1:]]
    assert texts == ["Erster Kommentar", '\'=HYPERLINK("http://evil.example")']  # oldest first, defused

    response = client.get(ADMIN, {"state": "all", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in [cell.value for cell in cells]
    assert all(cell.data_type != "f" for cell in cells)
