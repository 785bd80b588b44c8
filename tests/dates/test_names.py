"""cleaner.dates.names: the kept table of month and weekday names is dateparser's."""
import subprocess
import sys

from cleaner.dates import names

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")


def test_the_kept_table_is_the_one_read_from_dateparser(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    fresh = names.names(LANGUAGES)
    assert [p.name.startswith("header-names-") for p in tmp_path.iterdir()] == [True]
    assert names.names(LANGUAGES) == fresh == names._from_dateparser(LANGUAGES)
    assert fresh.month_numbers["octubre"] == 10 and fresh.month_languages["mai"] == ["fr", "de", "pt"]
    assert "mardi" in fresh.weekdays and fresh.months[0] == max(fresh.months, key=len)


def test_a_damaged_table_is_read_again_from_dateparser(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    names.names(("en",))
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b'{"months": [')
    assert names.names(("en",)) == names._from_dateparser(("en",))


def test_other_languages_are_another_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    assert names.names(("en",)) != names.names(("en", "es"))
    assert len(list(tmp_path.iterdir())) == 2


def test_a_process_with_the_table_kept_does_not_import_dateparser(tmp_path):
    code = ("import sys\nfrom cleaner.stages.header import HeaderStage\nHeaderStage()\n"
            "print('dateparser' in sys.modules)")
    env = {"CLEANER_CACHE_DIR": str(tmp_path), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]
