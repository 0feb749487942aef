"""
A settings module broken on purpose, for the system-check tests that need other INSTALLED_APPS.

(Wagtail's redirects app registers an API router in ``ready()`` and cannot be populated twice in
one process, so ``modify_settings(INSTALLED_APPS=...)`` is not possible; these run ``manage.py
check`` in a subprocess instead.) ``DIGIRADAR_TEST_REMOVE_APPS`` names the apps to drop.
"""

import os

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

_remove = {app for app in os.environ.get("DIGIRADAR_TEST_REMOVE_APPS", "").split(",") if app}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in _remove]
