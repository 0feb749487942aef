"""
A Wagtail project of the tests' own, independent of the demo: a plain home page model, a base
template like the one ``wagtail start`` writes, and settings that install the radar alone or with
any of its sub-apps (``DIGIRADAR_TEST_APPS``, see settings.py).
"""
