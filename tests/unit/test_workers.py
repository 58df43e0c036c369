"""The parse batches: bounded in documents and in characters, order kept."""

from __future__ import annotations

import hashlib

from graph.model import Article
from graph.workers import _batches


def article(n: int, chars: int) -> Article:
    text = f"{n} " + "x" * (chars - len(str(n)) - 1)
    return Article(identifier=f"a{n}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def test_batches_stop_at_the_document_count() -> None:
    articles = [article(i, 100) for i in range(10)]
    batches = list(_batches(articles, 4, max_chars=10_000))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert [a for b in batches for a in b] == articles


def test_batches_stop_at_the_character_budget_and_a_long_article_goes_alone() -> None:
    sizes = [300, 300, 300, 2000, 100, 100]
    articles = [article(i, n) for i, n in enumerate(sizes)]
    batches = list(_batches(articles, 32, max_chars=1000))
    assert [[len(a.text) for a in b] for b in batches] == [[300, 300, 300], [2000], [100, 100]]
    assert all(sum(len(a.text) for a in b) <= 1000 or len(b) == 1 for b in batches)


def test_no_articles_no_batches() -> None:
    assert list(_batches([], 32)) == []
