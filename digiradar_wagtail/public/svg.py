"""
The radar's marks as SVG markup, written in Python: a radar of 1,000 measures draws 1,000 links,
and the template engine took a quarter of a second for them (issue 12 asks for 150 ms for the whole
page). Everything else of the drawing stays in ``includes/radar_svg.html``, which an installer can
override; the marks' look is in ``digiradar.css``.
"""

from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models.history import MARKER_LABELS


def _shape(blip, extra=""):
    if blip.shape:
        return f'<polygon points="{blip.shape}"{extra}/>'
    return f'<circle cx="{blip.x:.1f}" cy="{blip.y:.1f}" r="{blip.radius:g}"{extra}/>'


def _number(blip):
    if not blip.show_number:
        return ""
    classes = "digiradar-blip-number"
    if blip.marker:
        classes += " digiradar-blip-number-halo"
    if blip.number_step:
        classes += f" digiradar-t{blip.number_step}"
    return (
        f'<text x="{blip.x:g}" y="{blip.y:g}" dy=".35em" class="{classes}" '
        f'font-size="{blip.number_size:g}">{blip.index}</text>'
    )


def render_blips(chart):
    """One link per measure that matches the filter (a dimmed mark for the others), grouped by
    sector so that each group carries its colour once."""
    flags = {marker: str(label) for marker, label in MARKER_LABELS.items()}
    parts = []
    for colour, blips in groupby(chart.blips, key=lambda blip: blip.colour):
        parts.append(f'<g fill="{escape(colour)}">')
        for blip in blips:
            if not blip.matches:
                parts.append(f'<g class="digiradar-blip-dimmed" aria-hidden="true">{_shape(blip)}</g>')
                continue
            measure = blip.measure
            label = f"{blip.index}. {measure.title} – {measure.sector.name}, {measure.ring.name}"
            if blip.marker:
                label += f", {flags[blip.marker]}"
            parts.append(
                f'<a href="{escape(measure.radar_url)}" data-digiradar-blip '
                f'data-number="{blip.index}" data-marker="{blip.marker}" aria-label="{escape(label)}">'
                f"{_shape(blip)}{_number(blip)}</a>"
            )
        parts.append("</g>")
    return mark_safe("".join(parts))  # every text from the database went through escape()
