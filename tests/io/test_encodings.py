"""Reading bytes as text: UTF-8, byte-order marks, and a legacy encoding only when the guess is safe."""
import pytest

from cleaner.io import Record, discover, read
from cleaner.io.encodings import Decoded, NotText, decode, guess_legacy

SPANISH = ("El Gobierno aprob\u00f3 ayer la reforma de las pensiones. \u00abEs una decisi\u00f3n hist\u00f3rica\u00bb, "
           "afirm\u00f3 el ministro, que a\u00f1adi\u00f3 que la medida entrar\u00e1 en vigor el pr\u00f3ximo a\u00f1o.\n")
FRENCH = ("L'\u00e9t\u00e9 dernier, les \u00e9l\u00e8ves ont visit\u00e9 le mus\u00e9e. C'\u00e9tait tr\u00e8s "
          "int\u00e9ressant et ils ont appris beaucoup de choses sur l'histoire de la r\u00e9gion.\n")
GERMAN = ("Die Bundesregierung hat gestern die Rentenreform beschlossen. Die Gewerkschaften kritisierten das "
          "schnelle Verfahren \u00fcber Gr\u00f6\u00dfe und Ma\u00df.\n")


@pytest.mark.parametrize("text, encoding", [(SPANISH, "cp1252"), (SPANISH.replace("\u00ab", "").replace("\u00bb", ""),
                                                                  "latin-1"),
                                            (FRENCH, "cp1252"), (GERMAN, "latin-1")])
def test_western_legacy_text_is_read_as_cp1252(text, encoding):
    data = text.encode(encoding)
    assert guess_legacy(data) == ("cp1252", text)  # Latin-1 text is cp1252 text: the same bytes, read alike
    assert decode(data, at_file_start=True, guess=True).metadata() == {"encoding": "cp1252",
                                                                       "encoding_guessed": True}


@pytest.mark.parametrize("text", [
    "Caf\u00e9 in Bogot\u00e1 reopened.", "caf\u00e9 au lait\n", "\u00e9",
    "Il est all\u00e9 \u00e0 Paris o\u00f9 il a vu \u00e7a.", "Gr\u00f6\u00dfe und Ma\u00df.",
    "\u00bfQu\u00e9? \u00abS\u00ed\u00bb, 20\u00a0\u00b0C, 5\u00a0\u00a3",  # charset-normalizer: Korean (johab)
])
def test_short_text_that_cp1252_latin1_and_latin9_read_alike_is_read_as_cp1252(text):
    data = text.encode("cp1252")
    assert data.decode("latin-1") == data.decode("iso8859_15") == text  # the premise: no byte reads two ways
    assert guess_legacy(data) == ("cp1252", text)
    assert decode(data, at_file_start=True, guess=True) == Decoded(text, encoding="cp1252", guessed=True)


@pytest.mark.parametrize("data, why", [
    ("Costs 5 \u20ac in Bogot\u00e1.".encode("cp1252"), "0x80 is \u20ac in cp1252, a C1 control in Latin-1"),
    ("Caf\u00e9, 5 \u20ac.".encode("iso8859_15"), "0xa4 is \u20ac in Latin-9, \u00a4 in cp1252 and Latin-1"),
    ("\u0160koda in Bogot\u00e1".encode("cp1252"), "0x8a is \u0160 in cp1252, 0xa6 in Latin-9"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440.".encode("cp1251"),
     "Cyrillic in cp1251: the three read it alike, as words with no ASCII letter"),
    ("He said \u201chello\u201d \u2014 it\u2019s fine.\n".encode("cp1252"), "cp1252 or Mac Icelandic"),
    ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043e\u0434\u043e\u0431\u0440\u0438"
     "\u043b\u043e \u0440\u0435\u0444\u043e\u0440\u043c\u0443 \u043f\u0435\u043d\u0441\u0438\u043e\u043d\u043d\u043e"
     "\u0439 \u0441\u0438\u0441\u0442\u0435\u043c\u044b.\n".encode("cp1251"), "cp1251 or Mac Cyrillic"),
    ("d\u00e9j\u00e0 vu, ".encode() + SPANISH.encode("cp1252"), "UTF-8 and cp1252 pasted together"),
    (bytes(range(1, 256)) * 8, "no encoding reads it as text"),
])
def test_no_guess_when_in_doubt(data, why):
    assert guess_legacy(data) is None, why
    with pytest.raises(NotText, match=r"not valid UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\)"):
        decode(data, at_file_start=True, guess=True)


def test_only_a_file_is_guessed_not_a_line():
    with pytest.raises(NotText, match="not valid UTF-8 .byte 0xf3 at offset 117."):
        decode(SPANISH.encode("cp1252"), at_file_start=False, offset=100)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_utf16_and_utf32_by_their_byte_order_mark(encoding, bom):
    decoded = decode(bom + "na\u00efve \U0001F600\n".encode(encoding), at_file_start=True)
    assert decoded.text == "na\u00efve \U0001F600\n"
    assert decoded.metadata() == {"bom": True, "encoding": encoding}
    with pytest.raises(NotText):  # a mark counts at the start of a file only
        decode(bom + "x".encode(encoding), at_file_start=False)


def test_the_library_reader_gives_the_text_and_says_how_it_was_read(tmp_path):
    (tmp_path / "es.txt").write_bytes(SPANISH.encode("cp1252"))
    (tmp_path / "wide.txt").write_bytes(b"\xff\xfe" + "wide\n".encode("utf-16-le"))
    assert list(read(discover([str(tmp_path)]))) == [
        Record("es.txt", SPANISH, {"encoding": "cp1252", "encoding_guessed": True}, str(tmp_path / "es.txt")),
        Record("wide.txt", "wide\n", {"bom": True, "encoding": "utf-16-le"}, str(tmp_path / "wide.txt"))]
