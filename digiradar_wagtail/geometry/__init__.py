"""Radar geometry (pure Python, no Django): see ``layout`` for the API."""

from .layout import (
    Blip,
    BlipInput,
    Cell,
    Cluster,
    RadarFrame,
    RadarLayout,
    Ring,
    Sector,
    layout_radar,
    polar_to_xy,
    radar_frame,
    wedge_path,
)

__all__ = [
    "Blip",
    "BlipInput",
    "Cell",
    "Cluster",
    "RadarFrame",
    "RadarLayout",
    "Ring",
    "Sector",
    "layout_radar",
    "polar_to_xy",
    "radar_frame",
    "wedge_path",
]
