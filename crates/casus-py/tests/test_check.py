"""casus.check: the CLI's decisions, typed, and its errors as exceptions."""

from __future__ import annotations

import datetime

import pytest

import casus

ATTACKS = [
    ["--aggressor", "RUS", "--victim", "EST", "--date", "2026-01-01"],
    ["--aggressor", "RUS", "--victim", "EST", "--date", "2004-03-28"],
    ["--aggressor", "CHN", "--victim", "USA", "--at", "21.31,-157.86", "--date", "2026-01-01"],
    ["--aggressor", "CHN", "--at", "21.31,-157.86", "--date", "2026-01-01"],
    ["--aggressor", "USA", "--victim", "PRK", "--fact", "state-of-war=true", "--date", "2026-01-01"],
    ["--aggressor", "RUS", "--victim", "UKR", "--date", "2027-01-01",
     "--assume-in-force", "ukraine-guarantee-proposal-2025"],
    ["--aggressor", "ARG", "--victim", "GBR", "--region", "FK", "--date", "1982-04-02"],
    ["--aggressor", "DEU", "--victim", "POL", "--date", "1939-09-01", "--target", "forces"],
]


def keywords(flags: list[str]) -> dict:
    """The CLI's flags as check()'s keywords."""
    out: dict = {"facts": [], "assume_in_force": []}
    for flag, value in zip(flags[::2], flags[1::2]):
        name = flag.lstrip("-").replace("-", "_")
        if name == "fact":
            out["facts"].append(value)
        elif name == "assume_in_force":
            out["assume_in_force"].append(value)
        else:
            out[name] = value
    return out


@pytest.mark.parametrize("flags", ATTACKS, ids=lambda f: " ".join(f[1::2]))
def test_check_equals_the_cli_json(cli, flags):
    expected = cli.json("check", *flags)
    assert casus.check(**keywords(flags)).to_dict() == expected


def test_nato_binds_the_usa_to_estonia_from_2004_03_29():
    d = casus.check(aggressor="RUS", victim="EST", date="2026-01-01")
    assert d.is_triggered("north-atlantic-treaty")
    nato = next(f for f in d.triggered if f.treaty == "north-atlantic-treaty")
    assert "USA" in nato.obligations[0].states
    assert nato.obligations[0].article == "5"
    assert "USA" in d.bound
    before = casus.check("RUS", "EST", datetime.date(2004, 3, 28))
    assert not before.is_triggered("north-atlantic-treaty")
    assert before.bound == []


def test_keywords_take_python_values():
    by_text = casus.check(
        aggressor="USA", victim="PRK", date="2026-01-01", facts=["state-of-war=true"]
    ).to_dict()
    by_values = casus.check(
        aggressor="USA", victim="PRK", date=datetime.date(2026, 1, 1), facts={"state-of-war": True}
    ).to_dict()
    assert by_text == by_values
    point = casus.check(aggressor="CHN", at=(21.31, -157.86), date="2026-01-01")
    assert point.event["victim"]["code"] == "USA"


def test_a_proposal_assumed_in_force_is_hypothetical():
    d = casus.check(
        "RUS", "UKR", "2027-01-01", assume_in_force="ukraine-guarantee-proposal-2025"
    )
    assert d.hypothetical
    assert all(f.hypothetical for f in d.triggered)
    assert any(f.variant for f in d.triggered)


def test_unknown_state_raises_with_its_diagnostic_and_did_you_mean():
    with pytest.raises(casus.InvalidInput) as e:
        casus.check(aggressor="RUS", victim="ESTT", date="2026-01-01")
    assert e.value.codes == ["unknown-state"]
    diagnostic = e.value.diagnostics[0]
    assert diagnostic["field"] == "victim"
    assert diagnostic["help"] == "did you mean `EST`?"
    assert "did you mean `EST`?" in str(e.value)
    assert isinstance(e.value, ValueError) and isinstance(e.value, casus.CasusError)


def test_every_problem_is_reported_at_once():
    with pytest.raises(casus.InvalidInput) as e:
        casus.check(aggressor="RUS", victim="EST", date="2026-13-01", facts={"provoked": "maybe"})
    assert set(e.value.codes) == {"invalid-date", "invalid-value"}


def test_errors_match_the_cli_json_errors(cli):
    flags = ["--aggressor", "RUS", "--victim", "ESTT", "--date", "2026-01-01"]
    run = cli.run("--error-format", "json", "check", *flags, check=False)
    assert run.returncode == 2
    import json

    with pytest.raises(casus.InvalidInput) as e:
        casus.check(**keywords(flags))
    assert e.value.diagnostics == json.loads(run.stderr)["errors"]


def test_a_data_directory_with_errors_raises_invalid_data(tmp_path):
    (tmp_path / "states.toml").write_text("not = [toml\n")
    (tmp_path / "regions.toml").write_text("")
    (tmp_path / "treaties").mkdir()
    with pytest.raises(casus.InvalidData) as e:
        casus.check(aggressor="RUS", victim="EST", date="2026-01-01", data=tmp_path)
    assert e.value.diagnostics and all("code" in d for d in e.value.diagnostics)


def test_a_data_directory_answers_as_the_bundled_data(root):
    bundled = casus.check(aggressor="RUS", victim="EST", date="2026-01-01").to_dict()
    from_dir = casus.check(aggressor="RUS", victim="EST", date="2026-01-01", data=root / "data")
    assert from_dir.to_dict() == bundled


def test_treaty_and_states_equal_the_cli(cli):
    assert casus.treaty("north-atlantic-treaty", "1955-05-06") == cli.json(
        "treaty", "north-atlantic-treaty", "--date", "1955-05-06"
    )
    assert casus.states("1914-08-02") == cli.json("states", "--date", "1914-08-02")


def test_treaty_parties_and_unknown_ids():
    nato = casus.treaty("north-atlantic-treaty", "1955-05-06")
    assert "DEU" in nato["parties_on_date"] and "ESP" not in nato["parties_on_date"]
    with pytest.raises(casus.InvalidInput) as e:
        casus.treaty("north-atlantic-treat")
    assert e.value.codes == ["unknown-treaty"]
    assert "north-atlantic-treaty" in e.value.diagnostics[0]["help"]
    codes = {s["code"] for s in casus.states("1914-08-02")["states"]}
    assert {"GBR", "FRA", "RUS", "SRB"} <= codes and "EST" not in codes
