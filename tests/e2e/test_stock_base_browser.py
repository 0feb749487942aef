"""
The radar in the base template `wagtail start` writes (no class, no stylesheet, no colours of ours):
the filter form's controls are visible, a keyboard-focused blip shows its focus ring, axe-core finds
nothing.
"""

from pathlib import Path

import pytest

from tests import builders

pytestmark = pytest.mark.browser

STOCK_TEMPLATES = Path(__file__).resolve().parents[1] / "testapp" / "templates"

# The colours a control and its surroundings are drawn in, as the browser computed them.
COLOURS = """(selector) => {
    const element = document.querySelector(selector);
    const style = getComputedStyle(element);
    let node = element.parentElement, background = "rgba(0, 0, 0, 0)";
    while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
        background = getComputedStyle(node).backgroundColor; node = node.parentElement;
    }
    const around = /rgba\\(0, 0, 0, 0\\)/.test(background) ? "rgb(255, 255, 255)" : background;
    // A transparent control shows what is behind it.
    const fill = /rgba\\(0, 0, 0, 0\\)/.test(style.backgroundColor) ? around : style.backgroundColor;
    return {border: style.borderTopColor, borderWidth: style.borderTopWidth,
            fill: fill, text: style.color, around: around};
}"""


def luminance(css):
    red, green, blue = (int(part) / 255 for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])

    def linear(channel):
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def stock_base(settings):
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [STOCK_TEMPLATES, *engine["DIRS"]]
    settings.TEMPLATES = [engine]
    settings.DIGIRADAR_BASE_TEMPLATE = "base.html"


@pytest.fixture
def radar(transactional_db, django_db_serialized_rollback, stock_base):
    home = builders.make_site()
    radar = builders.make_radar(home, sectors=3, rings=4)
    for index in range(6):
        builders.make_measure(radar, f"Maßnahme {index}", sector=index % 3, ring=index % 4)
    return radar


def test_filter_controls_are_visible_and_focus_shows(browser_page, live_server, radar, axe_violations):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + radar.url)
    # The page comes from the stock base template: no class of ours on <body>.
    assert page.evaluate("document.body.className.includes('digiradar')") is False

    search = page.evaluate(COLOURS, "#digiradar-q")
    assert search["borderWidth"] != "0px"
    assert contrast(search["border"], search["around"]) >= 3, search  # WCAG 1.4.11 non-text contrast
    button = page.evaluate(COLOURS, ".digiradar-filter button")
    assert contrast(button["text"], button["fill"]) >= 4.5, button  # its label on its own colour
    assert contrast(button["fill"], button["around"]) >= 3, button  # the button against the page

    # Tab to the first blip: its mark is drawn with the focus colour, thicker than before.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-digiradar-blip]')"):
            break
    assert page.evaluate("document.activeElement.matches('[data-digiradar-blip]')")
    ring = page.evaluate(
        """() => { const shape = document.activeElement.querySelector('circle, polygon');
                   const style = getComputedStyle(shape);
                   return {stroke: style.stroke, width: parseFloat(style.strokeWidth)}; }"""
    )
    assert ring["stroke"] == "rgb(179, 89, 0)" and ring["width"] >= 3, ring  # --dr-focus, 4px

    assert axe_violations(page) == []
