"""A new radar in the admin starts with the strategy's three core areas and four phases."""

from html.parser import HTMLParser

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from digiradar_wagtail.models import RadarIndexPage


class FormValues(HTMLParser):
    """The values the add form offers for the sector and ring rows."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "input" and name.startswith(("sectors-", "rings-")):
            self.values[name] = attrs.get("value") or ""


def offered_rows(admin_client, home, relation):
    response = admin_client.get(f"/admin/pages/add/digiradar_wagtail/radarindexpage/{home.pk}/")
    assert response.status_code == 200
    parser = FormValues()
    parser.feed(response.content.decode())
    total = int(parser.values[f"{relation}-TOTAL_FORMS"])
    return [
        {field: parser.values.get(f"{relation}-{index}-{field}", "") for field in ("name", "slug", "colour")}
        for index in range(total)
    ]


def test_the_add_form_offers_the_default_sectors_and_rings(admin_client, home):
    sectors = offered_rows(admin_client, home, "sectors")
    rings = offered_rows(admin_client, home, "rings")
    assert [row["name"] for row in sectors] == ["Stadtgesellschaft", "Infrastruktur", "Verwaltung"]
    assert [row["name"] for row in rings] == ["Idee", "In Planung", "In Umsetzung", "Abgeschlossen"]
    assert all(row["slug"] and row["colour"].startswith("#") for row in sectors + rings)


def test_publishing_the_offered_defaults_creates_them(admin_client, home):
    def rows(relation):
        return inline_formset(
            [dict(row, description="") for row in offered_rows(admin_client, home, relation)]
        )

    data = nested_form_data(
        {
            "title": "Radar 2026",
            "slug": "radar-2026",
            "intro": rich_text("<p>Alle Maßnahmen.</p>"),
            "sectors": rows("sectors"),
            "rings": rows("rings"),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/digiradar_wagtail/radarindexpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    radar = RadarIndexPage.objects.get(slug="radar-2026")
    assert radar.live
    assert list(radar.sectors.values_list("slug", flat=True)) == [
        "stadtgesellschaft",
        "infrastruktur",
        "verwaltung",
    ]
    assert radar.rings.count() == 4


def test_an_existing_radar_is_not_given_defaults(admin_client, radar):
    response = admin_client.get(f"/admin/pages/{radar.pk}/edit/")
    html = response.content.decode()
    assert 'name="sectors-TOTAL_FORMS" value="3"' in html
    assert "Stadtgesellschaft" not in html


def test_a_radar_in_the_english_locale_gets_english_default_names(admin_client, home, english):
    english_home = home.get_translation(english)
    assert [row["name"] for row in offered_rows(admin_client, english_home, "sectors")] == [
        "City society",
        "Infrastructure",
        "Administration",
    ]
    rings = offered_rows(admin_client, english_home, "rings")
    assert [row["name"] for row in rings] == ["Idea", "Planning", "In progress", "Completed"]
    # The slugs are the same in every language, so filters and translations line up.
    assert [row["slug"] for row in rings] == ["idee", "in-planung", "in-umsetzung", "abgeschlossen"]


def test_with_default_parts_follows_the_radars_locale(home, english):
    german_radar = RadarIndexPage(title="Radar", slug="radar", locale=home.locale).with_default_parts()
    english_radar = RadarIndexPage(title="Radar", slug="radar", locale=english).with_default_parts()
    german_names = [part.name for part in german_radar.sectors.all()]
    assert german_names == ["Stadtgesellschaft", "Infrastruktur", "Verwaltung"]
    english_names = [part.name for part in english_radar.rings.all()]
    assert english_names == ["Idea", "Planning", "In progress", "Completed"]
