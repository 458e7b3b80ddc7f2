"""The site's locale for the plugin: `site.locale` loaded from ``theme.locale`` and the theme's folders, its
problems logged, and MkDocs' warning about gettext catalogues kept for the languages the theme cannot speak."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..base.diagnostics import escape_text
from ..site.locale import LocaleError, Locales, load_locales

log = logging.getLogger("mkdocs.plugins.briefing")


def site_locales(config: MkDocsConfig) -> Locales:
    """The theme's strings in ``theme.locale``; their problems are warnings, so --strict fails them."""
    try:
        locales = load_locales(str(config.theme.locale or ""), config.theme.dirs)
    except LocaleError as exc:
        raise PluginError(f"briefing: {escape_text(str(exc))}") from exc
    for diagnostic in locales.diagnostics:
        log.warning(diagnostic.as_text())
    _quiet_missing_translations(locales)
    return locales


class _TheLocaleFileTranslates(logging.Filter):
    """MkDocs warns that a locale has no gettext catalogue (``locales/<lang>/LC_MESSAGES``) in the theme: this theme's
    strings come from its locale file instead, so the warning is wrong for a language that has one."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        super().__init__()
        self.languages = languages

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("No translations could be found for the locale '")
                    and message.split("'")[1].split("_")[0] in self.languages)  # fmt: skip


def _quiet_missing_translations(locales: Locales) -> None:
    logger = logging.getLogger("mkdocs.localization")
    for old in [f for f in logger.filters if isinstance(f, _TheLocaleFileTranslates)]:
        logger.removeFilter(old)
    logger.addFilter(_TheLocaleFileTranslates(locales.available))
