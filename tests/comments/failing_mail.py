"""A mail backend like a site whose mail server is down: every send is refused."""

from django.core.mail.backends.base import BaseEmailBackend

FAILING = "tests.comments.failing_mail.RefusingEmailBackend"


class RefusingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
