"""Pipeline construction (defaults, TOML, plugins), errors, and thread safety."""
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import cleaner
from cleaner import Pipeline, Stage, StageError
from cleaner.config import ConfigError
from cleaner.registry import UnknownStage, available
from cleaner.stages.language import LanguageStage


class Shout(Stage):
    """Test plugin: upper-cases the word 'nato' and flags 'otan'."""

    name = "shout"

    def find(self, doc):
        text, edits = doc.text, []
        for word, make in (("nato", "fix"), ("otan", "flag")):
            i = text.find(word)
            if i >= 0:
                edits.append(self.fix(text, i, i + 4, "NATO", "acronym", "lower-case acronym")
                             if make == "fix" else
                             self.flag(text, i, i + 4, "spanish", "Spanish acronym", 0.5, "NATO"))
        return sorted(edits, key=lambda e: e.start)


class Broken(Stage):
    name = "broken"

    def find(self, doc):
        return [self.fix(doc.text, 0, 1, "x", "r", "r"), self.fix(doc.text, 0, 2, "y", "r", "r")]


def write(tmp_path, text):
    path = tmp_path / "cleaner.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_default_pipeline_stages():
    assert [s.name for s in Pipeline.default().stages] == [
        "encoding", "whitespace", "language", "header", "rules", "spacing", "spelling"]


def test_config_orders_stages_and_sets_options(tmp_path):
    path = write(tmp_path, """
        [pipeline]
        stages = ["whitespace", "tests.test_pipeline:Shout"]
        [stage.whitespace]
        max_blank_lines = 0
    """)
    p = Pipeline.from_config(path)
    assert [s.name for s in p.stages] == ["whitespace", "shout"]
    r = p.clean("the  nato and otan\n\n\nsummit")
    assert r.text == "the NATO and otan\nsummit"
    assert [(e.rule, e.kind) for e in r.edits] == [
        ("whitespace.space-run", "fix"), ("shout.acronym", "fix"),
        ("shout.spanish", "flag"), ("whitespace.blank-lines", "fix")]
    flag = r.flags[0]
    assert (flag.start, flag.end, flag.before, flag.after) == (14, 18, "otan", "NATO")


def test_the_config_hash_follows_what_cleans_not_how_it_is_written(tmp_path):
    default = Pipeline.default().config_hash()
    spelled_out = write(tmp_path, """
        [pipeline]
        stages = ["encoding", "whitespace", "language", "header", "rules", "spacing", "spelling"]
        max_rounds = 5
        [stage.whitespace]
        max_blank_lines = 1
    """)
    assert Pipeline.from_config(spelled_out).config_hash() == default  # the defaults, written out
    assert Pipeline.default().config_hash() == default
    others = [
        '[pipeline]\nstages = ["encoding", "whitespace"]\n',
        '[pipeline]\nstages = ["whitespace", "encoding"]\n',
        '[pipeline]\nstages = ["encoding", "whitespace"]\nmax_rounds = 2\n',
        '[pipeline]\nstages = ["encoding", "whitespace"]\n[stage.whitespace]\nmax_blank_lines = 2\n',
    ]
    hashes = {Pipeline.from_config(write(tmp_path, toml)).config_hash() for toml in others}
    assert len(hashes) == len(others) and default not in hashes


@pytest.mark.parametrize("toml,message", [
    ('[pipeline]\nstages = ["nope"]', "unknown stage 'nope'"),
    ('[pipeline]\nstages = ["whitespace"]\n[stage.whitespace]\nbogus = 1', "has no option bogus"),
    ('[pipeline]\nstages = ["whitespace"]\n[stage.whitespace]\nmax_blank_lines = -1', "max_blank_lines"),
    ('[pipeline]\nstages = ["whitespace"]\n[stage.encoding]\nuncurl_quotes = true', "not in the pipeline"),
    ('[pipeline]\nstages = "whitespace"', "needs [pipeline] stages"),
    ('[pipeline\n', "not valid TOML"),
    ('[pipeline]\nstages = ["no_such_module:Stage"]', "cannot load stage"),
    ('[pipeline]\nstages = ["os:getcwd"]', "not a cleaner Stage subclass"),
])
def test_bad_config_names_the_problem(tmp_path, toml, message):
    with pytest.raises((ConfigError, UnknownStage), match=message.replace("[", r"\[")):
        Pipeline.from_config(write(tmp_path, toml))


def test_entry_point_plugin_is_found(tmp_path, monkeypatch):
    dist = tmp_path / "shoutplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shoutplugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[cleaner.stages]\nshout = tests.test_pipeline:Shout\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert available()["shout"] == "tests.test_pipeline:Shout"
    p = Pipeline.from_dict({"pipeline": {"stages": ["shout"]}})
    assert p.clean("a nato b").text == "a NATO b"


def test_a_stage_that_breaks_the_edit_contract_is_named():
    with pytest.raises(StageError, match="broken"):
        Pipeline([Broken()]).clean("hello")


def test_same_stage_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        Pipeline([Shout(), Shout()])


def test_clean_refuses_bytes():
    with pytest.raises(TypeError):
        cleaner.clean(b"bytes")


def test_pipeline_is_safe_to_share_between_threads():
    texts = [f"doc {i}:  caf\u00c3\u00a9 &amp; more\r\n\r\n\r\nline {i} \u00a0end " * (1 + i % 7) for i in range(300)]
    p = Pipeline.default()
    expected = [(r.text, r.edits) for r in map(p.clean, texts)]
    barrier = threading.Barrier(8)

    def work(i):
        if i < 8:
            barrier.wait()
        r = p.clean(texts[i])
        return r.text, r.edits

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(work, range(len(texts)))) == expected


def test_result_diff_shows_both_sides():
    r = cleaner.clean("caf\u00c3\u00a9\r\n")
    assert "-caf\u00c3\u00a9" in r.diff() and "+caf\u00e9" in r.diff()


def test_a_run_records_the_fitted_decision_it_cleaned_with(monkeypatch):
    """summary.json holds describe(); a refitted decision is another config (so --resume refuses it)."""
    import dataclasses

    from cleaner.stages import spacing

    (stage,) = [s for s in Pipeline.default().describe() if s["stage"] == "spacing"]
    assert stage["models"]["decision en"]["version"].startswith("en-")
    assert stage["models"]["decision es"]["version"].startswith("en-frequencies-")
    before = Pipeline.default().config_hash()
    refit = dataclasses.replace(spacing.decision("en"), version="en-refit")
    monkeypatch.setattr(spacing, "decision", lambda language, pairs=True: refit)
    assert Pipeline.default().config_hash() != before


class SureOnceTheRestIsFixed(Stage):
    """Test plugin: unsure of a glued 'ab' (a flag) until no other glued 'cd' is left, then sure."""

    name = "sure-later"

    def find(self, doc):
        text = doc.text
        if "cd" in text:
            i = text.index("cd")
            unsure = [self.flag(text, text.index("ab") + 1, text.index("ab") + 1, "glue", "maybe", 0.5, " ")]
            return sorted(unsure + [self.fix(text, i + 1, i + 1, " ", "glue", "sure")], key=lambda e: e.start)
        return [self.fix(text, text.index("ab") + 1, text.index("ab") + 1, " ", "glue", "sure now")] if "ab" in text else []


def test_a_flag_that_a_later_round_made_a_fix_is_reported_once_as_the_fix():
    r = Pipeline([SureOnceTheRestIsFixed()]).clean("xx ab yy cd")
    assert r.text == "xx a b yy c d"
    assert [(e.kind, e.start, e.reason) for e in r.edits] == [("fix", 4, "sure now"), ("fix", 10, "sure")]


class Seen(Stage):
    """Test plugin: records the language each call of find() saw, and changes nothing."""

    name = "seen"

    def __init__(self, name="seen", reads=None):
        super().__init__()
        self.name, self.reads, self.calls = name, reads, []

    def find(self, doc):
        self.calls.append(doc.metadata.get("language"))
        return []


class CountedLanguage(LanguageStage):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def find(self, doc):
        self.calls += 1
        return super().find(doc)


ENGLISH = ("The ministers met in Brussels on Wednesday to discuss how the alliance could protect "
           "the pipelines and cables that run under the sea, after the explosions of last month.")


def test_a_language_found_is_shown_again_only_to_the_stages_before_that_read_it():
    reader, blind, after, language = Seen("reader"), Seen("blind", reads=()), Seen("after"), CountedLanguage()
    r = Pipeline([reader, blind, language, after]).clean(ENGLISH)
    assert r.metadata["language"] == "en"
    assert reader.calls == [None, "en"]     # it reads the language: it sees the document again
    assert blind.calls == [None]            # it reads none: the same text needs no second look
    assert after.calls == ["en"]
    assert language.calls == 1              # the stage that found the language has seen it


def test_a_repair_is_shown_to_every_stage_again():
    reader, blind, language = Seen("reader"), Seen("blind", reads=()), CountedLanguage()
    r = Pipeline([reader, blind, language, Shout()]).clean(ENGLISH + " The nato summit follows.")
    assert "NATO summit" in r.text
    assert reader.calls == [None, "en"] and blind.calls == [None, "en"] and language.calls == 2


def test_stages_by_name():
    p = Pipeline(["encoding", "whitespace", Shout()])
    assert [s.name for s in p.stages] == ["encoding", "whitespace", "shout"]
    assert p.clean("caf\u00c3\u00a9  nato\r\n").text == "caf\u00e9 NATO\n"
    assert Pipeline(["whitespace"]).config_hash() == Pipeline.from_dict({"pipeline": {"stages": ["whitespace"]}}).config_hash()
    with pytest.raises(ConfigError, match="unknown stage 'nope'"):
        Pipeline(["nope"])
    with pytest.raises(TypeError, match="a list of stages"):
        Pipeline("whitespace")
