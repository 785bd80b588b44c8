"""The bounded fuzz run: generated documents through the default pipeline (tests/fuzz.py).

CLEANER_FUZZ_DOCS sets how many (20,000 by default, the CI bound); a long local run
is `python -m tests.fuzz --docs 500000`.
"""
import multiprocessing
import os

from tests import fuzz


def test_generated_documents_keep_every_invariant():
    docs = int(os.environ.get("CLEANER_FUZZ_DOCS", "20000"))
    failures = fuzz.run(docs, seed=0, jobs=min(4, multiprocessing.cpu_count()))
    assert not failures, "\n".join(f"document {i}: python -m tests.fuzz --only {i}\n{tb}" for i, tb in failures[:3])


def test_a_document_is_the_same_every_time():
    texts = fuzz._texts()
    assert [fuzz.document(7, i, texts) for i in range(50)] == [fuzz.document(7, i, texts) for i in range(50)]
