"""
Import previews in temporary files: the parsed rows wait here between the dry run and the
confirmation, so the editor does not upload the file twice and the server does not parse it twice.

As in Wagtail's redirect import (``wagtail.contrib.redirects.tmp_storages``) they wait in a file,
not in the cache: a cache may evict them, and memcached refuses items over 1 MB. Each preview is
one JSON file in ``<FILE_UPLOAD_TEMP_DIR or the system's temp dir>/digiradar-import/``:

- the confirmation form carries a random token (256 bits); the file is named by a keyed hash of
  that token and the user's id, so another user's token names no file, and neither does a
  guessed one (the file also records its user, checked again when it is read);
- the rows are written compactly and at most ``DIGIRADAR_IMPORT_MAX_UNPACKED_BYTES`` of them;
- a preview is taken once (renamed away, then read and deleted), and one older than
  ``MAX_AGE`` counts as expired; every new preview deletes the expired ones.
"""

import json
import os
import re
import secrets
import stat
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ..conf import digiradar_settings
from .spreadsheet import MEGABYTE, SpreadsheetError, Table

DIRECTORY_NAME = "digiradar-import"
MAX_AGE = 60 * 60
TOKEN_BYTES = 32
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
SALT = "digiradar_wagtail.opendata.previews"
SUFFIX, TAKEN_SUFFIX = ".json", ".taken"


class PreviewMissing(Exception):
    """No preview for this token and user: expired, already imported, or never made."""


def max_bytes():
    return digiradar_settings.IMPORT_MAX_UNPACKED_BYTES


def directory():
    """The previews' directory, created private (0700) on first use."""
    path = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / DIRECTORY_NAME
    path.mkdir(mode=0o700, exist_ok=True)
    info = path.lstat()
    # In a shared temp dir someone else may have made the name first (or a link to elsewhere).
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        raise ImproperlyConfigured(f"{path} is not a directory of this server's user.")
    return path


def _path(user, token, suffix=SUFFIX):
    name = salted_hmac(SALT, f"{user.pk}:{token}", algorithm="sha256").hexdigest()
    return directory() / (name + suffix)


def remove_expired(now=None):
    """Delete the previews (and half-taken ones) older than ``MAX_AGE``."""
    limit = (now or time.time()) - MAX_AGE
    for path in directory().iterdir():
        try:
            if path.suffix in (SUFFIX, TAKEN_SUFFIX) and path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass  # another process got there first


class _Limited:
    """A binary file that refuses to grow beyond ``limit`` bytes."""

    def __init__(self, file, limit):
        self.file, self.left = file, limit

    def write(self, text):
        data = text.encode()
        self.left -= len(data)
        if self.left < 0:
            raise SpreadsheetError(
                _("The file holds more than %(limit)s MB of text; split it.")
                % {"limit": f"{max_bytes() / MEGABYTE:.1f}"}
            )
        self.file.write(data)


def save(user, table, **details):
    """
    Keep ``table`` and ``details`` (JSON values: radar id, file name, …) for ``user``; the token.

    Raises :class:`SpreadsheetError` if the rows come to more than ``max_bytes()``.
    """
    remove_expired()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    path = _path(user, token)
    # Each row as a list in the order of ``names``: the column names are not repeated per row.
    names = list(dict.fromkeys(table.headers))
    document = {
        **details,
        "user": user.pk,
        "headers": table.headers,
        "names": names,
        "rows": [[line, [row.get(name) for name in names]] for line, row in table.rows],
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            json.dump(document, _Limited(file, max_bytes()), ensure_ascii=False, separators=(",", ":"))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return token


def take(user, token):
    """
    The preview ``token`` of ``user`` as ``(table, details)``, deleted from the disk: a token
    works once. Raises :class:`PreviewMissing` if there is none (or it has expired).
    """
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        raise PreviewMissing
    path, taken = _path(user, token), _path(user, token, TAKEN_SUFFIX)
    try:
        # Renaming is atomic: of two confirmations sent at once, only one finds the file.
        os.rename(path, taken)
    except FileNotFoundError as error:
        raise PreviewMissing from error
    try:
        if taken.stat().st_mtime < time.time() - MAX_AGE:
            raise PreviewMissing
        with taken.open("rb") as file:
            document = json.loads(file.read(max_bytes() + 1))
    except ValueError as error:
        raise PreviewMissing from error
    finally:
        taken.unlink(missing_ok=True)
    if document.pop("user", None) != user.pk:
        raise PreviewMissing
    headers, names = document.pop("headers"), document.pop("names")
    rows = [
        (line, {name: value for name, value in zip(names, values, strict=True) if value is not None})
        for line, values in document.pop("rows")
    ]
    return Table(headers=headers, rows=rows), document
