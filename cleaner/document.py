"""Document: what a stage looks at — the current text plus per-document state."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(slots=True)
class Document:
    """One document as it moves through a pipeline run.

    `text` is the text as the previous stages left it; `metadata` is where
    stages record what they found (date, title, language, …); `scratch` is
    where a stage may remember work it need not repeat when the pipeline runs
    it again on the same document (keys prefixed with the stage's name). A
    Document lives for one `Pipeline.clean` call, so stages keep no
    per-document state themselves and a pipeline can be shared between threads.
    """

    text: str
    id: str | None = None
    metadata: dict = field(default_factory=dict)
    scratch: dict = field(default_factory=dict)

    def derived(self, name: str, compute: Callable[[str], Any]) -> Any:
        """`compute(self.text)`, remembered while the text stays the same object.

        Several stages look at the same text (its tokens, its protected spans), and the
        pipeline runs stages again after a change: what one worked out, the next reuses.
        The pipeline replaces `text` on every change, so a changed text is never served
        a stale value.
        """
        cached = self.scratch.get("derived")
        if cached is None or cached[0] is not self.text:
            cached = self.scratch["derived"] = (self.text, {})
        values = cached[1]
        if name not in values:
            values[name] = compute(self.text)
        return values[name]
