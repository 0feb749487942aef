"""The admin's "Measures" listing: every measure with placement and progress, filterable."""

from tests import builders


def test_measures_listing_shows_placement_and_filters_by_sector(admin_client, radar):
    builders.make_measure(radar, "Offene Daten", sector=0, ring=1, progress_percent=35)
    builders.make_measure(radar, "Bürger-ID", sector=2, ring=3, progress_percent=80)

    response = admin_client.get("/admin/digiradar_measures/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Offene Daten", "Bürger-ID", "Sektor 1", "Ring 4", "35", "80"):
        assert text in html

    filtered = admin_client.get("/admin/digiradar_measures/", {"sector": "sektor-3"}).content.decode()
    assert "Bürger-ID" in filtered and "Offene Daten" not in filtered


def test_measures_listing_needs_admin_access(client, django_user_model, radar):
    assert client.get("/admin/digiradar_measures/").status_code == 302  # to the login
    django_user_model.objects.create_user("citizen", password="pw")
    client.login(username="citizen", password="pw")
    response = client.get("/admin/digiradar_measures/")
    assert response.status_code in (302, 403)
    assert b"Offene Daten" not in response.content
