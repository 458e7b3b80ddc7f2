"""Read the parts of mkdocs.yml the checker needs, without importing MkDocs.

The checker must agree with the build about which folder holds the briefs and
which plugin options change validation, so it reads them from the same file,
and refuses a plugin option the build would refuse (see `base.config`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..base.config import PAIR_MIN_BRIEFS, CoreConfig, core_config_from_options, validate_options
from ..corpus.countries import country_alias_problem

PLUGIN_NAME = "briefing"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that turns MkDocs' custom tags (!ENV, !!python/name:...) into None instead of failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


class SiteConfigError(Exception):
    pass


@dataclass(frozen=True)
class SiteSettings:
    docs_dir: Path
    core: CoreConfig = field(default_factory=CoreConfig)
    exclude_docs: tuple[str, ...] = ()
    pair_min_briefs: int = PAIR_MIN_BRIEFS.default  # which pair pages exist, so which files under pairs/ conflict


def read_site_settings(config_file: Path) -> SiteSettings:
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - safe loader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"cannot read {config_file}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{config_file} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise SiteConfigError(f"{config_file} must be a mapping of settings")
    docs_dir = config_file.parent / str(raw.get("docs_dir") or "docs")
    exclude = raw.get("exclude_docs") or ""
    options, problems = validate_options(_plugin_options(raw.get("plugins"), config_file))
    if problems:
        raise SiteConfigError(f"{config_file}: plugin '{PLUGIN_NAME}' " + f"; plugin '{PLUGIN_NAME}' ".join(problems))
    theme = raw.get("theme")
    core = core_config_from_options(options, locale=theme.get("locale") if isinstance(theme, dict) else None)
    _check_country_aliases(core, config_file)
    return SiteSettings(
        docs_dir=docs_dir,
        core=core,
        exclude_docs=tuple(line for line in str(exclude).splitlines() if line.strip()),
        pair_min_briefs=options[PAIR_MIN_BRIEFS.name],
    )


def _check_country_aliases(core: CoreConfig, config_file: Path) -> None:
    problem = country_alias_problem(core)
    if problem:
        raise SiteConfigError(f"{config_file}: {problem}")


def _plugin_options(plugins: Any, config_file: Path) -> dict[str, Any]:
    entries = plugins.items() if isinstance(plugins, dict) else plugins or []
    for entry in entries:
        if isinstance(entry, tuple):
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, {}
        if name == PLUGIN_NAME:
            if options is None:
                return {}
            if not isinstance(options, dict):  # as MkDocs refuses it
                raise SiteConfigError(f"{config_file}: the options of plugin '{PLUGIN_NAME}' must be a mapping")
            return options
    return {}
