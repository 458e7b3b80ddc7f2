"""Stage 3, the site model: the index, URLs, the page plan, views, feeds, exports, charts and search records (no MkDocs)."""
