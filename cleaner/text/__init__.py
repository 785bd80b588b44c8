"""The text layer the stages share: finding words and chunks (tokens), the spans no stage may
touch (protect), a long document's prose blocks (blocks) and literal-led regex scans (scan)."""
