"""cleaner.language.scripts: langcodes' likely scripts, kept in the cache folder, are langcodes' own."""
import langcodes

from cleaner.language import scripts
from cleaner.language.backends import DEFAULT_LANGUAGES


def _asked(language):
    script = langcodes.Language.get(language).maximize().script
    return scripts._COMPOSITES.get(script, (script,)) if script else ()


def test_kept_scripts_are_langcodes(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    likely = scripts._likely_scripts.__wrapped__            # past the per-process answers
    monkeypatch.setattr(scripts, "_likely_scripts", likely)
    asked = {language: _asked(language) for language in DEFAULT_LANGUAGES}
    assert scripts.scripts_of(DEFAULT_LANGUAGES) == asked   # asked of langcodes, then kept
    assert len(list(tmp_path.iterdir())) == 1
    assert scripts.scripts_of(DEFAULT_LANGUAGES) == asked   # read back
    assert scripts.scripts_of(("ja", "xx")) == {"ja": ("Hani", "Hira", "Kana"), "xx": _asked("xx")}
    (next(tmp_path.iterdir())).write_bytes(b"not json")     # a damaged copy is asked again
    assert scripts.scripts_of(("ru", "ko")) == {"ru": ("Cyrl",), "ko": ("Hang", "Hani")}
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")             # nothing kept: langcodes answers
    assert scripts.scripts_of(("el",)) == {"el": ("Grek",)}
