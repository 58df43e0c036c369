"""Real SPARQL servers for the remote-store tests (tests/unit/test_remote.py, e2e).

``OxigraphServer`` runs ``oxigraph serve`` from the ``oxigraph`` package on
PyPI (the test extra installs it) on a free port of 127.0.0.1, in memory
unless given a folder.  Tests that need one skip, with the reason, when the
command is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_command() -> str | None:
    """The ``oxigraph`` server command: beside this Python, or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` on 127.0.0.1:port; ``start``/``stop`` may repeat on one port."""

    def __init__(self, port: int | None = None, location: Path | None = None) -> None:
        command = oxigraph_command()
        if command is None:
            raise RuntimeError("the oxigraph command is not installed (pip install '.[test]')")
        self.command = command
        self.port = port or free_port()
        self.location = location
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    def start(self) -> OxigraphServer:
        args = [self.command, "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.location is not None:
            args += ["--location", str(self.location)]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def update(self, text: str) -> None:
        """Run a SPARQL Update directly (to plant foreign data or wipe the server)."""
        data = urllib.parse.urlencode({"update": text}).encode()
        with urllib.request.urlopen(urllib.request.Request(self.update_url, data=data), timeout=10):
            pass
