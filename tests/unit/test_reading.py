"""Tests for graph.reading: files and folders -> Article (no spaCy model needed)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import reading
from graph.model import Article
from graph.reading import (
    Skipped,
    article_from_text,
    extract_html,
    find_dateline,
    find_publisher,
    find_skip_spans,
    guess_title,
    iter_sources,
    markdown_title,
    parse_date,
    read_articles,
    read_file,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = SEEDS / "000_94abef00e8dadde3.txt"
SEED_001 = SEEDS / "001_ec3ccedffc4e3916.txt"


def only_article(path: Path | str) -> Article:
    results = read_file(str(path))
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


def only_skipped(path: Path | str) -> Skipped:
    results = read_file(str(path))
    assert len(results) == 1, results
    assert isinstance(results[0], Skipped), results[0]
    return results[0]


def skipped_texts(article: Article) -> list[str]:
    return [article.text[s.start_char : s.end_char] for s in article.skip_spans]


# --------------------------------------------------------------------------- seeds


def test_seed_000_dateline_date_and_agency() -> None:
    article = only_article(SEED_000)
    assert article.date == "2023-11-08"
    assert article.dateline == "Washington"
    assert article.publisher == "TDI"
    assert article.title is None  # the first line is a long paragraph
    assert article.media_type == "text/plain"
    assert article.encoding == "utf-8"
    assert skipped_texts(article) == ["Also Read: Secretary Blinken travels to Middle East and India"]
    assert article.text == SEED_000.read_bytes().decode("utf-8")


def test_seed_001_publisher_from_trailer_not_contributor_line() -> None:
    article = only_article(SEED_001)
    assert article.publisher == "FOX NEWS"
    assert article.date is None
    assert article.dateline is None
    assert article.title is None  # first line is the "Category" label
    assert skipped_texts(article) == [
        "Category",
        "Politics",
        "Category",
        "This post appeared first on FOX NEWS",
    ]
    assert "The Associated Press contributed to this report." not in skipped_texts(article)


def test_seed_folder_identifiers_are_path_as_given_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEEDS.parent)
    articles = list(read_articles(["seeds"]))
    assert [a.identifier for a in articles if isinstance(a, Article)] == [
        "seeds/000_94abef00e8dadde3.txt",
        "seeds/001_ec3ccedffc4e3916.txt",
    ]


# --------------------------------------------------------------------------- sources


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def test_iter_sources_walks_sorted_and_filters_extensions(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "e.jsonl.gz", "f.HTM",
                 "notes.docx", "image.png", "data.json", ".hidden.txt", ".git/x.txt"]:  # fmt: skip
        write(tmp_path / name, "x")
    root = str(tmp_path)
    got = list(iter_sources([root]))
    assert got == [
        f"{root}/a.md",
        f"{root}/b.txt",
        f"{root}/e.jsonl.gz",
        f"{root}/f.HTM",
        f"{root}/sub/c.html",
        f"{root}/sub/deeper/d.jsonl",
    ]
    assert list(iter_sources([root])) == got  # deterministic


def test_trailing_slash_kept_as_given(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "x")
    assert list(iter_sources([f"{tmp_path}/"])) == [f"{tmp_path}/a.txt"]


def test_explicit_file_with_unknown_extension_is_plain_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.rst", "Some words about a meeting in Tokyo.\n")
    assert list(iter_sources([str(path)])) == [str(path)]
    article = only_article(path)
    assert article.media_type == "text/plain"
    assert article.text == "Some words about a meeting in Tokyo.\n"


def test_missing_path_is_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "Text.")
    missing = str(tmp_path / "nope")
    got = list(read_articles([missing, str(good)]))
    assert got[0] == Skipped(missing, "no such file or folder")
    assert isinstance(got[1], Article)


def test_broken_symlink_is_skipped(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target-that-does-not-exist.txt")
    assert list(iter_sources([str(link)])) == [Skipped(str(link), "broken symbolic link")]
    # inside a folder it is named, not silently lost
    got = list(read_articles([str(tmp_path)]))
    assert len(got) == 1 and isinstance(got[0], Skipped)


def test_symlink_loop_ends(tmp_path: Path) -> None:
    write(tmp_path / "top" / "a.txt", "x")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top")
    (tmp_path / "top" / "sub").mkdir()
    (tmp_path / "top" / "sub" / "up").symlink_to(tmp_path)
    got = list(iter_sources([str(tmp_path / "top")]))
    files = [g for g in got if isinstance(g, str)]
    loops = [g for g in got if isinstance(g, Skipped)]
    assert files == [str(tmp_path / "top" / "a.txt")]
    # "loop" points back at top; "up" leads to tmp_path, whose "top" was already read
    assert [s.path for s in loops] == [
        str(tmp_path / "top" / "loop"),
        str(tmp_path / "top" / "sub" / "up" / "top"),
    ]
    assert all("loop" in s.reason for s in loops)


def test_fifo_is_skipped_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    got = list(read_articles([str(tmp_path)]))
    assert len(got) == 1 and isinstance(got[0], Skipped)
    assert "regular file" in got[0].reason
    assert next(iter_sources([str(fifo)])) == Skipped(
        str(fifo), "not a regular file (device, socket or pipe)"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_really(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "secret")
    path.chmod(0)
    try:
        assert only_skipped(path) == Skipped(str(path), "permission denied")
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", "secret")
    real_open = os.open

    def refuse(p: str, *args: object, **kwargs: object) -> int:
        if str(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading.os, "open", refuse)
    assert only_skipped(path) == Skipped(str(path), "permission denied")


def test_unreadable_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok" / "a.txt", "x")
    write(tmp_path / "locked" / "b.txt", "x")
    real_scandir = os.scandir

    def refuse(p: str):  # type: ignore[no-untyped-def]
        if str(p).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(p))
        return real_scandir(p)

    monkeypatch.setattr(reading.os, "scandir", refuse)
    got = list(iter_sources([str(tmp_path)]))
    assert got == [
        Skipped(str(tmp_path / "locked"), "cannot read folder: permission denied"),
        str(tmp_path / "ok" / "a.txt"),
    ]


def test_file_vanishing_between_listing_and_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x")
    sources = iter_sources([str(tmp_path)])
    assert next(sources) == str(path)
    path.unlink()
    assert only_skipped(path) == Skipped(str(path), "file vanished before it could be read")


def test_folder_given_to_read_file(tmp_path: Path) -> None:
    assert "folder" in only_skipped(tmp_path).reason


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (gzip.compress(b"hello"), "GZIP"),
        (b"plain start\x00\x01\x02 then binary", "NUL bytes"),
    ],
)
def test_binary_files_are_skipped_with_their_kind(tmp_path: Path, data: bytes, kind: str) -> None:
    path = write(tmp_path / "doc.txt", data)
    assert only_skipped(path).reason == f"binary file ({kind}), not text"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode(), b"\xff\xfe"])
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    assert only_skipped(write(tmp_path / "e.txt", data)).reason == "empty file"


def test_utf8_bom_stripped(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", b"\xef\xbb\xbfCaf\xc3\xa9 news"))
    assert article.text == "Café news"
    assert article.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    text = "Blinken met Kishida in Tokyo.\r\n“Unity,” he said. 東京"
    bom = "\ufeff".encode(codec)
    article = only_article(write(tmp_path / "a.txt", bom + text.encode(codec)))
    assert article.text == text
    assert article.encoding == "utf-16"
    assert article.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_invalid_utf8_falls_back_to_cp1252(tmp_path: Path) -> None:
    data = "“Café” déjà vu — 2023".encode("cp1252")
    article = only_article(write(tmp_path / "a.txt", data))
    assert article.text == "“Café” déjà vu — 2023"
    assert article.encoding == "cp1252"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    data = b"caf\xe9 \x81 r\xe9sum\xe9"  # 0x81 is not defined in cp1252
    article = only_article(write(tmp_path / "a.txt", data))
    assert article.text == data.decode("latin-1")
    assert article.encoding == "latin-1"


def test_line_endings_untouched(tmp_path: Path) -> None:
    raw = "Headline Goes Here Today\r\n\r\nBody one.\rBody two.\nEnd."
    article = only_article(write(tmp_path / "a.txt", raw))
    assert article.text == raw
    assert article.title == "Headline Goes Here Today"


# --------------------------------------------------------------------------- HTML

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Blinken &amp; the G7</title>
<meta property="article:published_time" content="2023-11-08T10:00:00Z">
<meta property="og:site_name" content="The Daily">
<link rel="canonical" href="https://example.com/blinken">
<style>p { color: red }</style><script>var s = "<p>not text</p>";</script>
</head><body><noscript>Please enable JavaScript</noscript>
<h1>Blinken in <em>Tokyo</em></h1>
<p>The secretary   arrived on
Tuesday &mdash; &eacute;lan.<br>Second line.</p>
<div>Talks began.<p>Nested paragraph.</p></div>
<template><p>template text</p></template>
<ul><li>Also Read: Another story</li><li>Item two</li></ul>
</body></html>"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "page.html", PAGE))
    assert article.text == (
        "Blinken in Tokyo\n\nThe secretary arrived on Tuesday — élan.\nSecond line.\n\n"
        "Talks began.\n\nNested paragraph.\n\nAlso Read: Another story\n\nItem two"
    )
    assert article.media_type == "text/html"
    assert article.title == "Blinken & the G7"
    assert article.date == "2023-11-08"
    assert article.publisher == "The Daily"
    assert article.url == "https://example.com/blinken"
    assert skipped_texts(article) == ["Also Read: Another story"]
    for hidden in ("not text", "enable JavaScript", "template text", "color"):
        assert hidden not in article.text


def test_html_title_from_h1_and_date_from_time(tmp_path: Path) -> None:
    page = '<body><h1>Leaders Meet in Tokyo</h1><time datetime="2021-03-04">March 4</time><p>Text.</p>'
    article = only_article(write(tmp_path / "p.htm", page))
    assert article.title == "Leaders Meet in Tokyo"
    assert article.date == "2021-03-04"


def test_html_date_and_dateline_from_text_when_no_meta(tmp_path: Path) -> None:
    page = "<p>WASHINGTON (AP) — The talks ended.</p><p>More.</p>"
    article = only_article(write(tmp_path / "p.html", page))
    assert article.dateline == "Washington"
    assert article.publisher == "AP"


def test_html_unclosed_head_does_not_hide_body() -> None:
    assert extract_html("<html><head><title>T</title><p>Body text").text() == "Body text"


def test_html_deep_nesting_and_malformed_do_not_crash() -> None:
    assert extract_html("<div>" * 100_000 + "deep" + "</span>" * 10).text() == "deep"
    assert extract_html("<p>a<p>b</i></b></script><script>never closed").text() == "a\n\nb"
    assert extract_html("</noscript></noscript><p>visible</p>").text() == "visible"
    assert extract_html("<p>x <!-- comment --> y &bogus; &#xZZ; <![CDATA[z]]>").text().startswith("x y")


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "p.html", "<html><head><script>x()</script></head><body> </body></html>")
    assert only_skipped(path).reason == "no visible text in the HTML"


def test_html_declared_charset_used_when_not_utf8(tmp_path: Path) -> None:
    page = '<meta charset="koi8-r"><p>Москва</p>'.encode("koi8-r")
    article = only_article(write(tmp_path / "p.html", page))
    assert article.text == "Москва"
    assert article.encoding == "koi8-r"


# --------------------------------------------------------------------------- Markdown


def test_markdown_title_and_media_type(tmp_path: Path) -> None:
    text = "Intro line without heading\n\n```\n# not a heading\n```\n\n## Blinken Visits Tokyo ##\n\nBody.\n"
    article = only_article(write(tmp_path / "a.md", text))
    assert article.media_type == "text/markdown"
    assert article.title == "Blinken Visits Tokyo"
    assert article.text == text
    assert markdown_title("# Top\n\ntext") == "Top"
    assert markdown_title("#hashtag only\n\ntext") is None


# --------------------------------------------------------------------------- JSON Lines


def jsonl(records: list[object]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_records_fields_and_identifiers(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl(
            [
                {"text": "First story.", "title": "One", "date": "2019-01-04",
                 "url": "https://example.org/1", "publisher": "Wikinews"},
                {"text": "Second story.\n\nThis post appeared first on Example Times"},
            ]
        ),
    )  # fmt: skip
    first, second = read_file(str(path))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.identifier, first.title, first.date, first.url, first.publisher) == (
        "https://example.org/1", "One", "2019-01-04", "https://example.org/1", "Wikinews",
    )  # fmt: skip
    assert second.identifier == f"{path}#L2"
    assert second.publisher == "Example Times"
    assert second.date is None


def test_jsonl_broken_lines_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl([{"text": "One."}, '{"text": "unterminated', "", "[1, 2]", {"title": "no text"},
               {"text": "   "}, {"text": "Six."}]),
    )  # fmt: skip
    got = read_file(str(path))
    kinds = [type(g).__name__ for g in got]
    assert kinds == ["Article", "Skipped", "Skipped", "Skipped", "Skipped", "Article"]
    broken = got[1]
    assert isinstance(broken, Skipped)
    assert broken.path == f"{path}:2"
    assert broken.reason.startswith("invalid JSON: ")
    assert [g.path for g in got if isinstance(g, Skipped)] == [f"{path}:{n}" for n in (2, 4, 5, 6)]
    assert isinstance(got[-1], Article) and got[-1].identifier == f"{path}#L7"


def test_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    lines = jsonl([{"text": f"Story number {i}. " * 50, "url": f"https://e.org/{i}"} for i in range(200)])
    data = gzip.compress(lines.encode())
    good = write(tmp_path / "c.jsonl.gz", data)
    assert len([a for a in read_file(str(good)) if isinstance(a, Article)]) == 200
    cut = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    got = read_file(str(cut))
    assert isinstance(got[0], Article)  # lines before the break were streamed out
    assert isinstance(got[-1], Skipped) and "truncated" in got[-1].reason
    not_gz = write(tmp_path / "plain.jsonl.gz", lines)
    assert "gzip" in only_skipped(not_gz).reason


def test_jsonl_binary_is_one_skip_not_one_per_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", b"%PDF-1.4\n" + b"garbage\n" * 100)
    assert only_skipped(path).reason == "binary file (PDF), not text"


def test_jsonl_lone_surrogate_replaced(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"text": "bad \\ud800 char"}\n')
    assert only_article(path).text == "bad \ufffd char"


def test_corpus_file_streams_when_present() -> None:
    corpus = Path("/work/shared/corpus/wikinews.jsonl.gz")
    if not corpus.exists():
        pytest.skip("shared corpus not mounted")
    first = next(read_articles([str(corpus)]))
    assert isinstance(first, Article)
    assert first.identifier.startswith("https://en.wikinews.org/")
    assert first.date == "2019-01-04"


# --------------------------------------------------------------------------- metadata tables


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington, 8 November 2023 (TDI): The secretary said.", ("Washington", "2023-11-08", "TDI")),
        ("WASHINGTON (AP) — The secretary said.", ("Washington", None, "AP")),
        ("LONDON, Nov. 8 (Reuters) - Shares fell.", ("London", None, "Reuters")),
        ("NEW YORK, Nov. 8, 2023 (Reuters) - Shares fell.", ("New York", "2023-11-08", "Reuters")),
        ("Washington, D.C., March 29, 2008 - In a meeting", ("Washington, D.C.", "2008-03-29", None)),
        ("NAIROBI, Kenya (AP) — Rains fell.", ("Nairobi, Kenya", None, "AP")),
        ("KYIV, Ukraine — Russian forces struck.", ("Kyiv, Ukraine", None, None)),
        ("Nov. 8, 2023 — Leaders met.", (None, "2023-11-08", None)),
        ("Headline Of The Day\n\nPublished: 8th November 2023\n\nBody.", (None, "2023-11-08", None)),
        ("Wednesday, November 8, 2023\nTOKYO (Kyodo) -- Talks.", (None, "2023-11-08", None)),
        # not datelines
        ("GST - basic food GST-free", (None, None, None)),
        ("Subject(s): Leaders' Meeting", (None, None, None)),
        ("ANDREW SMITH MP – MEMBER FOR FISHER: Welcome.", (None, None, None)),
        ("Blinken came to Tokyo from Turkey on 8 November 2023.", (None, None, None)),
        ("The meeting (which ran late) - ended.", (None, None, None)),
    ],
)
def test_dateline_table(text: str, expected: tuple[str | None, str | None, str | None]) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Body.\n\nThis post appeared first on FOX NEWS", "FOX NEWS"),
        ("Body.\n\nThis article originally appeared on The Conversation.", "The Conversation"),
        ("Body.\n\nThis story was first published by ProPublica.", "ProPublica"),
        ("Body.\n\nOriginally published at example.com", "example.com"),
        ("Body.\n\nThe Associated Press contributed to this report.", None),
        ("Body.\n\nReuters contributed reporting.", None),
    ],
)
def test_publisher_table(text: str, publisher: str | None) -> None:
    assert find_publisher(text) == publisher


def test_given_metadata_wins_and_bad_given_date_falls_back() -> None:
    text = "Washington, 8 November 2023 (TDI): Talks.\n\nThis post appeared first on FOX NEWS"
    plain = article_from_text("x", text)
    assert (plain.publisher, plain.date) == ("FOX NEWS", "2023-11-08")  # trailer beats agency
    given = article_from_text("x", text, publisher="Given", date="2020-02-29T12:00:00+01:00", title=" A  B ")
    assert (given.publisher, given.date, given.title) == ("Given", "2020-02-29", "A B")
    assert article_from_text("x", text, date="sometime").date == "2023-11-08"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-11-08", "2023-11-08"),
        ("2023-11-08T10:00:00.000Z", "2023-11-08"),
        ("8 November 2023", "2023-11-08"),
        ("November 8, 2023", "2023-11-08"),
        ("Nov. 8, 2023", "2023-11-08"),
        ("Sept. 30 2021", "2021-09-30"),
        ("Wednesday, 8th of November, 2023", "2023-11-08"),
        ("Nov. 8", None),  # no year: not guessed
        ("31 February 2023", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Blinken Seeks G7 Unity on Gaza in Tokyo", "Blinken Seeks G7 Unity on Gaza in Tokyo"),
        ("Blinken arrives in the U.S.", "Blinken arrives in the U.S."),
        ("Will the G7 hold together?", "Will the G7 hold together?"),
        ("Blinken arrived in Tokyo on Tuesday.", None),  # a sentence
        ("Politics", None),  # too short to be a headline
        ("Category", None),  # boilerplate
        ("Subject:", None),  # a label
        ("I announce today that the Federal Government will link the war widows'", None),
        ("The secretary said the talks would continue in the", None),  # broken line
        ("WASHINGTON (AP) — Talks", None),  # dateline
        ("word " * 30, None),  # a paragraph
    ],
)
def test_guess_title(first_line: str, title: str | None) -> None:
    assert guess_title(first_line + "\n\nThe body of the article follows.") == title


def test_single_line_text_has_no_title() -> None:
    assert guess_title("Blinken Seeks G7 Unity") is None


# --------------------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Category", "Tags:", "Share", "Share this article", "Advertisement", "ADVERTISEMENT",
        "Also Read: Secretary Blinken travels to India", "Read more: Gaza talks stall",
        "Related: Israel and Hamas", "This post appeared first on FOX NEWS",
        "Click here to get the app", "Subscribe to our newsletter", "© 2023 Example Media",
        "Copyright 2023 The Associated Press. All rights reserved.", "[ends]", "- ENDS -",
        "Listen to this article (3 min)",
    ],
)  # fmt: skip
def test_boilerplate_line_is_one_span(line: str) -> None:
    text = f"First paragraph.\r\n\r\n  {line}  \r\n\r\nLast paragraph."
    spans = find_skip_spans(text)
    assert [text[s.start_char : s.end_char] for s in spans] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law was changed in 2023, the court said.",
        "Subscribers to the service said prices rose.",
        "The Associated Press contributed to this report.",
        "Share prices fell sharply on Tuesday.",
        "Related talks will follow: " + "word " * 60,
    ],
)
def test_article_text_is_not_boilerplate(line: str) -> None:
    assert find_skip_spans(f"Intro.\n\n{line}\n\nEnd.") == ()


def test_glued_category_tail_covers_only_the_word() -> None:
    text = "He will visit South Korea and then on to India.Category\n\nNext."
    article = article_from_text("x", text)
    assert skipped_texts(article) == ["Category"]
    assert text[: article.skip_spans[0].start_char].endswith("India.")


def test_label_value_after_category_line() -> None:
    text = "Tags\nWorld News\nThe ministers met in Tokyo on Tuesday to talk."
    assert skipped_texts(article_from_text("x", text)) == ["Tags", "World News"]


# --------------------------------------------------------------------------- hashing


def test_sha256_is_of_the_text_and_stable(tmp_path: Path) -> None:
    text = "Same words.\n"
    a = only_article(write(tmp_path / "a.txt", text))
    b = only_article(write(tmp_path / "sub" / "b.md", text))
    c = only_article(write(tmp_path / "c.txt", "\ufeff" + text))
    assert a.sha256 == b.sha256 == c.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert a.identifier != b.identifier
    assert article_from_text("x", text).sha256 == a.sha256
    assert article_from_text("x", text + " ").sha256 != a.sha256


def test_article_round_trips_through_dict() -> None:
    article = only_article(SEED_001)
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gives_spans_inside_the_text(text: str) -> None:
    article = article_from_text("x", text)
    previous_end = 0
    for span in article.skip_spans:
        assert previous_end <= span.start_char < span.end_char <= len(text)
        chunk = text[span.start_char : span.end_char]
        assert chunk == chunk.strip() and "\n" not in chunk and "\r" not in chunk
        previous_end = span.end_char
    assert article.date is None or parse_date(article.date) == article.date


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiv p&;#!-\n")) | st.characters(), max_size=300))
def test_any_markup_parses_without_error(markup: str) -> None:
    text = extract_html(markup).text()
    assert text == text.strip()  # paragraphs are trimmed and joined by exactly one blank line
    assert "\n\n\n" not in text


def test_text_sha256_hashes_a_piece_at_a_time_like_the_whole() -> None:
    """The hash of a long text is taken without a second whole copy, and is the same."""
    import hashlib

    from graph import reading

    for text in ("", "abc", "😀" * (reading._HASH_CHUNK + 1), "é\ud800" * 1000):
        whole = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        assert reading.text_sha256(text) == whole
