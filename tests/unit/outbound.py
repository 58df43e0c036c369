"""A loopback listener that records every connection made to it.

Security tests point ``SERVICE`` clauses, JSON-LD contexts and the like at it
and then assert that nothing connected: a refusal proven by silence on the
wire, not by the absence of an exception.  It answers each connection with an
empty SPARQL JSON result, so that a query which does get out completes (and
the test sees the connection) instead of hanging.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType

_REPLY = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    b"Content-Length: 46\r\nConnection: close\r\n\r\n"
    b'{"head":{"vars":[]},"results":{"bindings":[]}}'
)


class Listener:
    """``with Listener() as ear: ... ear.url ... assert ear.connections == 0``."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def connections(self) -> int:
        return len(self.requests)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.requests.append(conn.recv(65536))
                    conn.sendall(_REPLY)
                except OSError:
                    self.requests.append(b"")

    def __enter__(self) -> Listener:  # noqa: PYI034 (Python 3.10 has no typing.Self)
        self._thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()
