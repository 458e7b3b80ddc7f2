"""The plugin's options are declared once: MkDocs and the checker accept and refuse the same values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from core_support import VALID_BRIEF, write_site
from mkdocs.config import config_options as c

from generator.base.config import OPTIONS, CoreConfig, core_config_from_options, validate_options
from generator.cli.main import main
from generator.plugin.options import BriefingConfig


def test_mkdocs_config_options_are_the_declared_options() -> None:
    schema = dict(BriefingConfig._schema)
    assert list(schema) == [option.name for option in OPTIONS]
    defaults = BriefingConfig()
    for option in OPTIONS:
        assert defaults[option.name] == option.default, option.name
        config_option = schema[option.name]
        if option.choices:
            assert isinstance(config_option, c.Choice)
            assert tuple(config_option.choices) == option.choices
        elif option.item_kind is not None:
            assert isinstance(config_option, c.ListOfItems)
        else:
            assert isinstance(config_option, c.Type)
            assert config_option._type is option.kind


def _mkdocs_validates(name: str, value: Any) -> tuple[bool, Any]:
    config = BriefingConfig()
    config.load_dict({name: value})
    errors, _ = config.validate()
    return not errors, config[name]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("raw_html", "refuse"),
        ("raw_html", "refuze"),
        ("raw_html", None),
        ("raw_html", 1),
        ("related_count", 3),
        ("related_count", "five"),
        ("related_count", True),  # MkDocs' Type(int) takes a bool, which Python counts as an int
        ("feed_entries", 2.5),
        ("autolink", False),
        ("autolink", "yes"),
        ("search", 1),
        ("not_briefs", ["about.md"]),
        ("not_briefs", "about.md"),
        ("not_briefs", [1]),
        ("country_aliases", {"Bharat": "IN"}),
        ("country_aliases", ["Bharat"]),
        ("check_mentions", None),
        ("parallel_threshold", "0"),
        ("roles", {"actors": {"sponsor": {"label": "sponsor", "plural": "sponsors"}}}),
        ("roles", {"countries": {}}),
        ("roles", None),
        ("roles", ["perpetrator"]),
        ("roles", {"actor": {}}),
        ("roles", {"actors": ["perpetrator"]}),
        ("roles", {"actors": {"sponsor": "sponsor"}}),
        ("roles", {"actors": {"Sponsor": {"label": "sponsor", "plural": "sponsors"}}}),
        ("roles", {"actors": {"sponsor": {"label": "sponsor"}}}),
        ("roles", {"actors": {"sponsor": {"label": "", "plural": "sponsors"}}}),
    ],
)
def test_checker_validates_each_option_as_mkdocs_does(name: str, value: Any) -> None:
    accepted, validated = _mkdocs_validates(name, value)
    values, problems = validate_options({name: value})
    assert (not problems) == accepted, problems
    if accepted:
        assert values[name] == validated


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write_site(tmp_path / "briefs", {"2024/a.md": VALID_BRIEF})
    return tmp_path


def _configure(site: Path, options: str) -> Path:
    config = site / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: briefs\nplugins:\n  - briefing:\n      {options}\n", encoding="utf-8")
    return config


def test_check_refuses_a_value_outside_the_choices_naming_file_option_value_and_choices(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _configure(site, "raw_html: refuze")
    assert main(["check", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"error: {config}: plugin 'briefing' option 'raw_html': 'refuze' is not one of 'sanitize', 'refuse' "
        "(did you mean 'refuse'?)\n"
    )


def test_check_refuses_a_value_of_the_wrong_type(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _configure(site, 'related_count: "five"')
    assert main(["check", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"error: {config}: plugin 'briefing' option 'related_count': expected a whole number, got the string 'five'\n"
    )


def test_check_reports_every_invalid_option_at_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _configure(site, "raw_html: refuze\n      search: maybe")
    assert main(["check", "--config", str(config)]) == 2
    error = capsys.readouterr().err
    assert "option 'raw_html'" in error
    assert "option 'search': expected true or false, got the string 'maybe'" in error


def test_check_refuses_options_that_are_not_a_mapping(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: briefs\nplugins:\n  - briefing: [autolink]\n", encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 2
    assert capsys.readouterr().err == f"error: {config}: the options of plugin 'briefing' must be a mapping\n"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"actor": {}}, "unknown key 'actor' (did you mean 'actors'?); the keys are 'actors', 'countries'"),
        ({"actors": "perpetrator"}, "actors: expected a mapping of role -> {label, plural}, got the string 'perpetrator'"),
        ({"actors": {"perp": {"label": "alleged perpetrator"}}}, "actors.perp: 'plural' is missing"),
        ({"countries": {"origin": {"label": "origin", "plural": "origins", "plurals": "x"}}},
         "countries.origin: unknown key 'plurals' (did you mean 'plural'?); the keys are 'label', 'plural'"),
        ({"countries": {"of origin": {"label": "origin", "plural": ["origins"]}}},
         "countries.of origin: a role's key may only use a-z, 0-9 and single hyphens; "
         "countries.of origin: 'plural' must be some text, got a list"),
        ({"actors": {"x": {"label": "y" * 61, "plural": "z"}}}, "actors.x: 'label' is 61 characters; the limit is 60"),
    ],
)  # fmt: skip
def test_each_problem_of_the_roles_option_is_named_where_it_is(value: Any, problem: str) -> None:
    assert validate_options({"roles": value})[1] == [f"option 'roles': {problem}"]


def test_a_kind_of_roles_left_out_keeps_the_defaults_and_an_empty_one_has_none() -> None:
    values, _ = validate_options({"roles": {"actors": {}}})
    roles = core_config_from_options(values).roles
    assert roles.actors == ()
    assert [r.key for r in roles.countries] == ["origin", "target", "responder"]
    assert core_config_from_options(validate_options({})[0]).roles == CoreConfig().roles


def test_check_reads_the_role_vocabulary_from_mkdocs_yml(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "briefs" / "2024" / "a.md").write_text(VALID_BRIEF.replace("[Xi Jinping]", "[Xi Jinping: sponsor]"))
    assert main(["check", "--config", str(_configure(site, ""))]) == 1
    assert "'sponsor' is not a role of actors [unknown-role]" in capsys.readouterr().out
    config = _configure(site, "roles: {actors: {sponsor: {label: alleged sponsor, plural: alleged sponsors}}}")
    assert main(["check", "--strict", "--config", str(config)]) == 0


@pytest.mark.parametrize(
    "option", ["raw_html: refuze", 'related_count: "five"', "roles: {actors: {perp: {label: perpetrator}}}"]
)
def test_the_build_refuses_what_check_refuses(fixture_site: Any, option: str) -> None:
    build = fixture_site({"2024/a.md": VALID_BRIEF}, options=option)
    assert build.returncode != 0
    assert f"'{option.split(':')[0]}'" in build.output


def test_valid_options_and_defaults_check_clean(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _configure(site, "raw_html: refuse\n      related_count: 3\n      check_mentions:")
    assert main(["check", "--strict", "--config", str(config)]) == 0
    assert capsys.readouterr().out == ""
