"""A real run to review: the sample dump plus documents written to attack the report page."""
import json
import shutil
from pathlib import Path

import pytest

from cleaner.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Hostile documents: each also carries a defect, so that it has edits and a document view.
HOSTILE = {
    "xss/script.txt": "Breaking:  <script>window.__pwned = 1; alert('script')</script> news.\r\n",
    "xss/img.txt": "Photo caf\u00c3\u00a9  <img src=x onerror=\"window.__pwned = 2; alert('img')\"> here.\n",
    "xss/link.txt": "Read <a href=\"javascript:window.__pwned=3\">this</a>  now &amp; later.\n",
    "xss/close.txt": "Data </script><script>window.__pwned = 4</script><!-- x -->  end.\n",
    "xss/bidi.txt": "Invoice \u202eexe.txt\u202c  total\u00a0due.\n",
}


def write_dump(root: Path) -> Path:
    shutil.copytree(ROOT / "data/sample", root)
    for name, text in HOSTILE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "xss/ids.jsonl").write_text(json.dumps(
        {"id": "<img src=x onerror=window.__pwned=5>", "text": "Glued  text\u00a0here.\n"}) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def run(tmp_path):
    """(input folder, output folder, report folder) of `cleaner clean` on the dump."""
    dump = write_dump(tmp_path / "in")
    out, rep = tmp_path / "out", tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(out), "--report", str(rep), "-q"]) == 0
    return dump, out, rep


def report_id(rep: Path) -> str:
    return json.loads((rep / "summary.json").read_text())["report"]["id"]


def records(rep: Path) -> list[dict]:
    return [json.loads(line) for line in (rep / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
