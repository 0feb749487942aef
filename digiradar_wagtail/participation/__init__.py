"""
Participation that comment and rating sub-apps share, and that imports neither of them: the window
in which citizens may take part (``window``), the blocks an editor places on a page (``blocks``)
and finding them in a page's StreamFields (``streamfield``).
"""
