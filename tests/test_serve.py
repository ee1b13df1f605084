"""factcheck serve: the review app in a browser. The access rules through aiohttp's test client; the whole
thing in headless Chromium (skipped, saying why, where Chromium is not installed): the page opens, v pressed
in the page decides the first item, the decision is in the database; a second session (another reviewer)
deciding on its out-of-date view is refused, as between two terminals."""

from __future__ import annotations

import asyncio
import json
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner

from browser import Chromium, find_chromium, wait_until
from factcheck.cli import cli
from factcheck.review.pages import QueueQuery, queue_rows
from factcheck.store import open_db
from factcheck.web import ReviewServer, is_loopback, reviewer_name

ARTIFACTS = Path(__file__).parent / "artifacts"
TOKEN = "s3cret-token-for-tests"


def test_serve_refuses_other_hosts_without_a_token(desk_db):
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(desk_db), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "Error: --host 0.0.0.0 is reachable from other machines: give --token" in result.output
    short = runner.invoke(cli, ["--db", str(desk_db), "serve", "--host", "0.0.0.0", "--token", "1234"])
    assert short.exit_code == 2 and "at least 16 characters" in short.output


def test_loopback_hosts():
    assert all(map(is_loopback, ["localhost", "127.0.0.1", "127.0.1.1", "::1", "[::1]"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.20", "example.org"]))


def test_reviewer_names_are_one_argument_never_shell():
    assert reviewer_name("  Anna   Schmidt ") == "Anna Schmidt"
    assert reviewer_name("tab\there") == "tab here"
    assert [reviewer_name(n) for n in ["", "   ", "a/b", "x" * 65, "bell\x07", "anna\u202egnirts"]] == [None] * 6
    name = "anna'; touch pwned; echo \"$HOME\" `id`"
    command = ReviewServer("x.db").command_for(reviewer_name(name))
    assert shlex.split(command)[-3:] == ["review", "--reviewer", name]


def request(server: ReviewServer, calls):
    """Run `calls(client)` against the server's web application through aiohttp's test client."""

    async def run():
        async with TestClient(TestServer(await server._make_app())) as client:
            return await calls(client)

    return asyncio.run(run())


def test_with_a_token_a_browser_without_it_gets_nothing(desk_db):
    server = ReviewServer(desk_db, host="0.0.0.0", token=TOKEN)

    async def calls(client):
        paths = ["/", "/?reviewer=anna", "/static/js/textual.js", "/ws/anna", "/nothing"]
        without = [(await client.get(path)).status for path in paths]
        wrong = (await client.get("/?token=s3cret-token-for-testS&reviewer=anna")).status
        forged = (await client.get("/", cookies={"factcheck_session": TOKEN})).status
        first = await client.get(f"/?reviewer=anna&token={TOKEN}", allow_redirects=False)
        cookie = first.cookies["factcheck_session"]
        # the client now holds the session cookie
        page = await client.get(first.headers["Location"])
        script = await client.get("/static/js/textual.js")
        return without, wrong, forged, first.status, first.headers["Location"], cookie, page.status, await page.text(), script.status

    without, wrong, forged, status, location, cookie, page_status, page, script = request(server, calls)
    assert without == [403] * 5 and wrong == 403 and forged == 403
    assert status == 302 and location == "/?reviewer=anna"  # the token leaves the address
    assert TOKEN not in cookie.value and cookie["httponly"] and cookie["samesite"] == "Strict"
    assert page_status == 200 and "/ws/anna" in page and TOKEN not in page
    assert script == 200


def test_on_localhost_only_its_own_pages_reach_the_app(desk_db):
    server = ReviewServer(desk_db)

    async def calls(client):
        rebound = (await client.get("/", headers={"Host": "attacker.example"})).status
        form = await client.get("/")
        bad_name = await client.get("/?reviewer=a/b")
        cross_site = (await client.get("/ws/anna", headers={"Origin": "http://attacker.example"})).status
        return rebound, form.status, await form.text(), await bad_name.text(), cross_site

    rebound, form_status, form, bad_name, cross_site = request(server, calls)
    assert rebound == 403 and cross_site == 403
    assert form_status == 200 and 'name="reviewer"' in form
    assert "Not a name for the audit log" in bad_name and 'value="a/b"' in bad_name


# --- in a real browser ------------------------------------------------------------------------------------

# Collects what the app's websocket brings (the terminal output) in window.terminalText, so the test waits
# for what is on screen instead of sleeping.
TAP_WEBSOCKET = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.terminalText = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer) window.terminalText += decoder.decode(event.data, {stream: true});
      });
    }
  };
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(desk_db, tmp_path):
    """`factcheck serve` on the desk database, as a user starts it; its base URL."""
    port = free_port()
    log = open(tmp_path / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "--db", str(desk_db), "serve", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://localhost:{port}"

    def up():
        if process.poll() is not None:
            raise RuntimeError(f"factcheck serve exited: {(tmp_path / 'serve.log').read_text()}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError):
            return False

    wait_until(up, 15, "factcheck serve to answer")
    yield base
    process.terminate()  # as Ctrl+C would: open sessions are closed, their apps quit
    try:
        assert process.wait(10) == 0
    finally:
        process.kill()
        log.close()


class Session:
    """A second reviewer's session without a browser: textual-serve's websocket protocol spoken directly."""

    def __init__(self, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.text = ""
        self.loop.run_until_complete(self._open(url))

    async def _open(self, url):
        self.http = aiohttp.ClientSession()
        self.socket = await self.http.ws_connect(url + "?width=160&height=40")
        self.socket_reader = asyncio.ensure_future(self._read())

    async def _read(self):
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += message.data.decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 15) -> None:
        async def seen():
            while text not in self.text:
                await asyncio.sleep(0.05)

        self.loop.run_until_complete(asyncio.wait_for(seen(), timeout))

    def press(self, key: str) -> None:
        self.loop.run_until_complete(self.socket.send_str(json.dumps(["stdin", key])))

    def close(self) -> None:
        async def close():
            await self.socket.close()
            await self.http.close()
            self.socket_reader.cancel()

        self.loop.run_until_complete(close())
        self.loop.close()


def quiet(page, for_seconds: float = 0.3):
    """A condition: the page's terminal has received nothing new for `for_seconds`."""
    last = {"length": -1, "since": time.monotonic()}

    def check():
        length = page.evaluate("window.terminalText.length")
        if length != last["length"]:
            last.update(length=length, since=time.monotonic())
        return time.monotonic() - last["since"] >= for_seconds

    return check


def review_of(db_path, quote_id):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT status, reviewer, version FROM reviews WHERE quote_id = ?", [quote_id]).fetchone()


def first_item(db_path) -> dict:
    """The item the review app shows first (its own queue query)."""
    db = open_db(db_path)
    try:
        return queue_rows(db, QueueQuery(), 1)[0]
    finally:
        db.close()


def test_two_sessions_two_reviewers_one_database(served, desk_db):
    """Two sessions are two review apps with their own reviewer names on one database file: a decision made
    on a view from before the other's decision is refused, and the reviewer told who decided."""
    first = first_item(desk_db)
    ws = served.replace("http:", "ws:")
    anna, ben = Session(ws + "/ws/anna"), Session(ws + "/ws/Ben%20B.")
    try:
        for session in (anna, ben):
            session.wait_for(first["text"][:20])
        assert "reviewer: Ben B." in ben.text
        anna.press("v")
        wait_until(lambda: review_of(desk_db, first["quote_id"]), 10, "anna's decision in the database")
        assert review_of(desk_db, first["quote_id"]) == ("verified", "anna", 1)
        ben.press("v")  # on a view from before anna's decision
        ben.wait_for("anna changed this review")
        assert review_of(desk_db, first["quote_id"]) == ("verified", "anna", 1)
    finally:
        anna.close()
        ben.close()


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (apt-get install -y chromium; .ci/run does)")
def test_review_in_headless_chromium(served, desk_db, tmp_path):
    """The page opens in Chromium, v pressed in the page verifies the first item, the decision is in the
    database; the screenshot is kept in tests/artifacts/serve.png."""
    first = first_item(desk_db)
    with Chromium(find_chromium(), tmp_path / "chromium-profile") as browser:
        page = browser.page()
        page.send("Page.enable")
        page.before_load(TAP_WEBSOCKET)
        page.navigate(f"{served}/?reviewer=anna")
        page.wait_for(f"window.terminalText.includes({json.dumps(first['text'][:20])})")
        assert page.evaluate("document.title") == "factcheck review · anna"
        page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        page.press("v")
        wait_until(lambda: review_of(desk_db, first["quote_id"]), 10, "the decision in the database")
        assert review_of(desk_db, first["quote_id"]) == ("verified", "anna", 1)
        wait_until(quiet(page), 10, "the page to finish painting")
        screenshot = page.screenshot(tmp_path / "serve.png")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(screenshot, ARTIFACTS / "serve.png")
