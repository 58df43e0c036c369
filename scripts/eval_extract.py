"""Dev tool: extract the seed articles and score them against the gold file.

    .venv/bin/python scripts/eval_extract.py [--errors] [--facts] [FILES...]

Articles are built with ``graph.reading.article_from_text`` when that module
is importable (dates and boilerplate spans read from the text), else as bare
``Article`` records, so the extractor can be scored on its own.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import sys
import time

from graph.evaluate import format_report, predicted_from_extraction, read_gold, score
from graph.extract import extract_document
from graph.model import Article
from graph.nlp import load_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = "/work/shared/gold/seeds.tsv"


def make_article(path: str, text: str) -> Article:
    """An article with metadata from graph.reading when available."""
    try:
        from graph.reading import article_from_text
    except ImportError:
        return Article(identifier=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return article_from_text(path, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", default=sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt"))))
    parser.add_argument("--gold", default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list misses and false hits")
    parser.add_argument("--facts", action="store_true", help="print every extracted fact")
    parser.add_argument("--bare", action="store_true", help="do not use graph.reading for metadata")
    args = parser.parse_args(argv)
    nlp = load_model()
    predicted = []
    parse_s = extract_s = 0.0
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        article = (Article(identifier=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
                   if args.bare else make_article(path, text))
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        ext = extract_document(doc, article)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        extract_s += t2 - t1
        if args.facts:
            names = {e.key: e.name for e in ext.entities}
            print(f"== {os.path.basename(path)}")
            for e in ext.entities:
                print(f"   entity {e.key} {e.kind.value} {e.name!r} forms={e.surface_forms} positions={e.positions}")
            for f in ext.facts:
                obj = f.obj if f.is_literal else names[int(f.obj)]
                print(f"   {names[f.subject]} -{f.relation}-> {obj}   [{f.evidence.rule} {f.evidence.confidence}"
                      f" {f.evidence.date or ''}]")
        predicted += predicted_from_extraction(ext)
    report = score(read_gold(args.gold), predicted)
    print(format_report(report, errors=args.errors))
    print(f"\nparse {parse_s:.2f}s, extract {extract_s:.3f}s ({100 * extract_s / max(parse_s, 1e-9):.1f}% of parse)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
