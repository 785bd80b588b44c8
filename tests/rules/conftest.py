"""Writing small rule packs for a test: `write_pack(text)` → the path of <id>.toml in a temporary folder."""
import textwrap

import pytest
import regex


@pytest.fixture
def write_pack(tmp_path):
    def write(text: str, name: str | None = None):
        text = textwrap.dedent(text)
        pack_id = name or regex.search(r'^id = "([^"]+)"', text, regex.M).group(1)
        path = tmp_path / f"{pack_id}.toml"
        path.write_text(text, encoding="utf-8")
        return path
    return write
