"""spelling: what the data cases (cases/spelling.json) cannot say — suggestions, metadata, the example record."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Pipeline
from cleaner.config import ConfigError, make_stage
from cleaner.document import Document
from cleaner.edits import replay
from cleaner.spelling.near import distance
from cleaner.spelling.vocabulary import vocabulary
from cleaner.stages.language import LanguageStage
from cleaner.stages.spelling import SpellingStage

EXAMPLE = Path(__file__).parents[1] / "golden" / "nato-2022-10-12.input.txt"


def flags(text, metadata=None, **options):
    return Pipeline([SpellingStage(**options)]).clean(text, metadata=metadata).flags


def test_flag_carries_up_to_three_suggestions_in_after_and_reason():
    (flag,) = flags("They will recieve it.", language="en")
    assert flag.before == "recieve" and flag.kind == "flag"
    suggestions = flag.after.split(", ")
    assert suggestions[0] == "receive" and 1 <= len(suggestions) <= 3
    assert all(repr(s) in flag.reason for s in suggestions)
    assert 0 < flag.confidence < 1


def test_language_comes_from_metadata_and_languages_without_a_word_list_get_no_flags():
    assert [f.before for f in flags("The goverment met.", metadata={"language": "en"})] == ["goverment"]
    assert flags("El govern es va reunir ahir amb els sindicats.", metadata={"language": "ca"}) == []
    assert flags("The goverment met.", metadata={"language": "ro"}) == []


def test_names_in_the_example_record_are_never_flagged():
    r = cleaner.clean(EXAMPLE.read_text(encoding="utf-8"))
    assert r.metadata["language"] == "en"
    assert [e for e in r.edits if e.stage == "spelling"] == []


def test_default_pipeline_leaves_clean_text_with_a_misspelling_unchanged():
    text = "The goverment will review its plans for the railway next week, the minister said on Monday.\n"
    r = cleaner.clean(text)
    assert r.text == text
    assert [(e.rule, e.before) for e in r.edits] == [("spelling.unknown-word", "goverment")]


def test_paragraph_in_another_language_is_not_spell_checked_as_the_documents():
    en = ("The regional government announced on Friday that bus fares will be frozen for another year, and "
          "that two new routes will connect the hospital with the villages in the valley.")
    es = ("El gobierno regional anunció el viernes que las tarifas de los autobuses seguirán congeladas un año "
          "más y que dos nuevas líneas unirán el hospital con los pueblos del valle.")
    r = Pipeline([LanguageStage(), SpellingStage()]).clean(f"{en}\n\n{es}\n\n{en}\n")
    assert [e.rule for e in r.edits] == ["language.foreign-paragraph"]


def test_fix_mode_is_reversible_and_says_so():
    text = "The goverment met. They will recieve it."
    r = Pipeline([SpellingStage(language="en", fix=True)]).clean(text)
    (fix,) = r.fixes
    assert (fix.before, fix.after) == ("goverment", "government") and "fix mode" in fix.reason
    assert replay(text, r.fixes) == r.text and r.revert() == text
    assert [f.before for f in r.flags] == ["recieve"]


def test_same_verdicts_on_every_thread():
    texts = ["The goverment met tommorow.", "They will recieve it untill Friday.", "A well-knwon fact."] * 8
    p = Pipeline([SpellingStage(language="en")])
    first = [[(e.start, e.after, e.confidence) for e in p.clean(t).edits] for t in texts]
    with ThreadPoolExecutor(4) as pool:
        again = list(pool.map(p.clean, texts))
    assert [[(e.start, e.after, e.confidence) for e in r.edits] for r in again] == first


def test_two_edits_found_through_the_deletion_index():
    (d1, ones), (d2, twos) = vocabulary("en").near("tommorow", 2)
    assert (d1, d2) == (1, 2) and "tomorrow" not in ones
    assert "tomorrow" in twos and all(distance("tommorow", w) == 2 for w in twos)


def test_allow_files(tmp_path):
    path = tmp_path / "allow.txt"
    path.write_text("# our house style\ngoverment\nes:goberno\n", encoding="utf-8")
    assert flags("The goverment met.", language="en", allow_files=[str(path)]) == []


@pytest.mark.parametrize("values, message", [
    ({"language": "ca"}, "no word list for language 'ca'"),
    ({"distance": 3}, "distance must be 1 or 2"),
    ({"allow": "word"}, "must be a list"),
    ({"allow_files": ["/nonexistent/allow.txt"]}, "cannot read allow-list"),
])
def test_bad_options_are_config_errors(values, message):
    with pytest.raises(ConfigError, match=message):
        make_stage("spelling", values)


def test_a_run_of_letters_longer_than_any_word_is_not_checked():
    run = "inthehistoricalcontextofthewar" * 100          # 3,000 letters of glued text
    edits = SpellingStage().find(Document(f"He said recieve {run} today.", metadata={"language": "en"}))
    assert [e.before for e in edits] == ["recieve"]
    assert SpellingStage(max_length=5000).find(Document(run[:60], metadata={"language": "en"}))  # a flag when allowed


def test_russian_slips_are_flagged_and_its_word_forms_known():
    """#19: Russian has a word list now; its inflected forms come from wordfreq's list too
    (data/spelling/ru.toml), so a form pyspellchecker lacks is no slip, and a slip is offered it."""
    import cleaner
    right = "Министр обороны заявил, что правительство рассмотрит новые предложения на следующей неделе."
    assert [e for e in cleaner.clean(right).edits if e.stage == "spelling"] == []
    slipped = cleaner.clean(right.replace("правительство", "правителство"))
    assert slipped.metadata["language"] == "ru"
    assert [(e.before, e.after.split(", ")[0]) for e in slipped.edits] == [("правителство", "правительство")]
    names = "Президент Зеленский встретился с министрами в Киеве и обсудил поставки оружия."
    assert cleaner.clean(names).edits == []


def test_a_spanish_plural_the_list_lacks_is_a_word_and_suggested():
    import cleaner
    right = "Las autoridades anunciaron nuevas medidas para proteger las libertades de los ciudadanos."
    assert [e for e in cleaner.clean(right).edits if e.stage == "spelling"] == []
    slipped = cleaner.clean(right.replace("libertades", "libertaes"))
    flags = [e for e in slipped.edits if e.stage == "spelling"]
    assert [(e.before, e.after.split(", ")[0]) for e in flags] == [("libertaes", "libertades")]
