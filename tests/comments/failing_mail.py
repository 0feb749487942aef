"""A mail backend like a site whose mail server is down: every send is refused."""

from django.core.mail.backends.base import BaseEmailBackend

FAILING = "tests.comments.failing_mail.RefusingEmailBackend"


class RefusingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


FLAKY = "tests.comments.failing_mail.FlakyEmailBackend"


class FlakyEmailBackend(BaseEmailBackend):
    """Refuses the first ``failures`` sends of a test, then delivers to ``django.core.mail.outbox``."""

    failures = 0

    def send_messages(self, email_messages):
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise ConnectionRefusedError(111, "Connection refused")
        from django.core import mail

        mail.outbox.extend(email_messages)
        return len(email_messages)
