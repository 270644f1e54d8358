"""``rightstrack digest saved-searches``: printed without --send (nothing marked as sent), mailed
once with it, and nothing the second time."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from typer.testing import CliRunner

from rightstrack.accounts import User
from rightstrack.cli import app
from rightstrack.mail import SmtpSettings
from rightstrack.saved_searches.saved import get_saved, save_search
from tests.saved_searches.conftest import (  # noqa: F401  (fixtures)
    Arrive,
    Mailbox,
    arrive,
    mailbox,
    make_user,
)

runner = CliRunner()


def _run(store: Engine, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    url = store.url.render_as_string(hide_password=False)
    environment = {"RIGHTSTRACK_SMTP_HOST": "", "RIGHTSTRACK_BASE_URL": "https://rt.example/", **(env or {})}
    result = runner.invoke(app, ["--db", url, "digest", "saved-searches", *args], env=environment)
    return result.exit_code, result.output


def test_the_digest_is_printed_then_sent_once(
    store: Engine,
    arrive: Arrive,  # noqa: F811
    make_user: Callable[..., User],  # noqa: F811
    mailbox: tuple[Mailbox, SmtpSettings],  # noqa: F811
) -> None:
    box, settings = mailbox
    arrive(0, 20)
    reader = make_user("reader@ngo.example")
    with store.begin() as connection:
        saved = save_search(connection, reader, "Everything", "", "en")
    arrived = arrive(20, 35)

    code, out = _run(store)
    assert code == 0, out
    assert "To reader@ngo.example" in out and f"Everything ({len(arrived)})" in out
    assert f"https://rt.example/records/{max(arrived)}" in out  # links to the configured address
    assert "1 digest(s) to send; nothing was sent" in out
    with store.connect() as connection:
        assert get_saved(connection, reader, saved.id).digested_through == saved.digested_through

    code, out = _run(store, "--send")
    assert code == 2 and "set RIGHTSTRACK_SMTP_HOST" in out

    smtp = {"RIGHTSTRACK_SMTP_HOST": settings.host, "RIGHTSTRACK_SMTP_PORT": str(settings.port)}
    code, out = _run(store, "--send", env=smtp)
    assert code == 0 and "1 digest(s) sent" in out, out
    assert [envelope.rcpt_tos for envelope in box.received] == [["reader@ngo.example"]]
    code, out = _run(store, "--send", env=smtp)
    assert code == 0 and "0 digest(s) sent, 1 user(s) with nothing new" in out
    assert len(box.received) == 1
