"""The two rating scales: values, labels and their storage columns. No Django models here."""

import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..participation.blocks import RatingScale

# Each value's count has its own attribute on a RatingTarget (counted from the votes). Agree (+1)
# shares the "1" count with one star: a target holds votes of one scale only.
VALUE_COLUMNS = {-1: "n_minus1", 1: "n_1", 2: "n_2", 3: "n_3", 4: "n_4", 5: "n_5"}

SCALE_VALUES = {
    RatingScale.STARS: (1, 2, 3, 4, 5),
    RatingScale.AGREE: (1, -1),
}


def value_label(scale, value):
    """How a value reads on the page: "3 stars", "Agree"."""
    if scale == RatingScale.AGREE:
        return _("Agree") if value == 1 else _("Disagree")
    return ngettext("%(count)d star", "%(count)d stars", value) % {"count": value}


def choices(scale):
    return [(value, value_label(scale, value)) for value in SCALE_VALUES.get(scale, ())]


# What a value may look like: ASCII digits with an optional minus, nothing else. ``int()`` alone
# would also take "٣", "５", "+3", " 3" and "1_0".
_ASCII_INTEGER = re.compile(r"-?[0-9]{1,2}")


def parse_value(scale, raw):
    """The submitted value as an int of ``scale``, or None if it is not one (ASCII digits only)."""
    if not isinstance(raw, str) or not _ASCII_INTEGER.fullmatch(raw):
        return None
    value = int(raw)
    return value if value in SCALE_VALUES.get(scale, ()) else None
