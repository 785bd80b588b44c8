"""Summary: the counts of a run, as summary.json holds them and the one-line summary says them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import __version__
from ..edits import FIX
from ..result import Result

UNKNOWN_LANGUAGE = "unknown"     # summary.json's key for the documents no stage gave a language


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 document`, `2 documents`, `0 fixes`: a count and its noun, as a reader says them."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@dataclass
class Summary:
    """Totals over the documents of a run.

    `documents_in` is derived: every document read is either written or
    rejected, so in = out + rejected holds by construction. `by_stage` and
    `by_rule` count every step of a merged edit, so a mojibake repair that the
    whitespace stage then touched counts once for each rule.
    """

    pipeline: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    config_sha256: str | None = None  # Pipeline.config_hash of the pipeline that cleaned the documents
    out: int = 0
    rejected: int = 0
    changed: int = 0
    fixes: int = 0
    flags: int = 0
    chars_in: int = 0
    chars_out: int = 0
    seconds: float = 0.0
    by_stage: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    stage_seconds: Counter = field(default_factory=Counter)   # time each stage took, summed over documents
    languages: Counter = field(default_factory=Counter)       # documents by metadata["language"] ("unknown": none)
    output: dict | None = None    # {"path": absolute, "format": "txt" | "jsonl"}: where the documents went
    report: dict | None = None    # {"id", "data"}: set by the report writer
    applied: dict | None = None   # what `cleaner apply` used: the report and the decisions
    resumed: dict | None = None   # {"shards", "done_before"}: a run that went on from an interrupted one
    worker_failures: list | None = None  # each worker process that died: shard, attempt, what became of it
    skipped: dict | None = None   # files of a type cleaner does not read found in input folders, by suffix

    @property
    def documents_in(self) -> int:
        return self.out + self.rejected

    def add(self, result: Result) -> None:
        self.out += 1
        self.changed += result.changed
        self.chars_in += len(result.original)
        self.chars_out += len(result.text)
        self.stage_seconds.update(result.seconds)
        language = result.metadata.get("language")
        self.languages[language if isinstance(language, str) and language else UNKNOWN_LANGUAGE] += 1
        for edit in result.edits:
            if edit.kind == FIX:
                self.fixes += 1
            else:
                self.flags += 1
            for step in edit.parts or (edit,):
                self.by_stage[step.stage] += 1
                self.by_rule[step.rule] += 1

    def reject(self) -> None:
        self.rejected += 1

    _COUNTS = ("out", "rejected", "changed", "fixes", "flags", "chars_in", "chars_out")

    def counts(self) -> dict:
        """The totals alone, as a JSON object: what a shard of a run hands back to be merged."""
        return {**{k: getattr(self, k) for k in self._COUNTS},
                "by_stage": dict(self.by_stage), "by_rule": dict(self.by_rule),
                "stage_seconds": dict(self.stage_seconds), "languages": dict(self.languages)}

    def merge(self, counts: dict) -> None:
        for k in self._COUNTS:
            setattr(self, k, getattr(self, k) + counts[k])
        self.by_stage.update(counts["by_stage"])
        self.by_rule.update(counts["by_rule"])
        self.stage_seconds.update(counts["stage_seconds"])
        self.languages.update(counts.get("languages", {}))     # a shard done before languages were counted has none

    def to_dict(self) -> dict:
        return {
            "documents": {"in": self.documents_in, "out": self.out, "rejected": self.rejected,
                          "changed": self.changed},
            "edits": {"total": self.fixes + self.flags, "fixes": self.fixes, "flags": self.flags,
                      "by_stage": dict(sorted(self.by_stage.items())),
                      "by_rule": dict(sorted(self.by_rule.items()))},
            "chars": {"in": self.chars_in, "out": self.chars_out},
            "seconds": round(self.seconds, 3),
            "stage_time": {name: {"seconds": round(s, 3)} for name, s in self.stage_seconds.items()},
            "languages": dict(self.languages.most_common()),
            "languages_not_read": self.languages_not_read(),
            "pipeline": self.pipeline,
            "cleaner_version": __version__,
            "config_sha256": self.config_sha256,
            "options": self.options,
            **{key: value for key, value in (("output", self.output), ("report", self.report),
                                             ("applied", self.applied), ("resumed", self.resumed),
                                             ("worker_failures", self.worker_failures),
                                             ("skipped", self.skipped))
               if value is not None},
        }

    def languages_not_read(self) -> dict:
        """stage → {language: documents} of the documents in a language the stage has no word
        list for (`Stage.languages`, in the pipeline's description): the spelling stage checks no
        Polish document, the spacing stage splits no word of one."""
        out = {}
        for stage in self.pipeline:
            read = stage.get("languages")
            if read is None:
                continue
            missed = {language: n for language, n in self.languages.most_common()
                      if language != UNKNOWN_LANGUAGE and language not in read}
            if missed:
                out[stage["stage"]] = missed
        return out

    def line(self) -> str:
        return (f"{counted(self.documents_in, 'document')} in, {self.out} out, {self.rejected} rejected; "
                f"{counted(self.fixes + self.flags, 'edit')} ({counted(self.fixes, 'fix', 'fixes')}, "
                f"{counted(self.flags, 'flag')}); {self.seconds:.2f} s")
