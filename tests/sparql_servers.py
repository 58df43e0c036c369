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


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def virtuoso_missing() -> str | None:
    """Why a Virtuoso server cannot be started here, or None when it can."""
    for command in ("virtuoso-t", "isql-vt"):
        if shutil.which(command) is None:
            return f"{command} is not installed (Debian package virtuoso-opensource; make system-deps)"
    if not VIRTUOSO_INI.exists():
        return f"{VIRTUOSO_INI} is missing (Debian package virtuoso-opensource)"
    return None


class VirtuosoServer:
    """Debian's Virtuoso 7 on free ports, its database in ``folder``.

    The Debian configuration with every path moved into ``folder``; SPARQL
    Update is granted to the anonymous ``SPARQL`` user, as a site that
    loads data over its ``/sparql`` endpoint would.
    """

    def __init__(self, folder: Path, max_rows: int | None = None) -> None:
        self.folder = folder
        self.max_rows = max_rows  # ResultSetMaxRows: Virtuoso cuts longer answers
        self.sql_port = free_port()
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _ini(self) -> Path:
        db = self.folder / "db"
        db.mkdir(parents=True, exist_ok=True)
        text = VIRTUOSO_INI.read_text(encoding="utf-8")
        text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{db}/")
        lines = []
        section = ""
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("["):
                section = stripped
            key = stripped.split("=")[0].strip()
            if key == "ServerPort" and section == "[Parameters]":
                line = f"ServerPort = {self.sql_port}"
            elif key == "ServerPort" and section == "[HTTPServer]":
                line = f"ServerPort = {self.port}"
            elif key == "DefaultHost" and section == "[URIQA]":
                line = f"DefaultHost = 127.0.0.1:{self.port}"
            elif key == "ResultSetMaxRows" and self.max_rows is not None:
                line = f"ResultSetMaxRows = {self.max_rows}"
            lines.append(line)
        ini = self.folder / "virtuoso.ini"
        ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return ini

    def start(self, wait_s: float = 120) -> VirtuosoServer:
        ini = self._ini()
        self.proc = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=self.folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError(f"Virtuoso did not answer on port {self.port}")
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'
        subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={grant}"],
                       check=True, capture_output=True, timeout=60)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None
