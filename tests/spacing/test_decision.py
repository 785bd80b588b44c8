"""The word-pair model, the features around a gap, and the fitted decision that weighs them."""
import pytest

from cleaner.spacing.decision import FEATURES, NAME_FEATURES, decision
from cleaner.spacing.lexicon import lexicon
from cleaner.spacing.around import noise_around, torn
from cleaner.text.tokens import words_around
from cleaner.stages.spacing import SpacingStage
from cleaner.document import Document


@pytest.fixture(scope="module")
def en():
    return lexicon("en")


def test_glue_reads_likelier_apart_and_a_word_likelier_whole(en):
    assert en.pairs.gain(["infrastructure", "in"], "critical", "light") > 5
    for parts, before, after in ((["not", "ice"], "the", "board"), (["car", "pet"], "the", "was"),
                                 (["an", "other"], "in", "country")):
        assert en.pairs.gain(parts, before, after) < 0


def test_a_compound_the_lists_lack_reads_as_glue_to_the_pair_model(en):
    """Why the decision weighs more than the gain: to the pair model an unknown compound is two
    words ("passcard"), so the finder's evidence and the document decide (and when unsure, flag)."""
    assert en.pairs.gain(["pass", "card"], "a", "for") > 3


def test_a_listed_pair_is_read_on_the_scale_of_its_own_corpus(en):
    """The pair list comes from a corpus some 20 times larger than the word counts': read against
    the word counts alone, 'he is' would be likelier than 'he' itself."""
    assert 10 < en.pairs.scale < 50
    assert -1.5 < en.pairs.after("is", "he") < -0.5           # about one "he" in ten is followed by "is"
    assert all(en.pairs.after(w, b) <= 0 for b, w in (("of", "the"), ("united", "states"), ("he", "is")))


def test_the_words_around_decide_between_rival_readings(en):
    """'sayshe': the minister 'says he will', not 'say she will'."""
    says_he = en.pairs.gain(["says", "he"], "minister", "will")
    say_she = en.pairs.gain(["say", "she"], "minister", "will")
    assert says_he > say_she


def test_words_around_stop_at_punctuation():
    text = "the critical infrastructurein light, said"
    start = text.index("infra")
    assert words_around(text, start, start + len("infrastructurein")) == ("critical", "light")
    assert words_around("Hello. Thewar went on", 7, 13) == (None, "went")


def test_noise_is_garbled_text_around_not_names_or_glue():
    prose = "the UKcensus and NATOallies met Stoltenberg in Brussels"
    garbage = "of the (tistril)ui;ions we are inl;(;resl;ed in; l;h;fl; is, t"
    assert noise_around(prose, prose.index("census")) == 0
    assert noise_around(garbage, garbage.index("are")) >= 0.5


def test_a_piece_of_a_word_torn_by_a_stray_space_or_a_hyphen_is_no_glue(en):
    """PDF text tears words ("consider|at ion", "de-script|ions"); splitting a piece tears them more."""
    def real(word):
        return en.is_word(word) is True

    for text, piece in (("An important considerat ion here", "considerat"),
                        ("only uses the de-scriptions provided", "scriptions"),
                        ("no transforma-tions are applied", "transforma")):
        start = text.index(piece)
        assert torn(text, start, start + len(piece), real), text
    glued = "the critical infrastructurein light of"
    start = glued.index("infra")
    assert not torn(glued, start, start + len("infrastructurein"), real)
    for text in ("The parser only uses the de-scriptions provided by the speaker.",
                 "An important considerat ion here is which of the two readings holds."):
        gaps, _ = SpacingStage(language="en").candidates(Document(text))
        assert gaps and all(gap.features()["torn"] == 1.0 for gap in gaps.values())
        assert not any(e.kind == "fix" for e in SpacingStage(language="en").find(Document(text)))


def test_the_fitted_decisions_load_complete_and_monotone_in_evidence():
    for d in (decision("en"), decision("xx", pairs=False)):
        assert set(d.weights) == set(FEATURES) and 0 < d.flag_at <= d.fix_at < 1
        weak, strong = ({"prior": p, "gain": 3.0} for p in (0.6, 0.95))
        assert d.confidence(weak) < d.confidence(strong)
        assert d.confidence({**strong, "noise": 1.0}) < d.confidence(strong)
        assert set(d.name_weights) == set(NAME_FEATURES) and 0 < d.name_fix_at < 1
        name = {"name_reading": 1.0, "prior": 0.4, "part_zipf": 4.0}
        assert d.confidence({**name, "gain": 1.0}) < d.confidence({**name, "gain": 5.0})
        assert d.verdict({**name, "gain": -5.0}) == (None, round(d.confidence({**name, "gain": -5.0}), 2))
    assert decision("xx", pairs=False).version.startswith("en-frequencies-")
    assert decision("es", pairs=False) is decision("es", pairs=False)


def test_a_confident_repair_does_not_depend_on_other_glue_in_the_document():
    """The same glue, alone or beside others, gets the same decision (issue #15)."""
    alone = "Officials said the talks were constructive.Critics disagreed."
    beside = alone + " It was theplan ofthe bank."
    stage = SpacingStage(language="en")
    pos = alone.index("Critics")
    (a,) = [e for e in stage.find(Document(alone)) if e.start == pos]
    (b,) = [e for e in stage.find(Document(beside)) if e.start == pos]
    assert a.kind == b.kind == "fix" and a.confidence == b.confidence


def test_punctuation_between_fragments_weighs_less_than_between_words():
    """OCR tears words at punctuation ("ext)eriment"); prose that lost a space has words both sides."""
    stage = SpacingStage(language="en")
    torn, _ = stage.candidates(Document("In our ext)eriment the rules were applied."))
    lost, _ = stage.candidates(Document("In our tests)the rules were applied."))
    (torn_gap,), (lost_gap,) = ([g for g in gaps.values() if g.family == "punctuation"] for gaps in (torn, lost))
    assert torn_gap.strangers > lost_gap.strangers == 0          # "eriment" is no word; "ext" is listed
    ocr, _ = stage.candidates(Document("Our conclu,sion is that the rules were applied."))
    (ocr_gap,) = [g for g in ocr.values() if g.family == "punctuation"]
    assert ocr_gap.features()["torn_mark"] == 1.0 and lost_gap.features()["torn_mark"] == 0.0   # "conclusion"
    assert decision("en").confidence(ocr_gap.features()) < decision("en").confidence(lost_gap.features())
    assert decision("en").confidence(torn_gap.features()) < decision("en").confidence(lost_gap.features())
