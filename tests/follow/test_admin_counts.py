"""Editors with the permission see follower counts per subject, never an address."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from digiradar_wagtail.follow.models import Subscription
from digiradar_wagtail.follow.subjects import key

pytestmark = pytest.mark.django_db

REPORT = "/admin/digiradar-followers/"


def follow(subject, *emails, frequency="immediate", confirmed=True):
    content_type, object_id = key(subject)
    for email in emails:
        Subscription.objects.create(
            content_type=content_type,
            object_id=object_id,
            email=email,
            language="de",
            frequency=frequency,
            confirmed_at=timezone.now() if confirmed else None,
        )


def editor(*permissions):
    user = get_user_model().objects.create_user("ed", "ed@city.example", "pw")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def test_counts_without_addresses(client, measure, radar, django_assert_max_num_queries):
    follow(measure, "a@example.org", "b@example.org")
    follow(measure, "c@example.org", frequency="weekly")
    follow(measure, "unconfirmed@example.org", confirmed=False)
    follow(radar, "a@example.org")
    follow((radar.sectors.first()), "s@example.org")
    client.force_login(editor("view_follower_counts"))
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bürger-ID" in html and "Digitalisierungsradar" in html and "Sektor 1" in html
    assert "@example.org" not in html
    rows = html.split("<tbody>", 1)[1]
    assert rows.index("Bürger-ID") < rows.index("Sektor 1")  # most followed first
    export = client.get(REPORT + "?export=csv")
    text = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Bürger-ID" in text and ",3,1" in text.replace("\r", "") and "@" not in text


def test_the_report_needs_its_permission(client, measure):
    follow(measure, "a@example.org")
    client.force_login(editor())
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Bürger-ID" not in response.content.decode()
    client.logout()
    assert client.get(REPORT).status_code == 302  # to the login


def test_the_permission_is_offered_in_the_group_editor(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()
    offered = Permission.objects.get(
        content_type__app_label="digiradar_follow", codename="view_follower_counts"
    )
    assert f'value="{offered.pk}"' in html
    assert "Kann die Zahl der Folgenden sehen" in html  # by its German name: the admin speaks German here
    # Nobody may add, change or browse follower rows: the model has no other permission.
    assert set(
        Permission.objects.filter(content_type__app_label="digiradar_follow").values_list(
            "codename", flat=True
        )
    ) == {"view_follower_counts"}


def test_the_report_queries_do_not_grow_with_subjects(client, radar, django_assert_max_num_queries):
    from tests import builders

    measures = [builders.make_measure(radar, f"Maßnahme {n}", publish=False) for n in range(12)]
    for n, measure in enumerate(measures):
        follow(measure, f"p{n}@example.org")
    for sector in radar.sectors.all():
        follow(sector, f"s{sector.pk}@example.org")
    client.force_login(editor("view_follower_counts"))
    with django_assert_max_num_queries(30):
        assert client.get(REPORT).status_code == 200
