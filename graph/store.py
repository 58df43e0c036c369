"""The on-disk store: source records in SQLite, the graph in Oxigraph generations.

Layout of a store folder (docs/GRAPH.md, "The store")::

    DIR/records.sqlite   ground truth: one row per source text (sha256) with its
                         DocumentExtraction as JSON, the names it was read under,
                         and the build runs; WAL mode, one transaction per call
    DIR/graph-N/         an Oxigraph database: the graph computed from the records
    DIR/CURRENT          the name of the current generation ("graph-N")
    DIR/lock             flock'd by the one process allowed to write

Why generations: a graph is written into a fresh folder and only then made
current by replacing ``CURRENT`` atomically (write a temporary file, then
``os.replace``), so a reader never sees a half-written graph and a ``kill -9``
at any moment leaves either the old or the new graph, both whole.  The SQLite
records commit one document per transaction; a ``dirty`` flag, set in the same
transactions, records that the graph lags behind them, so a crash between
"records written" and "graph written" is repaired by the next build.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import json
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError
from graph.mapping import ontology_quads
from graph.model import BuildInfo, DocumentExtraction, StoredSource

DEFAULT_STORE = ".kg"
RECORDS = "records.sqlite"
CURRENT = "CURRENT"
LOCK = "lock"
FORMAT = "kg-news-store-1"
_GENERATION = re.compile(r"graph-(\d+)\Z")
_HEX = re.compile(r"[0-9a-f]+\Z")
_BATCH = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY,
    extraction TEXT NOT NULL,
    run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS identifiers (
    identifier TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES sources(sha256) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS identifiers_sha ON identifiers(sha256);
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, info TEXT NOT NULL);
"""


def normalise_identifier(ref: str) -> str:
    """The form paths are compared in: ``./a//b.txt`` and ``a/b.txt`` are one path."""
    if "://" in ref:
        return ref
    return os.path.normpath(ref)


class GraphStore:
    """A store folder: source records plus the current graph generation.

    Open with ``GraphStore.open``; write only inside ``with store.writing():``
    so that two ``kg build`` runs never interleave.  Every method raises
    ``StoreError`` (never ``sqlite3`` or ``OSError`` errors) for storage
    problems, with a one-line message.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._conn = conn
        self._db_lock = threading.RLock()
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._graph: ox.Store | None = None
        self._graph_name: str | None = None
        self._graph_stamp: tuple[int, ...] | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = DEFAULT_STORE,
        *,
        create: bool = False,
        read_only: bool = False,
    ) -> GraphStore:
        """Open the store at ``path``, creating it when ``create`` is true.

        Raises ``StoreError`` when the folder is missing (and not ``create``),
        is not a kg store (other files and no records.sqlite: nothing is
        changed), is corrupt, or cannot be written when writing is asked for.
        """
        root = Path(path)
        records = root / RECORDS
        if root.exists() and not root.is_dir():
            raise StoreError(f"store {root} is a file, not a folder; choose another --store")
        if not records.exists():
            if root.is_dir() and any(root.iterdir()):
                raise StoreError(
                    f"{root} is not a kg store (it holds other files and no {RECORDS}); "
                    "choose another --store"
                )
            if not create:
                raise StoreError(f"no store at {root}: run `kg build PATH... --store {root}` first")
            if read_only:
                raise StoreError(f"cannot create store {root} read-only")
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"cannot create store {root}: {err.strerror or err}") from None
        if not read_only and not os.access(root, os.W_OK):
            raise StoreError(f"store {root} is read-only; open it read-only or fix its permissions")
        conn = _connect(records, read_only)
        return cls(root, conn, read_only)

    def close(self) -> None:
        """Release the database, the graph and the writer lock, if held."""
        with self._db_lock:
            self._graph = None
            self._graph_name = None
            self._conn.close()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None
                self._lock_depth = 0

    def __enter__(self) -> GraphStore:  # noqa: PYI034 - Self needs Python 3.11
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writer lock

    @contextmanager
    def writing(self, *, wait_seconds: float = 0) -> Iterator[None]:
        """Hold the store's exclusive writer lock (``flock`` on DIR/lock).

        Waits up to ``wait_seconds`` for another writer to finish, then raises
        ``StoreError``.  Re-entrant within one ``GraphStore``.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        if self._lock_depth == 0:
            self._lock_fd = _acquire(self.path / LOCK, wait_seconds, self.path)
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0 and self._lock_fd is not None:
                os.close(self._lock_fd)  # closing the descriptor drops the flock
                self._lock_fd = None

    # ------------------------------------------------------------ records

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One SQLite transaction; storage errors become ``StoreError``."""
        with self._db_lock:
            try:
                with self._conn:
                    yield self._conn
            except sqlite3.DatabaseError as err:
                raise StoreError(f"store {self.path}: {_one_line(err)}") from None

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._db_lock:
            try:
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as err:
                raise StoreError(f"store {self.path}: {_one_line(err)}") from None

    def sha_for_identifier(self, identifier: str) -> str | None:
        """The sha256 of the text last read under ``identifier``, if any."""
        rows = self._query(
            "SELECT sha256 FROM identifiers WHERE identifier = ?",
            (normalise_identifier(identifier),),
        )
        return rows[0][0] if rows else None

    def has_source(self, sha256: str) -> bool:
        """Whether a source with this text is stored."""
        return bool(self._query("SELECT 1 FROM sources WHERE sha256 = ?", (sha256,)))

    def put_source(self, extraction: DocumentExtraction, identifier: str, run_id: str) -> None:
        """Store one document's extraction, read under ``identifier``, in one transaction.

        The identifier moves to this text; a text left with no identifier is
        deleted with it (the file changed: its old facts are retracted).
        """
        sha = extraction.article.sha256
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO sources(sha256, extraction, run_id) VALUES (?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET extraction = excluded.extraction, "
                "run_id = excluded.run_id",
                (sha, data, run_id),
            )
            _attach(conn, sha, normalise_identifier(identifier))
            _set_dirty(conn)

    def add_identifier(self, sha256: str, identifier: str) -> None:
        """Record that the text ``sha256`` was also read under ``identifier``.

        An identifier names one text at a time: moving it detaches it from
        its old text, which is deleted if it has no name left.
        """
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM sources WHERE sha256 = ?", (sha256,)).fetchone() is None:
                raise StoreError(f"store {self.path} has no source {sha256[:12]}")
            _attach(conn, sha256, normalise_identifier(identifier))
            _set_dirty(conn)

    def detach_identifier(self, identifier: str) -> str | None:
        """Forget ``identifier``; return the sha it named (deleted if left nameless)."""
        with self._tx() as conn:
            sha = _detach(conn, normalise_identifier(identifier))
            if sha is not None:
                _set_dirty(conn)
            return sha

    def remove_sources(self, refs: Sequence[str]) -> tuple[list[str], list[str]]:
        """Retract sources named by identifier, path, folder, sha256 or sha prefix.

        A path or identifier detaches that one name (the text stays while it
        has other names); a sha256 (or a unique prefix of at least 8 hex
        digits) removes the text under all its names.  A folder removes every
        identifier below it.  Returns (shas removed, refs that matched nothing),
        all in one transaction.
        """
        removed: set[str] = set()
        unknown: list[str] = []
        with self._tx() as conn:
            for ref in refs:
                hit = self._remove_one(conn, ref, removed)
                if not hit:
                    unknown.append(ref)
            if removed or len(unknown) < len(refs):
                _set_dirty(conn)
        return sorted(removed), unknown

    def _remove_one(self, conn: sqlite3.Connection, ref: str, removed: set[str]) -> bool:
        names = _identifiers_for_ref(conn, ref)
        if names:
            for name in names:
                sha = conn.execute(
                    "SELECT sha256 FROM identifiers WHERE identifier = ?", (name,)
                ).fetchone()[0]
                _detach(conn, name)
                if not _source_exists(conn, sha):
                    removed.add(sha)
            return True
        sha = _sha_for_ref(conn, ref)
        if sha is None:
            return False
        conn.execute("DELETE FROM identifiers WHERE sha256 = ?", (sha,))
        conn.execute("DELETE FROM sources WHERE sha256 = ?", (sha,))
        removed.add(sha)
        return True

    def sources(self) -> Iterator[StoredSource]:
        """Every stored source, sorted by sha256, read a few at a time."""
        last = ""
        while True:
            rows = self._query(
                "SELECT sha256, extraction, run_id FROM sources WHERE sha256 > ? "
                "ORDER BY sha256 LIMIT ?",
                (last, _BATCH),
            )
            if not rows:
                return
            for sha, data, run_id in rows:
                names = [r[0] for r in self._query(
                    "SELECT identifier FROM identifiers WHERE sha256 = ? ORDER BY identifier",
                    (sha,),
                )]
                try:
                    extraction = DocumentExtraction.from_dict(json.loads(data))
                except (ValueError, KeyError, TypeError) as err:
                    raise StoreError(
                        f"store {self.path}: record {sha[:12]} is corrupt ({_one_line(err)})"
                    ) from None
                yield StoredSource(extraction, tuple(names), run_id)
                last = sha

    def source_count(self) -> int:
        """How many source texts are stored."""
        return int(self._query("SELECT count(*) FROM sources")[0][0])

    def put_run(self, info: BuildInfo) -> None:
        """Record a build run (its ``prov:Activity``)."""
        data = json.dumps(info.__dict__, sort_keys=True)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO runs(run_id, info) VALUES (?, ?) "
                "ON CONFLICT(run_id) DO UPDATE SET info = excluded.info",
                (info.run_id, data),
            )

    def runs(self) -> list[BuildInfo]:
        """Every recorded build run, oldest first."""
        rows = self._query("SELECT info FROM runs")
        infos = [BuildInfo(**json.loads(r[0])) for r in rows]
        return sorted(infos, key=lambda i: (i.started, i.run_id))

    def mark_dirty(self) -> None:
        """Record that the graph no longer reflects the records."""
        with self._tx() as conn:
            _set_dirty(conn)

    def is_dirty(self) -> bool:
        """Whether records changed since the graph was last written (survives a crash)."""
        rows = self._query("SELECT value FROM meta WHERE key = 'dirty'")
        return bool(rows) and rows[0][0] == "1"

    # ------------------------------------------------------------ graph

    def generations(self) -> list[int]:
        """The numbers of the graph-N folders present, ascending."""
        numbers = []
        for child in self.path.iterdir():
            match = _GENERATION.match(child.name)
            if match and child.is_dir():
                numbers.append(int(match.group(1)))
        return sorted(numbers)

    def current_generation(self) -> str | None:
        """The folder name of the current graph, or None before the first build."""
        try:
            name = (self.path / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as err:
            raise StoreError(f"store {self.path}: cannot read {CURRENT}: {err}") from None
        if not _GENERATION.match(name) or not (self.path / name).is_dir():
            raise StoreError(f"store {self.path} is corrupt: {CURRENT} names {name!r}")
        return name

    def replace_graph(self, quads: Iterable[ox.Quad]) -> int:
        """Write ``quads`` as a new graph generation and make it current.

        The new generation is fully written and flushed before ``CURRENT``
        switches to it (atomic rename), then the dirty flag is cleared and
        generations older than the previous one are deleted (the previous one
        stays for readers that still have it open).  Returns the triple count.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        with self.writing():
            current = self.current_generation()
            self._delete_generations(keep={current})
            number = max(self.generations(), default=0) + 1
            name = f"graph-{number}"
            count = _write_generation(self.path / name, quads)
            _switch_current(self.path, name)
            with self._tx() as conn:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '0')")
            self._graph = None
            self._delete_generations(keep={current, name})
            return count

    def _delete_generations(self, keep: set[str | None]) -> None:
        for number in self.generations():
            name = f"graph-{number}"
            if name not in keep:
                shutil.rmtree(self.path / name, ignore_errors=True)

    def graph(self) -> ox.Store:
        """The current graph, opened read-only (the ontology alone before any build).

        Re-opened when another process has switched ``CURRENT`` since.
        """
        return self.graph_and_generation()[0]

    def graph_and_generation(self) -> tuple[ox.Store, str | None]:
        """The current graph and the name of its generation, read together so
        that a caller can remember facts about this very graph (None: no build yet)."""
        with self._db_lock:
            stamp = _stamp(self.path / CURRENT)
            if stamp is not None and stamp == self._graph_stamp and self._graph is not None:
                # CURRENT untouched: reading and checking it again costs more than a small query
                return self._graph, self._graph_name
            name = self.current_generation()
            self._graph_stamp = None
            if name is None:
                if self._graph is None or self._graph_name is not None:
                    empty = ox.Store()
                    empty.extend(ontology_quads())
                    self._graph, self._graph_name = empty, None
                return self._graph, None
            if self._graph is None or self._graph_name != name:
                try:
                    self._graph = ox.Store.read_only(str(self.path / name))
                except (OSError, RuntimeError) as err:  # RocksDB reports corruption as RuntimeError
                    raise StoreError(
                        f"store {self.path}: cannot open {name}: {_one_line(err)}"
                    ) from None
                self._graph_name = name
            self._graph_stamp = stamp
            return self._graph, name


# ---------------------------------------------------------------- helpers

def _stamp(path: Path) -> tuple[int, ...] | None:
    """What changes when ``CURRENT`` is switched: it is replaced by a new file
    (a new inode, new times), never rewritten in place."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _connect(records: Path, read_only: bool) -> sqlite3.Connection:
    """Open records.sqlite (creating its tables when writable) and check it is ours."""
    try:
        if read_only:
            conn = _connect_read_only(records)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "meta" not in tables:  # another program's database (or an empty file)
                conn.close()
                raise StoreError(
                    f"store {records.parent}: {RECORDS} is not a kg store; choose another --store"
                )
        else:
            conn = sqlite3.connect(records, check_same_thread=False, timeout=30)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "meta" not in tables:  # another program's database: change nothing
                conn.close()
                raise StoreError(
                    f"store {records.parent}: {RECORDS} is not a kg store; choose another --store"
                )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            with conn:
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('format', ?)", (FORMAT,))
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as err:
        message = _one_line(err)
        if "readonly" in message or "read-only" in message:
            raise StoreError(f"store {records.parent} is read-only: {message}") from None
        raise StoreError(f"store {records.parent} is corrupt or unreadable: {message}") from None
    if row is None or row[0] != FORMAT:
        conn.close()
        raise StoreError(f"store {records.parent}: {RECORDS} is not a kg store of format {FORMAT}")
    return conn


def _connect_read_only(records: Path) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when even the WAL index cannot be written."""
    uri = records.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def _acquire(lock_path: Path, wait_seconds: float, root: Path) -> int:
    """Take the exclusive flock, polling until ``wait_seconds`` have passed."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StoreError(f"store {root}: cannot open its lock: {err.strerror or err}") from None
    deadline = time.monotonic() + max(wait_seconds, 0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise StoreError(f"store {root}: cannot lock: {err.strerror or err}") from None
        if time.monotonic() >= deadline:
            os.close(fd)
            raise StoreError(
                f"store {root} is busy: another kg build or remove is writing to it; "
                "try again when it has finished"
            )
        time.sleep(min(0.05, max(deadline - time.monotonic(), 0.001)))


def _set_dirty(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '1')")


def _source_exists(conn: sqlite3.Connection, sha: str) -> bool:
    return conn.execute("SELECT 1 FROM sources WHERE sha256 = ?", (sha,)).fetchone() is not None


def _attach(conn: sqlite3.Connection, sha: str, identifier: str) -> None:
    """Point ``identifier`` at ``sha``, deleting the text it leaves if nameless."""
    old = conn.execute(
        "SELECT sha256 FROM identifiers WHERE identifier = ?", (identifier,)
    ).fetchone()
    if old is not None and old[0] == sha:
        return
    if old is not None:
        _detach(conn, identifier)
    conn.execute("INSERT INTO identifiers(identifier, sha256) VALUES (?, ?)", (identifier, sha))


def _detach(conn: sqlite3.Connection, identifier: str) -> str | None:
    row = conn.execute(
        "SELECT sha256 FROM identifiers WHERE identifier = ?", (identifier,)
    ).fetchone()
    if row is None:
        return None
    sha = row[0]
    conn.execute("DELETE FROM identifiers WHERE identifier = ?", (identifier,))
    left = conn.execute("SELECT 1 FROM identifiers WHERE sha256 = ?", (sha,)).fetchone()
    if left is None:
        conn.execute("DELETE FROM sources WHERE sha256 = ?", (sha,))
    return str(sha)


def _identifiers_for_ref(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Identifiers a ref names: itself, its normalised path, or all below a folder."""
    candidates = {ref, normalise_identifier(ref)}
    if "://" not in ref:
        absolute = os.path.abspath(ref)
        candidates.add(absolute)
        candidates.add(os.path.relpath(absolute))
    found = sorted(
        c for c in candidates
        if conn.execute("SELECT 1 FROM identifiers WHERE identifier = ?", (c,)).fetchone()
    )
    if found:
        return found
    folder = normalise_identifier(ref).rstrip("/")
    if "://" in ref or not folder or folder == ".":
        return []
    pattern = folder.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
    rows = conn.execute(
        "SELECT identifier FROM identifiers WHERE identifier LIKE ? ESCAPE '\\' "
        "ORDER BY identifier",
        (pattern,),
    ).fetchall()
    return [r[0] for r in rows]


def _sha_for_ref(conn: sqlite3.Connection, ref: str) -> str | None:
    """The sha256 a ref names: the full hash or a unique prefix of at least 8 hex digits."""
    ref = ref.lower()
    if len(ref) < 8 or len(ref) > 64 or not _HEX.match(ref):
        return None
    rows = conn.execute(
        "SELECT sha256 FROM sources WHERE substr(sha256, 1, ?) = ? LIMIT 2", (len(ref), ref)
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


#: Quads handed to Oxigraph's bulk loader at once.  The loader buffers all it
#: is given before it writes, so one call with the whole graph held the whole
#: graph in memory (386 MiB for 378k quads); in chunks of this size the
#: rewrite's memory stays flat (160 MiB) whatever the graph's size.
BULK_CHUNK = 50_000


def _write_generation(folder: Path, quads: Iterable[ox.Quad]) -> int:
    """Write a complete Oxigraph database at ``folder``; return its triple count."""
    try:
        if folder.exists():
            shutil.rmtree(folder)
        db = ox.Store(str(folder))
        stream = iter(quads)
        while chunk := list(itertools.islice(stream, BULK_CHUNK)):
            db.bulk_extend(chunk)
        # Each chunk is its own set of sorted files; compacting them once (0.6 s
        # for 378k quads) gives queries and export the speed of a single load
        # (without it they ran 1.2x to 1.5x slower than native pyoxigraph).
        db.optimize()
        db.flush()
        count = len(db)
        del db  # closes RocksDB before the folder becomes visible to readers
    except (OSError, RuntimeError) as err:  # RocksDB reports a full disk as RuntimeError too
        raise StoreError(f"cannot write graph {folder}: {_one_line(err)}") from None
    return count


def _switch_current(root: Path, name: str) -> None:
    """Point CURRENT at ``name`` atomically (write, fsync, rename, fsync folder)."""
    tmp = root / (CURRENT + ".tmp")
    try:
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, root / CURRENT)
        dir_fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as err:
        raise StoreError(f"store {root}: cannot switch graph: {err.strerror or err}") from None
