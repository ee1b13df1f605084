"""factcheck serve: the review UI in a browser."""

from __future__ import annotations

import click

from ..config import ConfigError
from .base import cli, open_database

MIN_TOKEN = 16


@cli.command()
@click.option("--host", default="localhost", show_default=True,
              help="Address to listen on. Anything but this machine (e.g. 0.0.0.0) needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="FACTCHECK_SERVE_TOKEN", metavar="SECRET",
              help=f"Secret every browser must bring (/?token=SECRET), at least {MIN_TOKEN} characters "
              "(or set FACTCHECK_SERVE_TOKEN). Required when --host is not this machine.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Serve the review UI to browsers: each browser session runs its own review app under its own reviewer
    name, all on this database, with the same conflict handling as two terminals.

    Bound to localhost by default. Bound elsewhere it is reachable from other machines: give --token (make
    one with: python -c "import secrets; print(secrets.token_urlsafe())"), and put HTTPS in front of it on
    any network you do not trust."""
    from ..config import load_config
    from ..web import ReviewServer, is_loopback

    if token is not None and len(token) < MIN_TOKEN:
        raise click.UsageError(f"--token must have at least {MIN_TOKEN} characters")
    if not is_loopback(host) and token is None:
        raise click.UsageError(f"--host {host} is reachable from other machines: give --token SECRET "
                               "(or set FACTCHECK_SERVE_TOKEN)")
    path = ctx.find_root().obj["db_path"]
    open_database(ctx, path, writes=True).close()  # create or upgrade it now, not in each session
    try:
        load_config()  # a broken config is told here, once, not as a failing session in the browser
    except ConfigError as err:
        raise click.ClickException(str(err)) from None

    address = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if not is_loopback(host):
        click.echo(f"Warning: serving the review UI on {host}:{port}, reachable from other machines. Anyone with "
                   "the token can review under any name, and plain http carries the token and every decision "
                   "unencrypted: put HTTPS (a reverse proxy) in front of it on any network you do not trust.",
                   err=True)
    how = " (open it with ?token=YOUR_TOKEN once)" if token else ""
    click.echo(f"Serving the review UI for {path} on {address}{how}; Ctrl+C stops it", err=True)
    try:
        ReviewServer(path, host=host, port=port, token=token).serve()
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
