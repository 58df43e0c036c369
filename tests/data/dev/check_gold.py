"""Sanity check for the hand-annotated gold files in this folder.

Why: the gold TSVs are typed by hand; this catches broken lines, unknown
relations, sources without a text file, surface forms or quotes that do not
occur in the article (typos), and prints per-relation counts per split.
Run: python tests/data/dev/check_gold.py  (exit code 1 on any problem).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELATIONS = ["visited", "plansToVisit", "hosted", "metWith", "thanked", "supports", "pledgedAidTo", "condemned", "accused", "opposes", "urged", "threatened", "attacked", "holdsPosition", "affiliatedWith", "said"]


def _written_forms(word: str) -> tuple[str, ...]:
    """A title word as the article may write it: "chairmen" for "chairman" (one of several)."""
    return word, word + "s", word[:-3] + "men" if word.endswith("man") else word


def norm(text: str) -> str:
    """Fold quote styles, dashes and whitespace so copied quotes compare equal."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def unquote(text: str) -> str:
    """Drop double quote marks: a quote running over paragraphs is stored joined."""
    return re.sub(r"\s+", " ", norm(text).replace('"', " ")).strip()


def check_forms(forms: list[str], text: str, where: str) -> list[str]:
    """Every alias must occur in the text; the canonical (first) name may be absent
    when the text only shows another form (a demonym such as 'Japanese', a short name)."""
    problems = [f"{where}: surface form not in text: {f!r}" for f in forms[1:] if norm(f) not in text]
    if norm(forms[0]) not in text and len(forms) == 1:
        problems.append(f"{where}: surface form not in text: {forms[0]!r}")
    return problems


def check_split(split: str) -> tuple[Counter, int, list[str]]:
    """Validate one split's TSV against its text folder; return counts, docs, problems."""
    problems: list[str] = []
    counts: Counter = Counter()
    texts = {p.name: norm(p.read_text(encoding="utf-8")) for p in (HERE / split).glob("*.txt")}
    lines = (HERE / f"{split}.tsv").read_text(encoding="utf-8").splitlines()
    if lines[0] != "source\tsubject\trelation\tobject":
        problems.append(f"{split}: bad header")
    seen: set[tuple[str, ...]] = set()
    used: set[str] = set()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{split}.tsv:{n}"
        if len(fields) != 4 or not all(f.strip() for f in fields):
            problems.append(f"{where}: not 4 non-empty fields")
            continue
        src, subj, rel, obj = fields
        if rel not in RELATIONS:
            problems.append(f"{where}: unknown relation {rel}")
        if src not in texts:
            problems.append(f"{where}: no text file {split}/{src}")
            continue
        if tuple(fields) in seen:
            problems.append(f"{where}: duplicate fact")
        seen.add(tuple(fields))
        used.add(src)
        text = texts[src]
        literal = rel in ("said", "holdsPosition")
        for forms in [subj] + ([] if literal else [obj]):
            problems += check_forms(forms.split("|"), text, where)
        if rel == "said" and unquote(obj) not in unquote(text):
            problems.append(f"{where}: quote not in article: {obj[:60]!r}")
        if rel == "holdsPosition":
            missing = [w for w in norm(obj).replace("-", " ").split() if not any(p in text for p in _written_forms(w))]
            if missing:
                problems.append(f"{where}: position words not in article: {missing}")
        counts[rel] += 1
    for name in texts:
        if name not in used:
            problems.append(f"{split}: text {name} has no gold facts")
    return counts, len(texts), problems


def main() -> int:
    """Check both splits and print a per-relation table."""
    all_problems: list[str] = []
    results = {}
    for split in ("dev", "test"):
        counts, docs, problems = check_split(split)
        results[split] = (counts, docs)
        all_problems += problems
    print(f"{'relation':16} {'dev':>5} {'test':>5} {'total':>6}")
    for rel in RELATIONS:
        d, t = results["dev"][0][rel], results["test"][0][rel]
        print(f"{rel:16} {d:5} {t:5} {d + t:6}")
    d, t = sum(results["dev"][0].values()), sum(results["test"][0].values())
    print(f"{'all':16} {d:5} {t:5} {d + t:6}")
    print(f"documents: dev {results['dev'][1]}, test {results['test'][1]}")
    for p in all_problems:
        print("PROBLEM", p)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
