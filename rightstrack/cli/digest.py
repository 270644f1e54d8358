"""``rightstrack digest saved-searches``: per user, the records that arrived matching each saved
search since the last digest, printed or sent as one e-mail (text and HTML) per user."""

from __future__ import annotations

from typing import Annotated

import typer

from rightstrack.cli.common import console, fail
from rightstrack.cli.searching import search_engine

app = typer.Typer(help="E-mail digests.", no_args_is_help=True)


@app.command("saved-searches")
def saved_searches(
    ctx: typer.Context,
    send_mail: Annotated[
        bool,
        typer.Option("--send", help="E-mail them (RIGHTSTRACK_SMTP_HOST …) and remember what was sent."),
    ] = False,
    base_url: Annotated[
        str, typer.Option(help="The web app's address for links ($RIGHTSTRACK_BASE_URL by default).")
    ] = "",
) -> None:
    """What arrived for each saved search since its last digest: printed (nothing is marked as
    sent), or with --send mailed to each user once, so that the next run sends only newer records."""
    from rightstrack import config
    from rightstrack.mail import SmtpSettings
    from rightstrack.saved_searches.digest import collect, send_digests
    from rightstrack.web.saved_pages import read_saved_query

    link_base = (base_url.strip() or config.base_url()).rstrip("/")
    settings = SmtpSettings.from_environment() if send_mail else None
    if send_mail and settings is None:
        fail("set RIGHTSTRACK_SMTP_HOST (and _PORT, _USER, _PASSWORD, _FROM, _STARTTLS) to send")
    search = search_engine(ctx)
    digests = collect(search, read_saved_query)
    for digest in digests:
        for news in digest.searches:
            if news.problem:
                console.print(
                    f"{digest.username}: {news.saved.name!r} cannot be read: {news.problem}", markup=False
                )
    if settings is None:
        for digest in digests:
            if digest.total:
                console.print(f"To {digest.email or '(no e-mail address)'} ({digest.username})", markup=False)
                console.print(digest.text(link_base), markup=False)
        console.print(
            f"{sum(1 for d in digests if d.total)} digest(s) to send; nothing was sent", markup=False
        )
        return
    outcome = send_digests(search.engine, digests, settings, link_base)
    console.print(
        f"{outcome.sent} digest(s) sent, {outcome.unchanged} user(s) with nothing new", markup=False
    )
    if outcome.no_address:
        console.print(f"no e-mail address (kept for later): {', '.join(outcome.no_address)}", markup=False)
    if outcome.taken:
        console.print(f"sent by another run at the same time: {', '.join(outcome.taken)}", markup=False)
