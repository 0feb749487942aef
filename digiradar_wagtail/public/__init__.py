"""
What the public pages show: the radar page's filters (``filters``), list (``listing``), picture
(``chart``) and cached fragment (``radar``), and a measure page's related rows (``measure``).
"""
