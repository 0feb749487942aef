"""
Signals the radar's apps send so that other apps can react without importing them.

``subject_changed`` is sent when something a citizen may follow changed in a way worth telling
its followers. Senders: the radar app (a measure's ring, progress or delivery status; a new measure
in a radar), the comments app (the city replied on a measure), the ideas app (the city answered an
idea). The follow app (``digiradar_wagtail.follow``), when installed, listens; nothing else needs to.

Keyword arguments:

- ``subject``: the model instance that changed (a ``MeasurePage``, a ``RadarIndexPage``, or a
  sub-app's object such as an idea);
- ``kind``: one of ``"ring"``, ``"progress"``, ``"status"``, ``"reply"``, ``"new"``, ``"answer"``;
- ``summary``: a short plain text written by the city (never a citizen's words), in the
  subject's language;
- ``url``: the public path or URL where the change can be read.

Send it with ``transaction.on_commit`` so that nobody hears of a change that was rolled back.
"""

from django.dispatch import Signal

subject_changed = Signal()
