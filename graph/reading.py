"""Files and folders -> ``Article``: the first stage of the pipeline.

Reading never stops a build: a source that cannot be read becomes a
``Skipped`` record with a one-line reason, and the build goes on with the rest.

What an ``Article`` promises later stages:

* ``text`` is exactly what offsets point into: the decoded file (line endings
  untouched, a byte-order mark stripped), or the text extracted from HTML, or a
  JSON Lines record's ``text``.  ``sha256`` is of ``text`` as UTF-8, so the
  same text read under two names is one source.
* ``title``, ``date`` (ISO ``YYYY-MM-DD``), ``publisher``, ``dateline`` come
  from the container (HTML ``<meta>``, JSON fields) when it has them, else from
  the text itself, through the pattern tables below.
* ``skip_spans`` mark boilerplate ("Category", "Also Read: ...", copyright
  lines) that extraction must not mine for facts.

The patterns are tables of regular expressions in general English, so that a
new kind of dateline or boilerplate line is one more row, not a new branch.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from html.parser import HTMLParser

from .model import Article, Span

__all__ = [
    "SUFFIXES",
    "Skipped",
    "article_from_text",
    "decode_bytes",
    "extract_html",
    "find_dateline",
    "find_publisher",
    "find_skip_spans",
    "guess_title",
    "iter_sources",
    "markdown_title",
    "parse_date",
    "read_articles",
    "read_file",
]


@dataclass(frozen=True)
class Skipped:
    """A source that could not be read; the build reports it and goes on."""

    path: str
    reason: str  # one line, human readable


# ---------------------------------------------------------------------------
# Finding sources
# ---------------------------------------------------------------------------

#: File name endings read when a folder is walked (compared in lower case).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".jsonl.gz")

_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


def _has_suffix(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.lower().endswith(suffixes)


def iter_sources(paths: Sequence[str]) -> Iterator[str | Skipped]:
    """Expand files and folders into the files to read, in a deterministic order.

    A file named explicitly is read whatever its extension (as plain text when
    the extension is unknown); inside folders only ``SUFFIXES`` are kept, other
    files are ignored silently, and so are hidden names (``.git``, ``.venv``,
    the store ``.kg``), which are never articles.  Folders are walked without
    recursion, entries sorted by name, and every folder's real path is
    remembered so that symbolic-link loops end instead of hanging.
    """
    for path in paths:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            reason = "broken symbolic link" if os.path.islink(path) else "no such file or folder"
            yield Skipped(path, reason)
            continue
        except OSError as exc:
            yield Skipped(path, _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(path)
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield Skipped(path, "not a regular file (device, socket or pipe)")


def _walk_folder(root: str) -> Iterator[str | Skipped]:
    """Depth-first, name-sorted walk of ``root`` with an explicit stack."""
    seen: set[str] = {os.path.realpath(root)}
    stack: list[Iterator[tuple[str, bool]]] = []
    listing = _list_folder(root)
    if isinstance(listing, Skipped):
        yield listing
        return
    stack.append(iter(listing))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, is_dir = entry
        if not is_dir:
            yield path
            continue
        real = os.path.realpath(path)
        if real in seen:
            yield Skipped(path, "symbolic link to a folder already read (link loop?)")
            continue
        seen.add(real)
        listing = _list_folder(path)
        if isinstance(listing, Skipped):
            yield listing
        else:
            stack.append(iter(listing))


def _list_folder(folder: str) -> list[tuple[str, bool]] | Skipped:
    """The folder's visible entries worth reading, sorted, as (path, is_folder)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return Skipped(folder, f"cannot read folder: {_os_reason(exc)}")
    out: list[tuple[str, bool]] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir():  # follows symbolic links; loops caught by real path
                out.append((path, True))
            elif _has_suffix(entry.name, SUFFIXES):
                out.append((path, False))
        except OSError:
            if _has_suffix(entry.name, SUFFIXES):
                out.append((path, False))  # read_file reports the reason
    return out


def _os_reason(exc: OSError) -> str:
    """One line for an OS error, without the path (the caller has it)."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    return (exc.strerror or exc.__class__.__name__).lower()


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------


def read_articles(paths: Sequence[str]) -> Iterator[Article | Skipped]:
    """Every article under ``paths``: one per file, one per JSON Lines line."""
    for source in iter_sources(paths):
        if isinstance(source, Skipped):
            yield source
        else:
            yield from _iter_file(source)


def read_file(path: str) -> list[Article | Skipped]:
    """The articles of one file (several for JSON Lines), or why it was skipped."""
    return list(_iter_file(path))


def _iter_file(path: str) -> Iterator[Article | Skipped]:
    if _has_suffix(path, _JSONL_SUFFIXES):
        yield from _iter_jsonl(path)
        return
    data = _read_bytes(path)
    if isinstance(data, Skipped):
        yield data
        return
    if _has_suffix(path, _HTML_SUFFIXES):
        article = _article_from_html_bytes(path, data)
    else:
        media_type = "text/markdown" if _has_suffix(path, _MARKDOWN_SUFFIXES) else "text/plain"
        article = _article_from_text_bytes(path, data, media_type)
    del data  # the bytes go before the article is parsed: a long text is held once, as text
    yield article


def _read_bytes(path: str) -> bytes | Skipped:
    """The file's bytes, read once; a non-regular file is refused (a pipe would block)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        gone = "broken symbolic link" if os.path.islink(path) else "file vanished before it could be read"
        return Skipped(path, gone)
    except OSError as exc:
        return Skipped(path, _os_reason(exc))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return Skipped(path, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            return Skipped(path, "not a regular file (device, socket or pipe)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        return Skipped(path, _os_reason(exc))
    finally:
        os.close(fd)


def _article_from_text_bytes(path: str, data: bytes, media_type: str) -> Article | Skipped:
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        return Skipped(path, decoded)
    text, encoding = decoded
    if not text or text.isspace():  # no stripped copy of a long text
        return Skipped(path, "empty file")
    return article_from_text(path, text, media_type=media_type, encoding=encoding)


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

#: Leading bytes of formats that are not text, and the name given in the reason.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\x7fELF", "ELF executable"),
)

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str] | str:
    """Decode a file's bytes: ``(text, encoding used)``, or why it is not text.

    A byte-order mark decides (and is stripped); otherwise UTF-8, then the
    charset the document declares (HTML), then cp1252, then latin-1, which
    never fails.  NUL bytes without a UTF-16/32 mark mean binary data.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return f"invalid {codec.upper()} text after its byte-order mark"
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"binary file ({kind}), not text"
    if b"\x00" in data:
        return "binary file (NUL bytes), not text"
    return _decode_without_bom(data, declared)


def _decode_without_bom(data: bytes, declared: str | None = None) -> tuple[str, str]:
    candidates = ["utf-8"]
    if declared and not declared.lower().startswith(("utf-16", "utf-32", "utf16", "utf32")):
        candidates.append(declared)
    candidates += ["cp1252", "latin-1"]
    for codec in candidates:
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------

#: JSON fields copied onto the article, when they are strings.
_JSON_FIELDS = ("title", "date", "url", "publisher")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _iter_jsonl(path: str) -> Iterator[Article | Skipped]:
    """Stream a JSON Lines file (gzip when it ends in ``.gz``), one article per line."""
    refused = _refuse_jsonl(path)
    if refused is not None:
        yield refused
        return
    try:
        handle = _open_jsonl(path)
    except OSError as exc:
        yield Skipped(path, _os_reason(exc))
        return
    with handle:
        lines = _numbered_lines(handle)
        while True:
            try:
                item = next(lines, None)
            except (gzip.BadGzipFile, zlib.error) as exc:
                yield Skipped(path, f"not a valid gzip file ({exc})")
                return
            except EOFError:
                yield Skipped(path, "gzip file ends early (truncated); lines before the end were read")
                return
            except OSError as exc:
                yield Skipped(path, _os_reason(exc))
                return
            if item is None:
                return
            lineno, raw = item
            if raw.strip():
                yield _article_from_json_line(path, lineno, raw)


def _open_jsonl(path: str) -> io.BufferedIOBase:
    """A binary stream of the file's lines, decompressed when it is gzip."""
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")
    return open(path, "rb")  # closed by the caller's ``with``


def _refuse_jsonl(path: str) -> Skipped | None:
    """Why a JSON Lines file cannot be streamed at all (not a regular file,
    binary data), so that a renamed PDF gives one reason, not one per line."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return Skipped(path, "not a regular file (device, socket or pipe)")
        if path.lower().endswith(".gz"):
            return None
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        return Skipped(path, _os_reason(exc))
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return Skipped(path, f"binary file ({kind}), not text")
    return None


def _numbered_lines(handle: io.BufferedIOBase) -> Iterator[tuple[int, bytes]]:
    for lineno, raw in enumerate(handle, start=1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        yield lineno, raw


def _article_from_json_line(path: str, lineno: int, raw: bytes) -> Article | Skipped:
    where = f"{path}:{lineno}"
    line, encoding = _decode_without_bom(raw)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Skipped(where, "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return Skipped(where, "invalid JSON Lines record: not an object")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(where, "invalid JSON Lines record: no 'text' string")
    if not text or text.isspace():
        return Skipped(where, "empty text")
    fields: dict[str, str] = {}
    for key in _JSON_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            fields[key] = value.strip()
    identifier = fields.get("url") or f"{path}#L{lineno}"
    # JSON may escape lone surrogates ("\ud800"); they are not text and would
    # break every serialiser downstream, so they become U+FFFD here.
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return article_from_text(identifier, text, encoding=encoding, **fields)


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

#: Elements whose content is never article text.
HTML_SKIP_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select", "button"}
)
#: Elements allowed in <head>; any other start tag closes it (as browsers do).
_HEAD_ELEMENTS = frozenset({"title", "meta", "link", "style", "script", "noscript", "base", "template"})
#: Elements that end a paragraph: their start and end become "\n\n".
HTML_BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
#: <meta> keys (property, name or itemprop, lower case) for each field, best first.
HTML_META_KEYS: dict[str, tuple[str, ...]] = {
    "date": (
        "article:published_time", "og:article:published_time", "datepublished",
        "publishdate", "pubdate", "dc.date", "dc.date.issued", "dcterms.created", "date",
    ),
    "publisher": ("og:site_name", "dc.publisher", "publisher", "application-name"),
    "url": ("og:url",),
    "title": ("og:title",),
}  # fmt: skip

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _HtmlText(HTMLParser):
    """Collects an HTML page's visible text and metadata in one pass.

    ``html.parser`` is a tokenizer with no tree and no recursion, so a page
    nested a million levels deep or never closing its tags costs only time.
    Skipped elements are counted per name, so a stray end tag cannot make the
    rest of the page invisible.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._lines: list[str] = [""]
        self._skip: dict[str, int] = {}
        self._in_head = False
        self._in_title = False
        self._h1_depth = 0
        self._pre_depth = 0
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.h1_done = False
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.canonical: str | None = None

    # -- tags --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in _HEAD_ELEMENTS:
            self._in_head = False
        if tag == "meta":
            self._note_meta(attr)
        elif tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.canonical = self.canonical or attr.get("href") or None
        elif tag == "time" and self.time_datetime is None and not self._hidden():
            self.time_datetime = attr.get("datetime") or None
        if tag in HTML_SKIP_ELEMENTS:
            self._skip[tag] = self._skip.get(tag, 0) + 1
        elif tag == "title" and not any(self._skip.values()) and not self.title_parts:
            self._in_title = True
        elif tag == "br":
            self._lines.append("")
        if tag in HTML_BLOCK_ELEMENTS:
            self._end_paragraph()
        if tag == "h1" and not self.h1_done:
            self._h1_depth += 1
        if tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag in HTML_SKIP_ELEMENTS and self._skip.get(tag):
            self._skip[tag] -= 1
        if tag == "h1" and self._h1_depth:
            self._h1_depth -= 1
            self.h1_done = self._h1_depth == 0 and bool("".join(self.h1_parts).strip())
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        if tag in HTML_BLOCK_ELEMENTS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._hidden():
            return
        if self._in_head:
            if not data.strip():
                return
            self._in_head = False  # text in <head> means the body began
        if self._h1_depth and not self.h1_done:
            self.h1_parts.append(data)
        if self._pre_depth:
            first, *rest = data.split("\n")
            self._lines[-1] += _HTML_SPACE.sub(" ", first)
            for line in rest:
                self._lines.append(_HTML_SPACE.sub(" ", line))
        else:
            self._lines[-1] += _HTML_SPACE.sub(" ", data)

    # -- helpers --
    def _hidden(self) -> bool:
        return self._in_head or any(self._skip.values())

    def _note_meta(self, attr: dict[str, str]) -> None:
        key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
        content = attr.get("content", "").strip()
        if key and content and key not in self.meta:
            self.meta[key] = content

    def _end_paragraph(self) -> None:
        lines = [_HTML_SPACE.sub(" ", line).strip() for line in self._lines]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self._lines = [""]

    def close(self) -> None:
        super().close()
        self._end_paragraph()

    # -- results --
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def meta_value(self, field: str) -> str | None:
        for key in HTML_META_KEYS[field]:
            if key in self.meta:
                return self.meta[key]
        return None

    def title(self) -> str | None:
        for parts in (self.title_parts, self.h1_parts):
            title = _HTML_SPACE.sub(" ", "".join(parts)).strip()
            if title:
                return title
        return self.meta_value("title")


def extract_html(markup: str) -> _HtmlText:
    """Parse ``markup`` and return the collector (text and metadata)."""
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return parser


def _article_from_html_bytes(path: str, data: bytes) -> Article | Skipped:
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace") if match else None
    decoded = decode_bytes(data, declared=declared)
    if isinstance(decoded, str):
        return Skipped(path, decoded)
    markup, encoding = decoded
    if not markup or markup.isspace():
        return Skipped(path, "empty file")
    try:
        page = extract_html(markup)
    except (AssertionError, ValueError) as exc:  # html.parser's rare internal failures
        return Skipped(path, f"HTML could not be parsed ({exc})")
    text = page.text()
    if not text or text.isspace():
        return Skipped(path, "no visible text in the HTML")
    return article_from_text(
        path,
        text,
        media_type="text/html",
        encoding=encoding,
        title=page.title(),
        date=page.meta_value("date") or page.time_datetime,
        url=page.meta_value("url") or page.canonical,
        publisher=page.meta_value("publisher"),
    )


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

#: Ways of writing a date, each with named parts; tried in order by ``parse_date``.
DATE_FORMATS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?",
        rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mname>{MONTH}),?\s+(?P<year>\d{{4}})",
        rf"{_WEEKDAY}(?P<mname>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
        rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mname>{MONTH})",
        rf"{_WEEKDAY}(?P<mname>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?",
    )
)
#: Any one date, for embedding in the dateline patterns (no groups).
DATE = (
    rf"{_WEEKDAY}(?:\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}})?"
    rf"|{MONTH}\s+{_DAY}(?:,?\s+\d{{4}}(?!\d))?)"
)


def parse_date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date written in common English forms.

    A date without a year gives ``None``: guessing the year would put facts in
    the wrong one.
    """
    value = value.strip()
    for pattern in DATE_FORMATS:
        match = pattern.fullmatch(value)
        if not match:
            continue
        parts = match.groupdict()
        if not parts.get("year"):
            return None
        month = int(parts["month"]) if parts.get("month") else _MONTHS[parts["mname"][:3].lower()]
        try:
            return _date(int(parts["year"]), month, int(parts["day"])).isoformat()
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------------------
# Metadata from the text
# ---------------------------------------------------------------------------

_PLACE_WORD = r"[A-Z][\w.'’&-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}(?:,[ ]?{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}})?"
_UPPER_PLACE = (
    r"[A-Z][A-Z.'’&-]+(?:[ ][A-Z][A-Z.'’&-]*){0,3}(?:,[ ]?[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,2})?"
)
_AGENCY = r"[A-Za-z][\w.&'’ /-]{1,39}"
#: What follows a bare "PLACE —" dateline: the start of a sentence, not a label.
_SENTENCE_START = r"(?=[\"“‘']?(?:[A-Z][a-z]|A |I |\d))"
_DASH = r"(?::|[—–]|-{1,2})"

#: Datelines at the start of a line, best first.  Groups: place, date, agency.
DATELINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # "Washington, 8 November 2023 (TDI):"  "LONDON, Nov. 8 (Reuters) -"
        rf"(?P<place>{_PLACE}),\s*(?P<date>{DATE})(?:\s+\((?P<agency>{_AGENCY})\))?\s*{_DASH}",
        # "WASHINGTON (AP) —"  "NAIROBI, Kenya (Reuters) -"
        rf"(?P<place>{_PLACE})\s+\((?P<agency>{_AGENCY})\)\s*{_DASH}",
        # "KYIV, Ukraine — Russian forces..." (capitals only: a mixed-case word
        # before a dash is prose; a sentence must follow: "GST - basic food" is no dateline)
        rf"(?P<place>{_UPPER_PLACE})\s+(?:[—–]|--?)\s+{_SENTENCE_START}",
        # "Nov. 8, 2023 —", "8 November 2023 (AP):", or a line holding only the date
        rf"(?P<date>{DATE})(?:\s+\((?P<agency>{_AGENCY})\))?\s*(?:{_DASH}|$)",
        # "Published: Nov. 8, 2023"  "Updated on 8 November 2023"
        rf"(?:Published|Posted|Updated|Dated|Released)(?:\s+on)?:?\s+(?P<date>{DATE})\b",
    )
)

#: Lines naming the publisher of this copy of the text (anywhere in it).
PUBLISHER_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        (r"This (?:post|article|story|piece|report|content)\s+(?:was\s+)?(?:first\s+|originally\s+)?"
        r"(?:appeared|published)(?:\s+first|\s+originally)?\s+(?:on|in|at|by)\s+(?P<publisher>.{1,80}?)\.?"),
        r"(?:Originally|First)\s+(?:appeared|published)\s+(?:on|in|at|by)\s+(?P<publisher>.{1,80}?)\.?",
    )
)

#: How many non-empty lines at the start may hold a title, byline or dateline.
_HEAD_LINES = 4
_TITLE_MAX_CHARS = 150
_TITLE_WORDS = (3, 20)
#: First lines that read as the start of a sentence or a broken line, not a headline:
#: a sentence end, a label colon, a dangling function word or possessive, a
#: first-person opening ("I announce today that ...").
_NOT_HEADLINE = re.compile(
    r"(?:.*(?<!\b[A-Z])\.|.*:|.*\b(?:the|a|an|of|and|or|to|in|on|for|with|that|by|at|from|as)"
    r"|.*s['’]|I\b.*)",
    re.IGNORECASE,
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line's content, surrounding spaces excluded."""
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)


def find_dateline(text: str) -> tuple[str | None, str | None, str | None]:
    """(place, ISO date, agency) from a dateline near the start of ``text``."""
    for count, (start, end) in enumerate(_lines(text)):
        if count >= _HEAD_LINES:
            break
        line = text[start:end]
        for pattern in DATELINE_PATTERNS:
            match = pattern.match(line)
            if match:
                parts = match.groupdict()
                place = _normalise_place(parts["place"]) if parts.get("place") else None
                when = parse_date(parts["date"]) if parts.get("date") else None
                agency = parts["agency"].strip() if parts.get("agency") else None
                return place, when, agency
    return None, None, None


def _normalise_place(place: str) -> str:
    """"NEW YORK" -> "New York", "NAIROBI, Kenya" -> "Nairobi, Kenya"; a
    mixed-case part is kept as written, and so are abbreviations ("D.C.")."""
    parts = [part.strip() for part in place.split(",")]
    return ", ".join(
        " ".join(w if "." in w else w.title() for w in part.split()) if part == part.upper() else part
        for part in parts
    )


def find_publisher(text: str) -> str | None:
    """The publisher a trailer line names ("This post appeared first on X")."""
    found = None
    for start, end in _lines(text):
        line = text[start:end]
        for pattern in PUBLISHER_PATTERNS:
            match = pattern.fullmatch(line)
            if match:
                found = match.group("publisher").strip()
    return found


def guess_title(text: str) -> str | None:
    """The first line, when it reads like a headline.

    A headline is short, has a few words, is followed by more text, does not
    end like a sentence (".") or a label (":"), is not a dateline and is not
    boilerplate.  A long first paragraph gives no title.
    """
    lines = _lines(text)
    first = next(lines, None)
    if first is None or next(lines, None) is None:
        return None
    line = text[first[0] : first[1]]
    words = line.split()
    if len(line) > _TITLE_MAX_CHARS or not _TITLE_WORDS[0] <= len(words) <= _TITLE_WORDS[1]:
        return None
    if _NOT_HEADLINE.fullmatch(line):
        return None
    if _line_skip_span(line) is not None or any(p.match(line) for p in DATELINE_PATTERNS):
        return None
    return line


_MD_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_MD_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def markdown_title(text: str) -> str | None:
    """The first ATX heading ("# Title", any level) outside fenced code."""
    in_fence = False
    for start, end in _lines(text):
        line = text[start:end]
        if _MD_FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (heading := _MD_HEADING.fullmatch(line)):
            return heading.group(1).strip()
    return None


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------

#: Whole lines that are page furniture, not article text (matched case-insensitively,
#: and only on lines up to ``BOILERPLATE_MAX_CHARS``: a paragraph is never furniture).
BOILERPLATE_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # a label alone on its line: "Category", "Tags:", "Share this article", "Advertisement"
        (r"(?:Categor(?:y|ies)|Tags?|Topics?|Filed under|Share(?: this(?: article| story| post)?)?"
        r"|Advertisement|Sponsored(?: content)?|Comments?)\s*:?"),
        # links to other pages: "Also Read: ...", "Read more: ...", "Related: ..."
        (r"(?:Also Read|Read Also|Read More|Related(?: Articles?| Stories)?|See Also|Recommended"
        r"|Watch|More on this)\s*:.*"),
        # syndication trailers: "This post appeared first on FOX NEWS"
        (r"This (?:post|article|story|piece|report|content)\s+(?:was\s+)?(?:first\s+|originally\s+)?"
        r"(?:appeared|published)\b.*"),
        r"(?:Originally|First) (?:appeared|published) (?:on|in|at|by)\b.*",
        # press-release and player furniture: "JOINT MEDIA RELEASE", "Embargoed until ...",
        # "Listen to this article (MP3 ...)"
        r"(?:Joint )?(?:Press|Media|News) (?:Release|Statement)",
        r"Embargo(?:ed)?\b.*",
        r"Listen to (?:this|the) (?:\w+ )?(?:article|story|release|address|report|interview|episode)\b.*",
        # calls to action
        r"Click here\b.*",
        r"(?:Subscribe|Sign up)\b.*",
        r"(?:Follow|Like) us on\b.*",
        # copyright lines: "© 2023 ...", "Copyright 2023 ...", "... All rights reserved."
        r"(?:©|\(c\)\s*\d{4}|Copyright\s*(?:©|\(c\))?\s*\d{4}).*",
        r".{0,120}\bAll rights reserved\.?",
        # press-release furniture: "[ends]", "- ENDS -", "Media contact: ..."
        r"\[?-*\s*ends\s*-*\]?",
        r"Media (?:contacts?|enquiries)\s*:.*",
    )
)
BOILERPLATE_MAX_CHARS = 200
#: Boilerplate words glued to the end of a sentence by a careless scraper:
#: "...and then on to India.Category" -> the span covers "Category" only.
GLUED_TAIL = re.compile(
    r"(?<=[.!?”\"’)])(?:Categor(?:y|ies)|Tags|Advertisement|Share)\s*$", re.IGNORECASE
)
#: Label lines whose next short line is their value ("Category" / "Politics").
_LABEL_LINE = re.compile(r"(?:Categor(?:y|ies)|Tags?|Topics?|Filed under)\s*:?", re.IGNORECASE)
_LABEL_VALUE_MAX_WORDS = 4


def _line_skip_span(line: str) -> tuple[int, int] | None:
    """Offsets (within ``line``) of its boilerplate, or ``None``."""
    if len(line) <= BOILERPLATE_MAX_CHARS and any(p.fullmatch(line) for p in BOILERPLATE_LINES):
        return 0, len(line)
    tail = GLUED_TAIL.search(line)
    if tail:
        return tail.start(), tail.start() + len(tail.group().rstrip())
    return None


def find_skip_spans(text: str) -> tuple[Span, ...]:
    """Boilerplate regions of ``text``, sorted; ``text[span]`` is the boilerplate."""
    spans: list[Span] = []
    after_label = False
    for start, end in _lines(text):
        line = text[start:end]
        found = _line_skip_span(line)
        if found is None and after_label and _looks_like_label_value(line):
            found = (0, len(line))
        if found is not None:
            spans.append(Span(start + found[0], start + found[1]))
        after_label = bool(_LABEL_LINE.fullmatch(line))
    return tuple(spans)


def _looks_like_label_value(line: str) -> bool:
    """"Politics", "World News": a short line with no sentence punctuation."""
    return len(line.split()) <= _LABEL_VALUE_MAX_WORDS and not re.search(r"[.!?,;:\"“”]", line)


# ---------------------------------------------------------------------------
# The shared path
# ---------------------------------------------------------------------------


def article_from_text(
    identifier: str,
    text: str,
    *,
    media_type: str = "text/plain",
    encoding: str = "utf-8",
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> Article:
    """Build an ``Article``: hash, metadata from the text where not given, skip spans.

    Given values win over what the text says; a given ``date`` is normalised
    to ``YYYY-MM-DD`` and, when it cannot be read as a date, the text's own
    date is used instead (a non-date would break ``xsd:date`` later).
    """
    place, text_date, agency = find_dateline(text)
    if title is None:
        title = markdown_title(text) if media_type == "text/markdown" else None
        title = title or guess_title(text)
    given_date = parse_date(date) if date else None
    return Article(
        identifier=identifier,
        text=text,
        sha256=text_sha256(text),
        title=_clean(title),
        date=given_date or text_date,
        publisher=_clean(publisher) or find_publisher(text) or agency,
        url=_clean(url),
        dateline=place,
        encoding=encoding,
        media_type=media_type,
        skip_spans=find_skip_spans(text),
    )


#: Characters encoded at a time for the hash: a long text is never copied whole as bytes.
_HASH_CHUNK = 1 << 20


def text_sha256(text: str) -> str:
    """sha256 of ``text`` as UTF-8, encoded a piece at a time (code points never split)."""
    digest = hashlib.sha256()
    for start in range(0, len(text), _HASH_CHUNK):
        digest.update(text[start : start + _HASH_CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes ``None``."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None

