"""casus.cascade and casus.simulate: the CLI's JSON, from bundled scenarios or files."""

from __future__ import annotations

import pytest

import casus


def test_cascade_equals_the_cli(cli, root):
    path = root / "data" / "scenarios" / "july-1914.toml"
    expected = cli.json("cascade", str(path))
    assert casus.cascade(path) == expected
    assert casus.cascade("july-1914") == expected


def test_july_1914_draws_in_the_great_powers():
    trace = casus.cascade("july-1914")
    victims = {s["code"] for s in trace["victim_side"]}
    aggressors = {s["code"] for s in trace["aggressor_side"]}
    assert {"RUS", "FRA"} <= victims | aggressors
    assert trace["fixed_point"]


def test_simulate_equals_the_cli(cli, root):
    path = root / "data" / "scenarios" / "estonia-2026.toml"
    flags = ["--samples", "2000", "--seed", "7", "--credibility", "USA=0.5", "--decide", "per-war"]
    expected = cli.json("simulate", str(path), *flags)
    got = casus.simulate(path, samples=2000, seed=7, credibility={"USA": 0.5}, decide="per-war")
    assert got == expected


def test_simulate_is_the_same_whatever_the_threads():
    one = casus.simulate("estonia-2026", samples=3000, threads=1)
    two = casus.simulate("estonia-2026", samples=3000, threads=2)
    assert one == two


def test_an_unknown_scenario_names_the_bundled_ones():
    with pytest.raises(casus.InvalidInput) as e:
        casus.cascade("july-1915")
    assert "july-1914" in e.value.diagnostics[0]["help"]


def test_a_bad_credibility_raises_with_its_field():
    with pytest.raises(casus.InvalidInput) as e:
        casus.simulate("estonia-2026", samples=10, credibility=["USA=2"])
    assert e.value.diagnostics[0]["field"] == "credibility[0]"
