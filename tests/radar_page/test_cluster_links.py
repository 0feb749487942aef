"""A cluster (a cell too full to draw each measure) links where its measures can be read without
JavaScript: its sector's own view, whose list of that sector is open, at the cell's heading."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from digiradar_wagtail.public.chart import ChartCluster, RadarChart


def test_a_cluster_links_its_cell_in_the_sector_view():
    sector = SimpleNamespace(slug="bürger-service", name="Bürgerservice")
    ring = SimpleNamespace(slug="idee", name="Idee")
    cluster = ChartCluster(sector=sector, ring=ring, x=10, y=10, radius=8, count=4000,
                           anchor="cell-bürger-service-idee")
    chart = RadarChart(size=800, center=400, outer=380, rings=[], sectors=[], blips=[], clusters=[cluster],
                       cells=[], box=(0, 0, 800, 800), numbers={})
    with translation.override("de"):  # whatever language an earlier test left active
        html = render_to_string(
            "digiradar_wagtail/includes/radar_svg.html",
            {"chart": chart, "page": SimpleNamespace(title="Radar"), "blips_html": ""},
        )
    assert 'href="?sector=b%C3%BCrger-service#cell-bürger-service-idee"' in html
    assert "4000 Maßnahmen in Bürgerservice, Idee" in html  # the German label
