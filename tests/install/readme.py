"""
What README.md tells an installer, read from README.md itself (no copy here): its marked code blocks
(``<!-- installer: NAME -->`` followed by a fenced block) and its advice for the base template's
``lang``. ``test_readme_install`` applies them to a project made by ``wagtail start``.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

MARKED_BLOCK = re.compile(r"<!-- installer: (?P<name>[^>]+?) -->\s*\n```[a-z]*\n(?P<code>.*?)```", re.DOTALL)
# "leave out the lines marked *ratings*, *comments* or *ideas* for what you do not want"
PARTICIPATION_MARK = re.compile(r"#\s*(ratings|comments|ideas)\b")
# "Give it `<html lang=...>` (with `{% load i18n %}...`) instead of a fixed `lang="en"`"
LANG_ADVICE = re.compile(
    r"Give it `(?P<html>[^`]+)` \(with `(?P<load>[^`]+)`\)\s+instead of a fixed `(?P<fixed>[^`]+)`"
)


def readme_text():
    return README.read_text(encoding="utf-8")


def snippets():
    """``{name: code}`` of every marked code block in README.md."""
    found = {match["name"].strip(): match["code"] for match in MARKED_BLOCK.finditer(readme_text())}
    assert found, "README.md has no <!-- installer: ... --> code blocks"
    return found


def snippet(name, participation=True):
    """The README's block ``name``; without participation, the lines marked ratings/comments/ideas dropped."""
    blocks = snippets()
    assert name in blocks, f"README.md lacks the block <!-- installer: {name} --> (has {sorted(blocks)})"
    code = blocks[name]
    if not participation:
        code = "".join(line for line in code.splitlines(keepends=True) if not PARTICIPATION_MARK.search(line))
    return code


def lang_advice():
    """``(html_tag, load_tags, fixed)`` as the README words its advice for the base template."""
    text = " ".join(readme_text().split())  # the sentence may wrap between lines
    match = LANG_ADVICE.search(text)
    assert match, "README.md no longer words its lang advice as: Give it `...` (with `...`) instead of ..."
    return match["html"], match["load"], match["fixed"]


def apply_lang_advice(template):
    """The base template with ``<html lang="en">`` replaced as the README says."""
    html_tag, load_tags, fixed = lang_advice()
    source = template.read_text(encoding="utf-8")
    fixed_tag = f"<html {fixed}>"
    assert fixed_tag in source, f"{template} has no {fixed_tag}"
    template.write_text(source.replace(fixed_tag, load_tags + html_tag), encoding="utf-8")


class Forms(HTMLParser):
    """The forms of a page: ``[{"attrs": {...}, "fields": [(name, type, value, checked)]}]``."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._textarea = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button") and attrs.get("name"):
            kind = attrs.get("type", "text" if tag == "input" else "submit")
            self._form["fields"].append([attrs["name"], kind, attrs.get("value", ""), "checked" in attrs])
        elif self._form is not None and tag == "textarea":
            self._textarea = [attrs.get("name", ""), "textarea", "", False]
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None

    def find(self, predicate):
        matching = [form for form in self.forms if predicate(form["attrs"])]
        return matching[0] if matching else None
