"""Real records through the default pipeline, against reviewed golden outputs.

tests/golden/NAME.input.txt → NAME.expected.txt. After a deliberate change of
behaviour, regenerate with CLEANER_UPDATE_GOLDEN=1 and review the diff in git.
"""
import os
from pathlib import Path

import pytest

import cleaner

GOLDEN = Path(__file__).with_name("golden")
INPUTS = sorted(GOLDEN.glob("*.input.txt"))


def read(path):
    return path.read_text(encoding="utf-8") if path.exists() else None


def read_raw(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name.split(".")[0])
def test_golden(path):
    expected_path = path.with_name(path.name.replace(".input.", ".expected."))
    r = cleaner.clean(read_raw(path))
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        expected_path.write_text(r.text, encoding="utf-8", newline="")
    assert r.text == read_raw(expected_path)
    assert r.revert() == read_raw(path)


def mangle(text: str) -> str:
    """Damage a clean text the way exports do: mojibake, CRLF, odd and invisible spaces."""
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if "\u2019" in line)
    lines[i] = lines[i].encode("utf-8").decode("windows-1252", errors="replace")  # mojibake
    damaged = "\n".join(lines).replace("\n", "\r\n")
    damaged = damaged.replace("Nord Stream", "Nord\u00a0Stream").replace("Stoltenberg said", "Stoltenberg  said")
    damaged = damaged.replace("infrastructure", "infra\u200bstructure", 1)
    return "\ufeff " + damaged + " \r\n\r\n\r\n"


def test_mangled_record_is_restored():
    clean_text = cleaner.clean(read_raw(INPUTS[0])).text
    damaged = mangle(clean_text)
    r = cleaner.clean(damaged)
    assert r.text == clean_text
    assert r.revert() == damaged
    rules = {rule for e in r.fixes for rule in e.rules}
    assert {"encoding.mojibake", "whitespace.line-endings", "whitespace.odd-space",
            "whitespace.space-run", "whitespace.zero-width"} <= rules
    names = ["Stoltenberg", "Reznikov", "Lloyd Austin", "NATO’s", "Ministers of NATO start", "“We will review"]
    assert all(n in r.text for n in names)
