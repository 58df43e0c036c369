"""Shared fixtures: the spaCy model, loaded once per test session.

Tests that use ``nlp`` (or ``extract``) must be marked ``@pytest.mark.model``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from graph.model import Article, DocumentExtraction


@pytest.fixture(scope="session")
def nlp():
    """The project's English pipeline (graph.nlp.load_model caches it)."""
    from graph.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def extract(nlp) -> Callable[..., DocumentExtraction]:
    """Parse and extract a text: ``extract(text, date=None, skip_spans=())``."""
    from graph.extract import extract_document

    def run(text: str, date: str | None = None, skip_spans: tuple = (), identifier: str = "t.txt"):
        article = Article(identifier=identifier, text=text, date=date, skip_spans=skip_spans,
                          sha256=hashlib.sha256(text.encode()).hexdigest())
        return extract_document(nlp(text), article)

    return run


def triples(ext: DocumentExtraction, relation: str | None = None) -> set[tuple[str, str, str]]:
    """Facts as (subject name, relation, object name or literal), for asserts."""
    names = {e.key: e.name for e in ext.entities}
    out = set()
    for f in ext.facts:
        if relation is not None and f.relation != relation:
            continue
        obj = f.obj if f.is_literal else names[int(f.obj)]
        out.add((names[f.subject], f.relation, obj))
    return out


@pytest.fixture(scope="session")
def facts(extract) -> Callable[..., set[tuple[str, str, str]]]:
    """``facts(text, relation=None, date=None)``: the extracted triples of a text."""

    def run(text: str, relation: str | None = None, date: str | None = None) -> set[tuple[str, str, str]]:
        return triples(extract(text, date=date), relation)

    return run
