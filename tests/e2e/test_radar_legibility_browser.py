"""
The radar as people read it, measured in Chromium at 375, 768 and 1280 px with 32 and 200
measures (4 sectors x 4 rings, long German names): every text drawn in the radar is at least 12 px
on screen, sector names stay inside the viewport, no ring name lies under a blip, no two marks
overlap, one link per measure, no axe violations; the sector view with and without JavaScript;
the keyboard path into the radar; on a phone the radar comes within two screens.
"""

import random

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from digiradar_wagtail.models import RadarRing, RadarSector
from tests import builders

pytestmark = pytest.mark.browser

WIDTHS = (375, 768, 1280)
SECTOR_NAMES = ("Stadtgesellschaft", "Administration", "Infrastruktur und Mobilität", "Bildung")
RING_NAMES = ("Idee", "In Planung", "In Umsetzung", "Abgeschlossen")


def make_radar(home, count, slug, seed=1, placements=None):
    radar = builders.make_radar(home, title=f"Radar {count}", slug=slug, sectors=4, rings=4)
    for part, name in zip(radar.sectors.all(), SECTOR_NAMES, strict=True):
        RadarSector.objects.filter(pk=part.pk).update(name=name)
    for part, name in zip(radar.rings.all(), RING_NAMES, strict=True):
        RadarRing.objects.filter(pk=part.pk).update(name=name)
    rnd = random.Random(seed)
    if placements is None:
        placements = [(index % 4, (index // 4) % 4) for index in range(32)] if count == 32 else None
        placements = placements or [(rnd.randrange(4), rnd.randrange(4)) for _ in range(count)]
    measures = builders.add_live_measures(radar, placements)
    cache.clear()
    return radar, measures


@pytest.fixture
def radars(transactional_db, django_db_serialized_rollback):
    home = builders.make_site()
    return {count: make_radar(home, count, f"radar-{count}") for count in (32, 200)}


# What the browser measures: one function, so every test reads the same figures.
MEASURE_JS = """() => {
  const svg = document.querySelector('[data-digiradar-chart]');
  const scale = m => Math.hypot(m.a, m.b);
  const shown = el => getComputedStyle(el).display !== 'none' && el.getBBox().width > 0;
  const texts = Array.from(svg.querySelectorAll('text')).filter(shown).map(t => ({
    text: t.textContent.trim(),
    cls: t.getAttribute('class') || (t.parentNode.getAttribute('class') || ''),
    px: parseFloat(getComputedStyle(t).fontSize) * scale(t.getScreenCTM()),
    boxPx: t.getBBox().height * scale(t.getScreenCTM()),
  }));
  const shapes = Array.from(svg.querySelectorAll(
      '[data-digiradar-blip] circle, [data-digiradar-blip] polygon, .digiradar-blip-dimmed > *'));
  const marks = shapes.map(s => {
    const b = s.getBBox(), m = s.getCTM();
    const p = new DOMPoint(b.x + b.width / 2, b.y + b.height / 2).matrixTransform(m);
    return {x: p.x, y: p.y, r: Math.max(b.width, b.height) / 2 * scale(m), el: s};
  });
  // A ring name against every mark, in the name's own (rotated) coordinates.
  const covered = [];
  for (const t of svg.querySelectorAll('.digiradar-chart-ring')) {
    if (!shown(t)) continue;
    const b = t.getBBox(), inv = t.getCTM().inverse(), k = scale(inv);
    for (const mark of marks) {
      const c = new DOMPoint(mark.x, mark.y).matrixTransform(inv), r = mark.r * k;
      const dx = Math.max(b.x - c.x, 0, c.x - (b.x + b.width));
      const dy = Math.max(b.y - c.y, 0, c.y - (b.y + b.height));
      if (dx * dx + dy * dy < r * r) covered.push(t.textContent);
    }
  }
  const onScreen = marks.map(m => {
    const b = m.el.getBoundingClientRect();
    return [b.x + b.width / 2, b.y + b.height / 2, Math.max(b.width, b.height) / 2];
  });
  const sectors = Array.from(svg.querySelectorAll('.digiradar-chart-sector text')).map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, left: b.left, right: b.right};
  });
  const box = svg.getBoundingClientRect();
  return {
    texts, covered, marks: onScreen, sectors,
    links: Array.from(svg.querySelectorAll('a[data-digiradar-blip]')).map(a => a.getAttribute('href')),
    svg: [Math.round(box.width), Math.round(box.height)],
    radarTop: Math.round(box.top + window.scrollY),
    pageHeight: document.documentElement.scrollHeight,
    viewport: window.innerWidth,
  };
}"""


def measure_radar(page):
    return page.evaluate(MEASURE_JS)


def overlapping(marks):
    return [
        (a, b)
        for i, a in enumerate(marks)
        for b in marks[i + 1 :]
        # 1 % slack for anti-aliased bounding boxes
        if ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 < 0.99 * (a[2] + b[2])
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_in_the_radar_is_legible_and_nothing_covers_anything(
    browser_page, live_server, radars, axe_violations, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    for count, (radar, measures) in radars.items():
        page.goto(live_server.url + radar.url)
        figures = measure_radar(page)
        smallest = min(figures["texts"], key=lambda text: text["px"])
        print(f"{count} measures at {width}px: svg {figures['svg']}, smallest text {smallest}")
        assert smallest["px"] >= 12, (count, width, smallest)
        assert all(text["boxPx"] >= 12 for text in figures["texts"])
        names = [label["text"] for label in figures["sectors"]]
        assert sorted(names) == sorted(SECTOR_NAMES)
        for label in figures["sectors"]:
            assert 0 <= label["left"] and label["right"] <= figures["viewport"], (width, label)
        assert figures["covered"] == [], (count, width)
        assert len(figures["marks"]) == count  # never fewer marks than measures
        assert overlapping(figures["marks"]) == []
        assert sorted(figures["links"]) == sorted(measure.url for measure in measures)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if count == 32 and width >= 768:
            # On a desk every blip of a radar of this size shows its number.
            numbers = [text for text in figures["texts"] if "blip-number" in text["cls"]]
            assert len(numbers) == count
        assert axe_violations(page) == [], (count, width)
    assert page.csp_violations == []


def test_on_a_phone_the_radar_and_the_list_come_within_two_screens(browser_page, live_server, radars):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    radar, _ = radars[200]
    page.goto(live_server.url + radar.url)
    figures = measure_radar(page)
    list_top = page.evaluate("document.getElementById('measure-list').getBoundingClientRect().top + scrollY")
    print(f"375px, 200 measures: radar top {figures['radarTop']}, list top {list_top}")
    print(f"375px, 200 measures: page height {figures['pageHeight']}")
    assert figures["radarTop"] < 2 * 812
    assert list_top < 3 * 812  # the list starts right below the radar and its legend
    # The list is grouped by sector, collapsed, with counts; it opens without JavaScript.
    sectors = page.locator("#measure-list details.digiradar-sector")
    expect(sectors).to_have_count(4)
    assert page.locator("#measure-list details.digiradar-sector[open]").count() == 0
    assert figures["pageHeight"] < 6 * 812
    # The sector switcher sits above the radar.
    switcher_top = page.evaluate("document.querySelector('.digiradar-sectors').getBoundingClientRect().top")
    assert switcher_top < page.evaluate(
        "document.querySelector('[data-digiradar-chart]').getBoundingClientRect().top"
    )


def check_sector_view(page, radar, measures, sector_slug):
    expected = [m for m in measures if m.sector.slug == sector_slug]
    figures = measure_radar(page)
    assert f"sector={sector_slug}" in page.url
    assert sorted(figures["links"]) == sorted(m.url for m in expected)
    assert overlapping(figures["marks"]) == [] and figures["covered"] == []
    assert min(text["px"] for text in figures["texts"]) >= 12
    return figures


def test_the_sector_view_without_javascript(chromium_browser, live_server, radars):
    radar, measures = radars[200]
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + radar.url)
        # From the overview the sector name in the radar leads there.
        with page.expect_navigation():
            page.locator(".digiradar-chart-sector", has_text="Administration").click()
        figures = check_sector_view(page, radar, measures, "sektor-2")
        # In its own view every ring is named, in letters of at least 12 px.
        rings = [text["text"] for text in figures["texts"] if "chart-ring" in text["cls"]]
        assert sorted(rings) == sorted(RING_NAMES)
        # The list beside it holds that sector, open.
        assert page.locator("#measure-list details.digiradar-sector[open]").count() == 1
        assert page.locator("#measure-list a").count() == len(figures["links"])
        # The switcher leads on to another sector.
        with page.expect_navigation():
            page.locator(".digiradar-sectors a", has_text="Bildung").click()
        page.wait_for_url("**sector=sektor-4")
        check_sector_view(page, radar, measures, "sektor-4")
    finally:
        context.close()


def test_the_sector_view_with_javascript_brings_numbers_back_for_250_measures_in_one_sector(
    browser_page, live_server, transactional_db, django_db_serialized_rollback, axe_violations
):
    placements = [(0, index % 4) for index in range(250)] + [(1, 0), (2, 1), (3, 2)]
    radar, measures = make_radar(builders.make_site(), 253, "gross", placements=placements)
    page = browser_page
    page.goto(live_server.url + radar.url)
    overview = measure_radar(page)
    assert len(overview["marks"]) == 253
    page.locator(".digiradar-sectors a", has_text="Stadtgesellschaft").click()
    page.wait_for_url("**sector=sektor-1")
    figures = check_sector_view(page, radar, measures, "sektor-1")
    numbers = [text for text in figures["texts"] if "blip-number" in text["cls"]]
    smallest = min(text["px"] for text in numbers)
    print(f"sector view, 250 measures at 1280px: {len(numbers)} numbers, smallest {smallest}")
    assert len(numbers) == 250
    assert axe_violations(page) == []


def test_keyboard_tab_reaches_the_radar_arrows_move_enter_opens(browser_page, live_server, radars):
    page = browser_page
    radar, _ = radars[32]
    page.goto(live_server.url + radar.url)
    hint = page.locator("[data-digiradar-keys]")
    expect(hint).to_be_visible()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-digiradar-blip]')"):
            break
    assert page.evaluate("document.activeElement.matches('[data-digiradar-blip]')")
    first = page.evaluate("document.activeElement.dataset.number")
    # The focused blip's number and title show next to it.
    tooltip = page.locator(".digiradar-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text().startswith(f"{first}. ")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.dataset.number")
    assert second != first
    expect(tooltip).to_contain_text(f"{second}. ")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    title = label.split(". ", 1)[1].split(" – ")[0]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title
