"""The floor of a build: spaCy's ``nlp.pipe`` over the same texts, nothing else.

Run as a child process by ``run.py`` so that its wall time covers what a
``kg build`` process also pays (interpreter start, model load) and the two are
compared like with like.  The model comes from ``graph.nlp.load_model`` so the
pipeline, its pipes and ``max_length`` are exactly the build's.  Prints one
JSON object: seconds to load, seconds to parse, token count.

    python tests/benchmarks/raw_spacy.py TEXTS.jsonl --batch-size 32 [--n-process 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's graph package


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("jsonl")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    from graph.nlp import load_model

    nlp = load_model()
    loaded = time.perf_counter()
    with open(args.jsonl, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    tokens = 0
    parse_started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
        tokens += len(doc)
    done = time.perf_counter()
    json.dump(
        {
            "load_s": loaded - started,
            "parse_s": done - parse_started,
            "tokens": tokens,
            "pipes": nlp.pipe_names,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
