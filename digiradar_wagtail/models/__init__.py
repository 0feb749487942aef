from .history import MeasureHistoryEntry
from .measure import (
    MeasureCoDepartment,
    MeasureCouncilDecision,
    MeasureIndicator,
    MeasureMilestone,
    MeasurePage,
    MeasurePrinciple,
    MeasureRelation,
    MeasureTopic,
)
from .radar import RadarIndexPage, RadarRing, RadarSector
from .taxonomy import Department, Principle, Topic

__all__ = [
    "Department",
    "MeasureCoDepartment",
    "MeasureCouncilDecision",
    "MeasureHistoryEntry",
    "MeasureIndicator",
    "MeasureMilestone",
    "MeasurePage",
    "MeasurePrinciple",
    "MeasureRelation",
    "MeasureTopic",
    "Principle",
    "RadarIndexPage",
    "RadarRing",
    "RadarSector",
    "Topic",
]
