"""The review app in a browser (`factcheck serve`), through textual-serve.

Each browser session runs its own review app process, `factcheck --db DB review --reviewer NAME`, on the
same database file: two browsers are exactly two terminals, with the same optimistic locking (a decision
made on an out-of-date view is refused and the other reviewer's decision shown). The page first asks for
the reviewer's name (or takes it from `?reviewer=`); the name goes to the process as one argument, never
through a shell.

Access. Bound to a loopback address (the default) the server answers only requests addressed to
localhost, so a web page elsewhere cannot reach it through DNS rebinding, and it accepts the app's
websocket only from its own pages (Origin), so another site open in the same browser cannot drive it.
Bound to any other address it requires a token: every request, pages, scripts and the websocket alike,
must carry it, else the answer is an empty 403. The token comes once in the address
(`/?token=…`); the server then sets a cookie holding an HMAC of it (HttpOnly, SameSite=Strict) and
redirects to the address without the token, so it stays out of the history and of later requests.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import shlex
import sys
import unicodedata
import urllib.parse
from pathlib import Path

import jinja2
import textual_serve
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("factcheck.serve")

TEMPLATES = Path(__file__).parent / "templates"
TEXTUAL_STATIC = Path(textual_serve.__file__).parent / "static"
COOKIE = "factcheck_session"
MAX_NAME = 64
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or address to bind to) reaches this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def reviewer_name(value: str | None) -> str | None:
    """The reviewer name a browser asked for, cleaned, or None if it is not one: 1 to 64 characters, no
    control characters, no slash (it is a path segment of the websocket address)."""
    name = " ".join((value or "").split())
    if not name or len(name) > MAX_NAME or "/" in name:
        return None
    if any(unicodedata.category(c).startswith("C") for c in name):
        return None
    return name


class ReviewServer(Server):
    """textual-serve's server with a review app per browser session, a reviewer name per session, and the
    access rules of the module docstring."""

    def __init__(self, db_path: str | Path, *, host: str = "localhost", port: int = 8000, token: str | None = None):
        super().__init__("factcheck review", host=host, port=port, title="factcheck review",
                         statics_path=TEXTUAL_STATIC, templates_path=TEMPLATES)
        self.db_path = Path(db_path).resolve()
        self.token = token
        self.loopback = is_loopback(host)
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        self.sockets: set[web.WebSocketResponse] = set()  # the open sessions, closed when the server stops

    # -- what a session runs -------------------------------------------------------------------------------
    def command_for(self, reviewer: str) -> str:
        """The shell command textual-serve starts for a session: every argument quoted, so a reviewer name is
        one argument and never shell syntax."""
        return shlex.join(
            [sys.executable, "-m", "factcheck", "--db", str(self.db_path), "review", "--reviewer", reviewer]
        )

    def session_cookie(self) -> str:
        return hmac.new(self.token.encode(), b"factcheck serve session", hashlib.sha256).hexdigest()

    # -- the web application ---------------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{reviewer}", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """The access rules (module docstring), before any handler: a request that fails them gets an empty 403."""
        if self.loopback and request.url.host not in (*LOOPBACK_NAMES, "127.0.0.1", "::1", "[::1]"):
            raise web.HTTPForbidden()
        if self.token is not None:
            given = request.query.get("token")
            if given is not None:
                if not hmac.compare_digest(given.encode(), self.token.encode()):
                    raise web.HTTPForbidden()
                without_token = request.rel_url.with_query([(k, v) for k, v in request.query.items() if k != "token"])
                response = web.HTTPFound(str(without_token))
                response.set_cookie(COOKIE, self.session_cookie(), httponly=True, samesite="Strict", path="/")
                raise response
            if not hmac.compare_digest(request.cookies.get(COOKIE, "").encode(), self.session_cookie().encode()):
                raise web.HTTPForbidden()
        origin = request.headers.get("Origin")
        if request.path.startswith("/ws/") and origin and urllib.parse.urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden()
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The reviewer's name form, or with `?reviewer=NAME` the page that runs the app for NAME."""
        asked = request.query.get("reviewer")
        name = reviewer_name(asked)
        if name is None:
            error = None if asked is None else f"Not a name for the audit log: 1 to {MAX_NAME} characters, no /."
            return self.page("reviewer.html", error=error, asked=asked or "")
        websocket = request.app.router["websocket"].url_for(reviewer=name)
        scheme = "wss" if request.secure else "ws"
        return self.page(
            "app.html",
            reviewer=name,
            font_size=to_int(request.query.get("fontsize", "16"), 16),
            static_url=str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/",
            websocket_url=f"{scheme}://{request.host}{websocket}",
        )

    def page(self, template: str, **context) -> web.Response:
        html = self.templates.get_template(template).render(**context)
        return web.Response(text=html, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: its own review app process for its reviewer (textual-serve's session loop)."""
        reviewer = reviewer_name(request.match_info["reviewer"])
        if reviewer is None:
            raise web.HTTPBadRequest()
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command_for(reviewer),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            log.info("session for reviewer %r opened", reviewer)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if app_service is not None:
                await app_service.stop()
                log.info("session for reviewer %r closed", reviewer)
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        pass  # the command line says where to open it; textual-serve's banner would name the wrong address

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping the server ends every session (its app quits) instead of waiting for browsers to leave."""
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
