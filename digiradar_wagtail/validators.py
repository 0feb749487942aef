"""Validators shared by the radar's models and forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.1 SC 1.4.11: graphical objects need 3:1 against their background (the radar is white).
MIN_CONTRAST_ON_WHITE = 3.0


def relative_luminance(hex_colour):
    def channel(value):
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hex_colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_colour(value):
    """A ``#rrggbb`` colour that stands out 3:1 against white."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as #rrggbb, for example #1f5fa8."), code="invalid")
    ratio = contrast_on_white(value)
    if ratio < MIN_CONTRAST_ON_WHITE:
        raise ValidationError(
            _("This colour has a contrast of %(ratio).1f:1 against white; at least 3:1 is needed."),
            code="low_contrast",
            params={"ratio": ratio},
        )
