"""A cluster (a cell too full to draw each measure) links where its measures can be read without
JavaScript: its sector's own view, whose list of that sector is open, at the cell's heading."""

import re

import pytest

from tests import builders

pytestmark = pytest.mark.django_db

CLUSTER = re.compile(
    r'<a href="([^"]*)" class="digiradar-blip digiradar-cluster" data-digiradar-blip aria-label="([^"]*)">'
)
IN_ONE_CELL = 360  # more than the smallest cell of a radar of 12 sectors and 6 rings can draw one by one


def test_a_cluster_links_its_cell_in_the_sector_view(home, client):
    radar = builders.make_radar(home, sectors=12, rings=6)
    sector, ring = radar.sectors.order_by("sort_order").first(), radar.rings.order_by("sort_order").last()
    # A name the page must escape, a slug its link must encode.
    type(sector).objects.filter(pk=sector.pk).update(name='Bürger & "Service"', slug="bürger-service")
    type(ring).objects.filter(pk=ring.pk).update(name="Idee", slug="idee")
    builders.add_live_measures(radar, [(0, 5)] * IN_ONE_CELL + [(1, 0)])

    html = client.get(radar.url).content.decode()
    [(href, label)] = CLUSTER.findall(html)  # that cell, and only that one, is a cluster
    assert href == "?sector=b%C3%BCrger-service#cell-bürger-service-idee"
    assert label == f"{IN_ONE_CELL} Maßnahmen in Bürger &amp; &quot;Service&quot;, Idee: zur Liste"
    assert f'dy="0.35em" class="digiradar-blip-number">{IN_ONE_CELL}</text>' in html

    # The link leads to the sector's view, at the heading of the cell in its list.
    path, anchor = href.split("#")
    sector_view = client.get(radar.url + path)
    assert sector_view.status_code == 200
    assert f'<h4 id="{anchor}">Idee <span class="digiradar-count">({IN_ONE_CELL})</span></h4>' in (
        sector_view.content.decode()
    )
