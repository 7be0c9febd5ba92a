"""The type stubs describe the module: every name they declare exists, every public name is
declared, and the functions take the parameters the stubs give them, in order."""

from __future__ import annotations

import ast
import inspect
import pathlib

import casus
from casus import _casus

PACKAGE = pathlib.Path(casus.__file__).parent


def stub_functions(name: str) -> dict[str, list[str]]:
    tree = ast.parse((PACKAGE / name).read_text())
    out: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            a = node.args
            out[node.name] = [p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]]
    return out


def stub_names(name: str) -> set[str]:
    tree = ast.parse((PACKAGE / name).read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update(a.asname or a.name for a in node.names)
    return names


def test_the_package_ships_its_stubs_and_py_typed():
    assert (PACKAGE / "__init__.pyi").is_file()
    assert (PACKAGE / "_casus.pyi").is_file()
    assert (PACKAGE / "py.typed").is_file()


def test_every_name_in_the_stubs_exists_and_every_public_name_is_in_them():
    declared = stub_names("__init__.pyi") - {"PathLike", "DateLike"}
    for name in declared:
        assert hasattr(casus, name), name
    assert set(casus.__all__) <= declared


def test_the_functions_take_the_parameters_of_their_stubs():
    for name, params in stub_functions("__init__.pyi").items():
        assert list(inspect.signature(getattr(casus, name)).parameters) == params, name


def test_the_extension_matches_its_stubs():
    declared = stub_names("_casus.pyi")
    public = {n for n in dir(_casus) if not n.startswith("_")} | {"__version__"}
    assert declared == public
    for name, params in stub_functions("_casus.pyi").items():
        text_signature = getattr(_casus, name).__text_signature__
        assert text_signature is not None, name
        got = [p.strip().split("=")[0] for p in text_signature.strip("()").split(",") if p.strip()]
        assert [p for p in got if p not in ("$module", "/", "*")] == params, name
