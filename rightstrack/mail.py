"""Sending e-mail through the SMTP server the environment names: one service for every digest
(implementation reminders, saved-search digests), so none of them imports another's layer.

SMTP comes from the environment: ``RIGHTSTRACK_SMTP_HOST`` (required to send), ``_PORT`` (25),
``_USER`` and ``_PASSWORD`` (optional), ``_FROM`` (default ``rightstrack@localhost``), ``_STARTTLS``
(``1`` to upgrade the connection before signing in).
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

SMTP_TIMEOUT = 30  # seconds: a server that hangs must not hold a digest run for ever


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "rightstrack@localhost"
    starttls: bool = False

    @classmethod
    def from_environment(cls) -> SmtpSettings | None:
        host = os.environ.get("RIGHTSTRACK_SMTP_HOST", "").strip()
        if not host:
            return None
        port = os.environ.get("RIGHTSTRACK_SMTP_PORT", "25").strip()
        if not port.isdigit():
            raise ValueError(f"RIGHTSTRACK_SMTP_PORT must be a port number, not {port!r}")
        return cls(
            host,
            int(port),
            os.environ.get("RIGHTSTRACK_SMTP_USER") or None,
            os.environ.get("RIGHTSTRACK_SMTP_PASSWORD") or None,
            os.environ.get("RIGHTSTRACK_SMTP_FROM") or "rightstrack@localhost",
            os.environ.get("RIGHTSTRACK_SMTP_STARTTLS", "") == "1",
        )


@contextmanager
def smtp_connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """A connection to the server, upgraded and signed in as the settings say."""
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
        yield smtp


def new_message(settings: SmtpSettings, subject: str, recipients: list[str]) -> EmailMessage:
    """A message from the configured sender; the caller sets its content."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(recipients)
    return message
