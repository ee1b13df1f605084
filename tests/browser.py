"""Headless Chromium for tests, driven over the Chrome DevTools Protocol: one websocket (aiohttp's client,
which textual-serve brings), a handful of commands (navigate, evaluate, key press, screenshot), no driver
binaries and nothing downloaded.

    with Chromium(executable, tmp_path / "profile") as browser:
        page = browser.page()
        page.navigate(url); page.wait_for("document.readyState === 'complete'"); page.press("v")
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import aiohttp

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


def wait_until(condition, timeout: float, what: str, interval: float = 0.05):
    """Poll `condition()` until it returns something true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g}s for {what}")
        time.sleep(interval)


class Chromium:
    """A headless Chromium with a fresh profile in `profile` (its own process; closed on exit)."""

    def __init__(self, executable: str, profile: Path, *, width: int = 1280, height: int = 800):
        self.executable, self.profile = executable, Path(profile)
        self.size = (width, height)
        self.loop = asyncio.new_event_loop()
        self.process: subprocess.Popen | None = None
        self.http: aiohttp.ClientSession | None = None

    def __enter__(self) -> "Chromium":
        self.profile.mkdir(parents=True, exist_ok=True)
        self.log = open(self.profile.parent / "chromium.log", "wb")
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={self.size[0]},{self.size[1]}",
             "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        port_file = self.profile / "DevToolsActivePort"

        def port():
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}; see {self.log.name}")
            lines = port_file.read_text().split() if port_file.exists() else []
            return lines[0] if len(lines) == 2 else None

        self.port = wait_until(port, 20, "chromium to open its DevTools port")
        return self

    def __exit__(self, *exc) -> None:
        if self.http is not None:
            self.loop.run_until_complete(self.http.close())
        self.loop.close()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def page(self) -> "Page":
        """The browser's tab."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as response:
            targets = json.load(response)
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        return Page(self.loop, self.loop.run_until_complete(self._connect(url)))

    async def _connect(self, url: str):
        self.http = aiohttp.ClientSession()
        return await self.http.ws_connect(url, max_msg_size=0)


class Page:
    """One tab: DevTools commands, each sent and answered in turn (events are skipped)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, socket) -> None:
        self.loop, self.socket = loop, socket
        self.ids = itertools.count(1)

    def send(self, method: str, timeout: float = 15, **params):
        return self.loop.run_until_complete(asyncio.wait_for(self._send(method, params), timeout))

    async def _send(self, method: str, params: dict):
        message_id = next(self.ids)
        await self.socket.send_json({"id": message_id, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json()
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def before_load(self, script: str) -> None:
        """Run `script` in every page loaded from now on, before the page's own scripts."""
        self.send("Page.addScriptToEvaluateOnNewDocument", source=script)

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> object:
        return wait_until(lambda: self.evaluate(expression), timeout, expression)

    def press(self, key: str) -> None:
        """Press and release a printable key, as a user at the keyboard."""
        code = f"Key{key.upper()}" if key.isalpha() else ""
        for event in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=event, key=key, code=code, text=key if event == "keyDown" else "",
                      windowsVirtualKeyCode=ord(key.upper()))

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path
