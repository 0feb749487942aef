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
from .reminders import ProgressReminder
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
    "ProgressReminder",
    "RadarIndexPage",
    "RadarRing",
    "RadarSector",
    "Topic",
]
