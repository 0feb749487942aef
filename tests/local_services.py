"""
For the tests that start a stack of real services (the production demo, the benchmarks): whether
a local port answers, and a skip that CI, which installs every service, turns into a failure.
"""

import os
import socket

import pytest


def answers(port):
    """Whether something accepts connections on 127.0.0.1:``port``."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def skip_unless(present, message):
    """Skip where ``present`` is false: on a developer's machine without the service; under CI a failure."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI installs it and must run this test", pytrace=False)
    pytest.skip(message)
