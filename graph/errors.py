"""The project's error types; every user-facing message lives in one of these.

Hierarchy::

    KgError                  base; the CLI turns it into one line and exit code 1
    ├── InputError           a file or folder that cannot be read as an article
    ├── StoreError           the store cannot be opened, is busy, or is not ours
    ├── QueryError           a SPARQL query that is malformed or refused
    └── GoldFileError        a gold file that does not follow CONTRACT.md section 5

Messages say what failed, where, and what to do.  Only ``cli.py`` and
``server.py`` turn these into exit codes or HTTP statuses.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(KgError):
    """A source that cannot be read; the build skips it and goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(KgError):
    """The store cannot be opened or written."""


class QueryError(KgError):
    """A query that is malformed, refused (updates, SERVICE), or over a limit."""


class GoldFileError(KgError):
    """A gold file that does not follow the format of CONTRACT.md section 5."""
