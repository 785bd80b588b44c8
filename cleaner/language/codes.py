"""Language tags as documents carry them ("en-GB", "pt_BR", "ES") and the code stages read by."""
from __future__ import annotations


def primary(tag: str) -> str:
    """The primary language of a tag, lower case: "en-GB" and "en_gb" are "en" (BCP 47's first subtag)."""
    return tag.lower().replace("_", "-").split("-")[0]
