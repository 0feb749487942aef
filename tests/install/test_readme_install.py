"""
The README's installation, done as written, on a fresh ``wagtail start`` site with the built wheel
(not the source tree): for one language with ratings and comments, for two languages (German and
English), and for the radar alone (the lines marked ratings or comments left out). The README's
marked code blocks are read from README.md and applied (``tests/install/readme.py``); then
``check``, ``migrate``, ``makemigrations --check``, content through the ORM, and gunicorn over real
HTTP: the pages, the exports, a comment confirmed by mail and a vote.
"""

import html
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from . import readme

ROOT = readme.ROOT
VENV_BIN = Path(sys.executable).parent
WAGTAIL = VENV_BIN / "wagtail"
CITY_SCRIPT = Path(__file__).with_name("readme_city.py")

# participation: the lines marked ratings/comments kept; two_languages: the README's two-language blocks.
PATHS = {
    "one-language": {"participation": True, "two_languages": False},
    "two-languages": {"participation": True, "two_languages": True},
    "radar-alone": {"participation": False, "two_languages": False},
}


@pytest.fixture(scope="session")
def wheel_site(tmp_path_factory):
    """The wheel built once from the checkout, unpacked into a folder of its own (no dependencies)."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = (work / "dist").glob("*.whl")
    site = work / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    return site


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """A ``wagtail start`` project in ``directory``, run with the wheel first on the path."""

    def __init__(self, directory, wheel_site):
        self.directory = directory
        ignored = ("DATABASE_URL", "REDIS_URL", "PYTHONPATH", "DJANGO_SETTINGS_MODULE")
        self.env = {key: value for key, value in os.environ.items() if key not in ignored}
        self.env.update(
            DJANGO_SETTINGS_MODULE="cityproject.settings.dev",
            PYTHONPATH=os.pathsep.join([str(wheel_site), str(directory)]),
            PATH=os.pathsep.join([str(VENV_BIN), os.environ.get("PATH", "")]),
        )

    def run(self, *args):
        result = subprocess.run(args, env=self.env, cwd=self.directory, capture_output=True, text=True)
        assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout + result.stderr

    def manage(self, *args):
        return self.run(sys.executable, "manage.py", *args)

    def city(self, *args):
        return json.loads(self.run(sys.executable, "readme_city.py", *args).strip().splitlines()[-1])


def make_site(directory, wheel_site, participation, two_languages):
    """``wagtail start``, then the README's snippets appended as the README says."""
    directory.mkdir()
    subprocess.run([str(WAGTAIL), "start", "cityproject", str(directory)], check=True, capture_output=True)
    project = directory / "cityproject"
    settings = [readme.snippet("settings", participation)]
    urls = [readme.snippet("urls", participation)]
    if two_languages:
        settings.append(readme.snippet("two-languages settings", participation))
        urls.append(readme.snippet("two-languages urls", participation))
    for path, blocks in ((project / "settings" / "base.py", settings), (project / "urls.py", urls)):
        with path.open("a", encoding="utf-8") as file:
            for block in blocks:
                file.write("\n\n# From README.md\n" + block)
    readme.apply_lang_advice(project / "templates" / "base.html")
    # Not from the README, the test's own: confirmation mails as files that this process can read
    # (dev.py sets the console backend after importing base.py, so it goes into dev.py). dev.py
    # already has ALLOWED_HOSTS = ["*"] and the SQLite file database of base.py is kept.
    mail_dir = directory / "mail"
    with (project / "settings" / "dev.py").open("a", encoding="utf-8") as file:
        file.write(
            '\n\nEMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"\n'
            f"EMAIL_FILE_PATH = {str(mail_dir)!r}\n"
        )
    shutil.copy(CITY_SCRIPT, directory / "readme_city.py")
    return Site(directory, wheel_site), mail_dir


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """urllib with a cookie jar; redirects are returned, not followed."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, url, data=None):
        url = urllib.parse.urljoin(self.base, url)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def get(self, url, expect=200):
        status, headers, body = self.request(url)
        assert status == expect, (url, status, body[:3000])
        return body


def form_data(form, **values):
    """What a browser sends for ``form``: hidden and text fields, checked boxes, then ``values``."""
    data = {}
    for name, kind, value, checked in form["fields"]:
        if kind in ("submit", "button") or (kind in ("checkbox", "radio") and not checked):
            continue
        data[name] = value
    data.update(values)
    return data


WRITE_LINK = re.compile(r'id="comment-form"><a class="digiradar-button" href="([^"]+)"')


def cached_page(browser, url):
    """GET a public page as an anonymous visitor: the same bytes for everyone, for a shared cache."""
    status, headers, body = browser.request(url)
    assert status == 200, (url, status, body[:3000])
    assert "s-maxage=" in headers.get("Cache-Control", "") and "Set-Cookie" not in headers, dict(headers)
    assert "cookie" not in headers.get("Vary", "").lower(), dict(headers)
    return body


def post_comment(browser, measure_url, mail_dir):
    # The cached measure page links to the comment form's own page (a browser without JavaScript).
    link = WRITE_LINK.search(cached_page(browser, measure_url))
    assert link is not None, "the measure page has no link to the comment form"
    page = readme.Forms(browser.get(html.unescape(link.group(1))))
    form = page.find(lambda attrs: attrs.get("id") == "comment-form")
    assert form is not None, "the measure page has no comment form"
    fields = {name: kind for name, kind, _, _ in form["fields"]}
    [consent] = [name for name, kind, _, _ in form["fields"] if kind == "checkbox"]
    assert "csrfmiddlewaretoken" in fields and {"name", "email", "comment"} <= set(fields), fields
    consent_value = next(value for name, _, value, _ in form["fields"] if name == consent) or "on"
    data = form_data(
        form,
        name="Erika Mustermann",
        email="erika@example.org",
        comment="Bitte auch in leichter Sprache.",
        **{consent: consent_value},
    )
    status, headers, body = browser.request(form["attrs"]["action"], data)
    assert status in (302, 303), (status, body[:3000])
    assert "comment=confirm" in headers["Location"], headers["Location"]
    mails = list(mail_dir.glob("*.log"))
    assert len(mails) == 1, mails
    text = mails[0].read_text(encoding="utf-8")
    assert "erika@example.org" in text
    [link] = [line.strip() for line in text.splitlines() if "/digiradar/comments/confirm/" in line]
    status, headers, body = browser.request(link)
    assert status in (302, 303), (status, body[:3000])
    assert "comment=pending" in headers["Location"], headers["Location"]
    browser.get(headers["Location"])


def post_vote(browser, measure_url):
    # The cached page's rating form asks the uncached vote page (GET), whose form has the tokens.
    page = readme.Forms(cached_page(browser, measure_url))
    form = page.find(lambda attrs: "digiradar-rating-form" in attrs.get("class", "").split())
    assert form is not None, "the measure page has no rating form"
    choices = [value for name, kind, value, _ in form["fields"] if name == "value" and kind == "radio"]
    assert choices, form
    query = urllib.parse.urlencode({"value": choices[-1]})
    page = readme.Forms(browser.get(form["attrs"]["action"] + "?" + query))
    form = page.find(lambda attrs: "digiradar-rating-form" in attrs.get("class", "").split())
    assert form is not None and form["attrs"].get("method") == "post", "the vote page has no rating form"
    data = form_data(form, value=choices[-1], action="vote")
    status, headers, body = browser.request(form["attrs"]["action"], data)
    assert status == 303, (status, body[:3000])
    browser.get(headers["Location"])
    return int(choices[-1])


@pytest.mark.parametrize("path", list(PATHS))
def test_readme_install(tmp_path, wheel_site, path):
    participation, two_languages = PATHS[path]["participation"], PATHS[path]["two_languages"]
    site, mail_dir = make_site(tmp_path / "city", wheel_site, participation, two_languages)

    output = site.manage("check", "--fail-level", "WARNING")
    assert "digiradar" not in output, output
    site.manage("migrate", "--no-input")
    site.manage("makemigrations", "--check", "--dry-run")
    urls = site.city("build", *(["en"] if two_languages else []))
    # The plugin comes from the wheel, not from the checkout.
    assert Path(urls["module"]).is_relative_to(wheel_site), urls["module"]
    assert not Path(urls["module"]).is_relative_to(ROOT), urls["module"]

    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--access-logfile",
                "-",
                "cityproject.wsgi",
            ],
            env=site.env,
            cwd=site.directory,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, log_path.read_text()
                time.sleep(0.1)
        browser = Browser(f"http://127.0.0.1:{port}")
        language = urls["language"]
        radar_html = browser.get(urls["radar"])
        measure_html = browser.get(urls["measure"])
        for html in (radar_html, measure_html):
            assert f'<html lang="{language}' in html, html[:500]
            assert "digiradar_wagtail/css/digiradar.css" in html.split("</head>")[0]
        assert urls["sectors"][0] in radar_html
        if two_languages:
            assert language == "de" and urls["sectors"][0] == "Stadtgesellschaft", urls
            assert urls["radar"].startswith("/de/") and urls["radar_en"].startswith("/en/"), urls
        for name in ("export.json", "export.csv", "feed.atom"):
            browser.get(urls["radar"] + name)
        exported = json.loads(browser.get(urls["radar"] + "export.json"))
        [item] = exported["measures"]

        if participation:
            assert 'id="comment-form"' in measure_html and "digiradar-rating-form" in measure_html
            post_comment(browser, urls["measure"], mail_dir)
            value = post_vote(browser, urls["measure"])
            assert site.city("state") == {"comments": ["pending"], "votes": [value]}
        else:
            assert 'id="comment-form"' not in measure_html
            assert "digiradar-rating" not in measure_html
            assert "ratings" not in item
            assert site.city("state") == {}

        if two_languages:
            for url in (urls["radar_en"], urls["measure_en"]):
                html = browser.get(url)
                assert '<html lang="en">' in html, html[:500]
            for name in ("export.json", "export.csv", "feed.atom"):
                browser.get(urls["radar_en"] + name)
    finally:
        server.terminate()
        server.wait(timeout=10)
    log = log_path.read_text()
    access_statuses = re.findall(r'"[A-Z]+ \S+ HTTP/[\d.]+" (\d{3}) ', log)
    assert access_statuses, log
    assert not [status for status in access_statuses if status.startswith("5")], log
    assert "Internal Server Error" not in log and "Traceback" not in log, log
