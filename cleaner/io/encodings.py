"""Bytes → text: UTF-8, a byte-order mark, and a legacy encoding guessed only when the guess is safe.

cleaner's text is UTF-8. Two other kinds of file are read, and say so in the
document's metadata, so that nothing about the original is lost:

- a file that starts with a UTF-16 or UTF-32 byte-order mark is decoded as
  the mark says (`metadata["encoding"]`, e.g. "utf-16-le", and `"bom": true`);
- a txt file that is not valid UTF-8 is read as Windows-1252 when Windows-1252,
  Latin-1 and Latin-9 read its every byte alike, however short; else it is
  handed to charset-normalizer, whose answer is taken only when it is
  unambiguous (`guess_legacy`). Then `metadata["encoding"]` is the encoding
  (e.g. "cp1252") and `metadata["encoding_guessed"]` is true, and the run
  flags the document (`input.encoding-guessed`). The guess must give back the
  very bytes when the text is encoded again, so the original file is always
  the document's text before fixes (`Result.revert()`), encoded as
  `metadata["encoding"]`.

Anything else that is not UTF-8 is rejected with the byte and its offset.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..edits import FLAG, Edit
from ..result import Result

# Byte-order marks other than UTF-8's, longest first: a UTF-32-LE mark begins with UTF-16-LE's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
MAX_CHAOS = 0.1        # charset-normalizer's "mess" of the decoded text, 0-1: above this, no guess
_SAMPLE = 1 << 20      # bytes charset-normalizer looks at, in chunks spread over the file
# Names a reader knows, for encodings that decode the same bytes to the same text.
_USUAL = ("cp1252", "latin_1", "cp1251", "cp1250", "iso8859_15", "mac_roman")
# A word of two letters or more without an ASCII letter: Cyrillic, Greek, Hebrew or Arabic in its
# own code page reads that way in Windows-1252 ("Ïðàâèòåëüñòâî"); Western text hardly ever has one.
_FOREIGN_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-zA-Z]{2,}(?![^\W\d_])")


class NotText(ValueError):
    """Bytes that are not text cleaner can read; the message says which byte, and where."""


@dataclass(frozen=True)
class Decoded:
    text: str
    bom: bool = False
    encoding: str = "utf-8"
    guessed: bool = False

    def metadata(self) -> dict:
        """What a record's metadata says of this: nothing for plain UTF-8."""
        meta = {"bom": True} if self.bom else {}
        if self.encoding != "utf-8":
            meta["encoding"] = self.encoding
        if self.guessed:
            meta["encoding_guessed"] = True
        return meta


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding a byte-order mark at the start of `data` names, or None."""
    return next((name for mark, name in BOMS if data.startswith(mark)), None)


def decode(data: bytes, at_file_start: bool, offset: int = 0, guess: bool = False) -> Decoded:
    """The text of `data` (a whole file, or a line at byte `offset` of one), or NotText.

    A byte-order mark counts only at the start of a file. `guess`: a file that is
    not UTF-8 may be read in a legacy encoding, when `guess_legacy` has no doubt.
    """
    if at_file_start and (wide := bom_encoding(data)):
        mark = next(len(m) for m, name in BOMS if name == wide)
        try:
            return Decoded(data[mark:].decode(wide), bom=True, encoding=wide)
        except UnicodeDecodeError as e:
            raise NotText(f"not valid {wide.upper()} after its byte-order mark "
                          f"(bytes at offset {offset + mark + e.start})") from None
    bom = at_file_start and data.startswith(codecs.BOM_UTF8)
    skip = len(codecs.BOM_UTF8) if bom else 0
    try:
        return Decoded(data[skip:].decode("utf-8"), bom)
    except UnicodeDecodeError as e:
        at = e.start + skip
        if guess and not bom:
            found = guess_legacy(data)
            if found:
                return Decoded(found[1], encoding=found[0], guessed=True)
        raise NotText(f"not valid UTF-8 (byte 0x{data[at]:02x} at offset {offset + at})") from None


def guess_legacy(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) when the reading of `data`, not UTF-8, is unambiguous, else None.

    A file that holds valid UTF-8 beside the bad bytes is not guessed: text
    pasted together from two encodings, which no one encoding reads right.
    Otherwise Windows-1252, if Windows-1252, Latin-1 and Latin-9 read the bytes
    alike (`_western`), which needs no length to tell: charset-normalizer calls
    a line of Spanish Korean (johab). Else charset-normalizer's reading, if it
    is unambiguous (`_normalizer`).
    """
    if any(c > "\x7f" and c != "\ufffd" for c in data.decode("utf-8", "replace")):
        return None
    return _western(data) or _normalizer(data)


def _normalizer(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of `data` when it is unambiguous.

    Unambiguous: of the encodings whose text looks least like a mess (at most
    MAX_CHAOS), the ones whose text uses the fewest Unicode blocks all give the
    same text. A Windows-1252 Spanish text reads as well in Windows-1250 (ñ
    becomes ń), but only Windows-1252 keeps it within Latin-1's letters. A
    short text, or one that several encodings read differently, is not guessed.
    And the guess must encode back to the same bytes, so that nothing is lost.
    """
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, steps=8, chunk_size=_SAMPLE // 8, threshold=MAX_CHAOS)
               if m.encoding not in ("utf_8", "ascii")]
    if not matches:
        return None
    calm = min(m.chaos for m in matches)
    plain = [m for m in matches if m.chaos == calm]
    fewest = min(len(m.alphabets) for m in plain)
    best = [m for m in plain if len(m.alphabets) == fewest]
    text = str(best[0])
    if any(str(m) != text for m in best[1:]):
        return None
    ascii_end = next((i for i, byte in enumerate(data) if byte > 0x7f), len(data))
    if text[:ascii_end] != data[:ascii_end].decode("ascii"):  # UTF-16 without a mark, EBCDIC …: not ours
        return None
    names = [name for m in best for name in m.could_be_from_charset]
    encoding = next((name for name in _USUAL if name in names), best[0].encoding)
    try:
        if text.encode(encoding) != data:
            return None
    except UnicodeEncodeError:
        return None
    return encoding, text


def _western(data: bytes) -> tuple[str, str] | None:
    """("cp1252", text) when Windows-1252, Latin-1 and Latin-9 read every byte of `data` alike
    (none of 0x80-0x9F, nor 0xA4 0xA6 0xA8 0xB4 0xB8 0xBC-0xBE, where they differ) into a text
    with no word of another script: a Western text in any of the three, however short."""
    if not _reads_alike(data):
        return None
    text = data.decode("latin_1")
    return None if _FOREIGN_WORD.search(text) else ("cp1252", text)


def _reads_alike(data: bytes) -> bool:
    return data.decode("cp1252", "replace") == data.decode("latin_1") == data.decode("iso8859_15")


GUESS_CONFIDENCE = 0.8


def flag_guess(result: Result) -> Result:
    """`result` with a flag on the first character a guessed encoding read (`input.encoding-guessed`),
    so that a reviewer sees the guess in the report; unchanged for any other document."""
    encoding = result.metadata.get("encoding")
    if not result.metadata.get("encoding_guessed") or not isinstance(encoding, str):
        return result
    text = result.original
    # The guess is taken only for text whose every byte before the first non-ASCII one is ASCII:
    # characters and bytes count alike up to there.
    at = next((i for i, c in enumerate(text) if c > "\x7f"), 0)
    byte = text[at:at + 1].encode(encoding)
    alike = encoding == "cp1252" and _reads_alike(text.encode(encoding))
    why = "Windows-1252, Latin-1 and Latin-9 read every byte of it alike" if alike else "charset-normalizer's guess"
    flag = Edit(at, at + 1, text[at:at + 1], "", "input", "input.encoding-guessed",
                f"the file is not UTF-8: it was read as {encoding}, {why} (byte 0x{byte.hex()} at offset {at} is "
                f"read as {text[at:at + 1]!r}); the original file is this text before fixes, encoded as {encoding}",
                GUESS_CONFIDENCE, FLAG)
    edits = list(result.edits)
    edits.insert(bisect_right([e.start for e in edits], at), flag)
    return replace(result, edits=edits)
