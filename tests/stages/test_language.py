"""language: what the data cases (cases/language.json) cannot say — reasons, metadata, determinism."""
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Pipeline
from cleaner.config import ConfigError, make_stage
from cleaner.document import Document
from cleaner.language import markers
from cleaner.language.backends import BACKENDS, backend
from cleaner.stages.language import LanguageStage

EXAMPLE = Path(__file__).parents[1] / "golden" / "nato-2022-10-12.input.txt"
EN = ("The regional government announced on Friday that bus fares will be frozen for another year, and "
      "that two new routes will connect the hospital with the villages in the valley from September.")
EN2 = ("Passengers have complained for years that the buses to the valley run late in winter, and the council "
       "says the new timetable was drawn up after a survey of more than two thousand people.")
ES = ("El gobierno regional anunció el viernes que las tarifas de los autobuses seguirán congeladas un año más "
      "y que dos nuevas líneas unirán el hospital con los pueblos del valle a partir de septiembre.")
MIXED = f"{EN}\n\n{ES}\n\n{EN2}\n"


def run(text, **options):
    return Pipeline([LanguageStage(**options)]).clean(text)


def test_flag_names_both_languages_and_spans_the_paragraph():
    r = run(MIXED)
    (flag,) = r.flags
    assert flag.rule == "language.foreign-paragraph" and flag.kind == "flag"
    assert flag.reason.startswith("paragraph looks Spanish (es, ")
    assert flag.reason.endswith(") in an English (en) document")
    assert flag.before == ES and MIXED[flag.start:flag.end] == ES
    assert flag.confidence >= 0.9
    assert r.text == MIXED


def test_metadata_holds_document_and_paragraph_languages():
    r = run(f"Bus fares frozen\n\n{MIXED}")
    assert r.metadata["language"] == "en" and 0.5 < r.metadata["language_confidence"] <= 1
    paragraphs = r.metadata["paragraph_languages"]
    assert [p["language"] for p in paragraphs] == ["en", "en", "es", "en"]
    assert paragraphs[0]["by"] == "document"          # a heading inherits the document's language
    assert paragraphs[2]["by"] == "lingua-low"        # a flag always rests on the backend's answer


def test_language_given_with_the_document_is_kept():
    r = Pipeline([LanguageStage()]).clean(MIXED, metadata={"language": "es"})
    assert r.metadata["language"] == "es"
    assert [f.before for f in r.flags] == [EN, EN2]


def test_a_regional_language_given_with_the_document_is_its_language():
    r = Pipeline([LanguageStage()]).clean(MIXED, metadata={"language": "en-GB"})
    assert r.metadata["language"] == "en-GB"
    assert [f.before for f in r.flags] == [ES]


def test_a_language_the_stage_set_itself_is_not_taken_as_given():
    # in a later round of the pipeline the stage sees its own answer in the metadata
    stage, doc = LanguageStage(), Document(ES + "\n")
    stage.find(doc)
    assert doc.metadata["language"] == "es"
    doc.text = MIXED
    assert [e.before for e in stage.find(doc)] == [ES]
    assert doc.metadata["language"] == "en"


def test_example_record_is_english_without_flags():
    r = cleaner.clean(EXAMPLE.read_text(encoding="utf-8"))
    assert r.metadata["language"] == "en"
    assert [e for e in r.edits if e.stage == "language"] == []


def test_default_pipeline_runs_language_before_the_stages_that_read_it():
    names = [s.name for s in cleaner.Pipeline.default().stages]
    assert names.index("language") < min(names.index(n) for n in ("header", "rules", "spacing"))


@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_is_deterministic_across_runs_and_threads(name):
    stage = LanguageStage(backend=name, markers=False)
    texts = [MIXED, ES, EN, f"{ES}\n\n{EN}\n"] * 4
    first = [(r.metadata, [(e.start, e.reason, e.confidence) for e in r.edits])
             for r in map(Pipeline([stage]).clean, texts)]
    with ThreadPoolExecutor(4) as pool:
        again = list(pool.map(Pipeline([stage]).clean, texts))
    assert [(r.metadata, [(e.start, e.reason, e.confidence) for e in r.edits]) for r in again] == first


def test_langdetect_neither_disturbs_nor_depends_on_the_global_random():
    detect = backend("langdetect", ("en", "es", "fr")).detect
    random.seed(12345)
    expected = [random.random() for _ in range(3)]
    random.seed(12345)
    answer = detect(ES)
    assert [random.random() for _ in range(3)] == expected
    random.seed(999)
    assert detect(ES) == answer


def test_langdetect_leaves_its_module_level_factory_alone():
    from langdetect import detector_factory
    before = detector_factory._factory
    backend("langdetect", ("en", "es")).detect(ES)
    assert detector_factory.DetectorFactory.seed is None
    assert detector_factory._factory is before


def test_short_text_of_any_backend_inherits_instead_of_guessing():
    # backends answer short text confidently and wrongly ("Reaction of the opposition" → nl); the stage never asks
    for name in BACKENDS:
        r = run(f"{EN}\n\nReacción de los vecinos\n\n{EN2}\n", backend=name)
        assert r.flags == [] and r.metadata["paragraph_languages"][1]["by"] == "document"


def test_a_document_of_one_sentence_has_its_language_and_later_stages_follow():
    """#19: a sentence alone (five lower-case words or more) is a document with a language of its
    own, so the spelling stage reads it; a paragraph that short inside a document still inherits."""
    r = cleaner.clean("The goverment said it would recieve the report.")
    assert r.metadata["language"] == "en"
    flags = {e.before: e.after for e in r.edits if e.rule == "spelling.unknown-word"}
    assert flags["goverment"] == "government" and flags["recieve"].startswith("receive")
    assert cleaner.clean("Toda persona tiene derecho a la educación.").metadata["language"] == "es"
    assert "language" not in cleaner.clean("Angela Merkel and Emmanuel Macron").metadata   # names: one lower-case word


@pytest.mark.parametrize("values, message", [
    ({"backend": "cld9"}, "backend must be one of"),
    ({"languages": ["en"]}, "at least two languages"),
    ({"languages": ["en", "xx"]}, "has no language xx"),
    ({"min_confidence": 2}, "between 0 and 1"),
])
def test_bad_options_are_config_errors(values, message):
    with pytest.raises(ConfigError, match=message):
        make_stage("language", values)


def test_marker_words_are_what_wordfreq_says():
    # data/language/markers.json is generated; a rebuild must not change it
    built = markers.build()
    loaded = markers.markers()
    assert {w: lang for lang, words in built.items() for w in words} == loaded
    assert loaded["the"] == "en" and loaded["und"] == "de" and "de" not in loaded


def test_same_answers_whatever_the_hash_seed():
    # sets iterate in an order that changes between processes: no answer may depend on it
    import json
    import os
    import subprocess
    import sys
    code = ("import json, sys, cleaner; r = cleaner.clean(sys.stdin.read()); "
            "print(json.dumps([r.metadata, [e.to_dict() for e in r.edits]], sort_keys=True))")
    text = f"{EN}\n\n{ES}\n\n{EN2}\n\nThe goverment will recieve it tommorow, as is well-knwon.\n"
    runs = {subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1
    metadata, edits = json.loads(runs.pop())
    assert metadata["language"] == "en" and {e["stage"] for e in edits} == {"language", "spelling"}


def test_words_are_what_the_word_pattern_finds():
    """The stage's word split (a table at C speed for Latin-1 text) is `_WORD.findall` on any text."""
    from cleaner.stages.language import _WORD, _words
    texts = [EN, ES, MIXED, "l’été “déjà” – ÉTÉ², ½ año_2 Straße … «ça» „so“ Ωmega İstanbul x\u0301y",
             "", "   ", "123 _ a1b", "\ud800 lone surrogate é"]
    texts += [f"ab{chr(c)}cd {chr(c)}x" for c in range(0x3100)]
    for text in texts:
        assert _words(text) == _WORD.findall(text), repr(text)


def test_paragraphs_are_the_stripped_lines_or_blocks():
    """`paragraphs` (a regex over the lines when there is no blank line) against its definition:
    the pieces between blank lines, else the lines, each without `str.strip`'s whitespace."""
    import re
    from cleaner.language.paragraphs import paragraphs

    def defined(text):
        breaks = list(re.finditer(r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n", text))
        bounds = zip([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)])
        spans = []
        for start, end in bounds:
            piece = text[start:end]
            if piece.strip():
                s = start + piece.index(piece.strip()[0])
                spans.append((s, s + len(piece.strip())))
        return spans

    rng = random.Random(3)
    alphabet = ["a", "b", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0", "\u2028", "\u3000", "é", "\n \n"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        assert paragraphs(text) == defined(text), repr(text)


# #19: every language a dump may hold. Real sentences, written for these tests (not from a benchmark set).
@pytest.mark.parametrize("language, text", [
    ("ru", "Правительство объявило в пятницу, что цены на проезд в автобусах не изменятся."),
    ("zh", "政府星期五宣布，明年公共汽车的票价将保持不变。"),
    ("ja", "政府は金曜日、来年もバスの運賃を据え置くと発表した。"),
    ("ar", "أعلنت الحكومة يوم الجمعة أن أسعار تذاكر الحافلات لن تتغير في العام المقبل."),
    ("ko", "정부는 금요일에 내년에도 버스 요금을 동결한다고 발표했다."),
    ("el", "Η κυβέρνηση ανακοίνωσε την Παρασκευή ότι οι τιμές των εισιτηρίων δεν θα αλλάξουν."),
    ("hi", "सरकार ने शुक्रवार को घोषणा की कि अगले साल बस का किराया नहीं बढ़ेगा।"),
    ("pl", "Rząd ogłosił w piątek, że ceny biletów autobusowych nie zmienią się w przyszłym roku."),
    ("tr", "Hükümet cuma günü otobüs bilet fiyatlarının gelecek yıl değişmeyeceğini açıkladı."),
    ("uk", "Уряд оголосив у п'ятницю, що ціни на проїзд в автобусах наступного року не зміняться."),
])
def test_a_sentence_alone_gets_its_language_in_any_script(language, text):
    r = cleaner.clean(text)
    assert r.metadata["language"] == language
    assert r.metadata["language_confidence"] > 0.5



@pytest.mark.parametrize("language, headline", [
    ("el", "Νέα μέτρα για τα λεωφορεία"), ("th", "รัฐบาลตรึงราคา"), ("ko", "버스 요금 동결"), ("he", "מחירי האוטובוס")])
def test_a_headline_in_a_script_of_one_language_gets_it_below_the_word_count(language, headline):
    """Fewer words than min_document_words, but no other language of the set is written so."""
    assert cleaner.clean(headline).metadata["language"] == language
    assert "language" not in cleaner.clean("Новые меры").metadata       # Cyrillic: ru, uk, bg … too short to tell

PL = ("Rząd ogłosił w piątek, że ceny biletów autobusowych pozostaną zamrożone przez kolejny rok, a dwie nowe "
      "linie połączą szpital z wioskami w dolinie od września.")


def test_an_untranslated_polish_paragraph_in_an_english_article_is_flagged():
    text = f"{EN}\n\n{PL}\n\n{EN2}\n"
    r = run(text)
    (flag,) = r.flags
    assert flag.before == PL and flag.reason.startswith("paragraph looks Polish (pl, ")
    assert [p["language"] for p in r.metadata["paragraph_languages"]] == ["en", "pl", "en"]


def test_a_paragraph_in_another_script_is_flagged_and_read_by_its_script():
    greek = ("Η περιφερειακή κυβέρνηση ανακοίνωσε την Παρασκευή ότι οι τιμές των εισιτηρίων θα παραμείνουν "
             "σταθερές για έναν ακόμη χρόνο.")
    r = run(f"{EN}\n\n{greek}\n\n{EN2}\n")
    assert [f.before for f in r.flags] == [greek]
    assert r.metadata["paragraph_languages"][1] == {"language": "el", "confidence": 1.0, "by": "script"}


def test_chinese_text_is_counted_by_its_characters_not_its_spaces():
    """Chinese has no spaces and no lower case: a sentence is enough letters, not enough words."""
    stage = LanguageStage()
    words, units, candidates, _ = stage._survey("政府星期五宣布，明年公共汽车的票价将保持不变。")
    # Han letters are written in Chinese, Japanese (Jpan) and Korean (Kore): the backend chooses
    assert units >= stage.options.min_document_words and set(candidates) == {"zh", "ja", "ko"}
    assert stage._survey("今日は雨が降っています。")[2] == ("ja",)      # kana: Japanese alone


def test_a_language_outside_the_set_is_left_unset_not_guessed():
    # with the nine languages of old, Polish markers deny the backend's nearest answer
    nine = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro")
    assert "language" not in run(PL, languages=nine).metadata
    assert "language" not in run("Правительство объявило в пятницу, что цены не изменятся.",
                                 languages=nine).metadata     # no language of the set is written in Cyrillic


def test_names_in_an_english_line_do_not_make_it_foreign():
    r = cleaner.clean("Gabriela Velasco Andreu (born 1 April 1985) is a former professional Spanish tennis player.")
    assert r.metadata.get("language") in (None, "en")


def test_models_are_not_loaded_at_import_nor_for_a_script_of_one_language():
    import subprocess
    import sys
    code = ("import sys, cleaner; from cleaner.language import backends; "
            "assert backends._build.cache_info().currsize == 0; "
            "from cleaner.stages.language import LanguageStage; r = cleaner.Pipeline([LanguageStage()]).clean('Η κυβέρνηση ανακοίνωσε την "
            "Παρασκευή ότι οι τιμές δεν θα αλλάξουν.'); assert r.metadata['language'] == 'el'; "
            "assert backends._build.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_unsure_guess_is_recorded_as_one_and_acted_on_by_no_stage():
    """#19: a sentence the backend cannot tell between Danish and Norwegian gets no language (no
    stage reads it by the wrong word list) but its guess is kept, with how sure it was."""
    import cleaner
    result = cleaner.clean("Vi har ikke tid til at vente på svar fra dem.")
    assert "language" not in result.metadata
    guess = result.metadata["language_guess"]
    assert guess["language"] in ("da", "nb") and 0.3 < guess["confidence"] < 0.9
    sure = cleaner.clean("El gobierno dijo que no hay más dinero para eso.")
    assert sure.metadata["language"] == "es" and "language_guess" not in sure.metadata


def test_a_short_german_sentence_of_few_lower_case_words_gets_its_language_from_its_markers():
    """German capitalises its nouns, so a short sentence has few lower-case words: three marker
    words of one language and none of another settle a document read whole of five words or more."""
    import cleaner
    assert cleaner.clean("Das Kind ist nicht zu Hause.").metadata["language"] == "de"
    assert "language" not in cleaner.clean("Berlin ist nicht Paris.").metadata      # four words
