"""Stage 2, the corpus: discovery, the actor registry, countries, resolution and mention checks -> a validated whole."""
