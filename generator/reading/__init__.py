"""Stage 1, reading one file: bytes -> a parsed brief, actor or profile, with its diagnostics."""
