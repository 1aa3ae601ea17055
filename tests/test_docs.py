"""The documentation: examples run, every public object is documented, and
the signatures Python sees are those of the stub.

- the fenced ``python`` blocks of the README and of every page in docs/ run
  (each file's blocks share one namespace, as a reader goes top to bottom);
- every docstring example runs, those of the compiled classes' methods and
  properties included (``doctest.testmod`` alone does not reach properties);
- every public class, method and function has a docstring with an example,
  every property a docstring;
- ``inspect.signature`` of every method of the compiled module matches
  ``_core.pyi``, for whatever the stub and the module define;
- the site builds with ``mkdocs build --strict`` (tests/test_site.py).
"""

from __future__ import annotations

import ast
import doctest
import inspect
import re
import types
from pathlib import Path
from typing import Any

import pytest
import sayso
import sayso._core
import sayso.cli
import sayso.errors
import sayso.examples

ROOT = Path(__file__).parent.parent
STUB = ROOT / "python" / "sayso" / "_core.pyi"
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def test_pages_are_found():
    names = {p.name for p in PAGES}
    assert {"README.md", "index.md", "getting-started.md", "quotes.md"} <= names


# The Spark recipe: pyspark 4.3 predates pandas 3 and says so.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_page_examples_run(page, tmp_path, monkeypatch):
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    if not blocks:
        return  # a page of prose: nothing to run
    monkeypatch.chdir(tmp_path)
    name = page.relative_to(ROOT).as_posix()
    namespace: dict = {"__name__": "__docs__"}  # a page reads top to bottom: blocks share names
    for block in blocks:
        if ">>>" in block:
            parser = doctest.DocTestParser()
            test = parser.get_doctest(block, namespace, name, name, 0)
            runner = doctest.DocTestRunner(optionflags=FLAGS)
            result = runner.run(test, clear_globs=False)
            assert result.failed == 0, block
            namespace = test.globs  # DocTest works on a copy
        else:
            exec(compile(block, name, "exec"), namespace)


# ---------------------------------------------------------------- docstrings

MODULES = [sayso, sayso.errors, sayso.examples, sayso.cli]


def public_classes() -> list[type]:
    return [obj for name in sayso.__all__ if isinstance(obj := getattr(sayso, name), type)]


def is_property(obj: Any) -> bool:
    return isinstance(obj, property | types.GetSetDescriptorType | types.MemberDescriptorType)


def public_members(cls: type) -> dict[str, Any]:
    """The public attributes a class defines itself, and ``__call__``."""
    found = {}
    for name, obj in vars(cls).items():
        if name.startswith("_") and name != "__call__":
            continue
        if name == "__call__" and isinstance(obj, types.WrapperDescriptorType):
            continue  # inherited from C (only a class without __call__ has none)
        if isinstance(obj, staticmethod | classmethod):
            obj = obj.__func__
        found[name] = obj
    return found


def documented_objects() -> dict[str, Any]:
    """Every public object, by qualified name: what ``help()`` is asked about."""
    objs: dict[str, Any] = {}
    for module in MODULES:
        names = getattr(module, "__all__", None) or [
            n for n, o in vars(module).items() if not n.startswith("_") and callable(o)
        ]
        for name in names:
            obj = getattr(module, name)
            if isinstance(obj, int):
                continue  # FORMAT_VERSION: documented in the API reference page
            if getattr(obj, "__module__", "").split(".")[0] != "sayso":
                continue  # imported from elsewhere (``from __future__``, ``files``...)
            objs[f"{module.__name__}.{name}"] = obj
            if isinstance(obj, type):
                for member, value in public_members(obj).items():
                    objs[f"{module.__name__}.{name}.{member}"] = value
    return objs


def test_docstring_examples_of_the_modules():
    for module in MODULES:
        result = doctest.testmod(module, optionflags=FLAGS)
        assert result.failed == 0, module.__name__
    assert doctest.testmod(sayso, optionflags=FLAGS).attempted > 0


def test_docstring_examples_of_every_public_object():
    """Properties of compiled classes too: doctest's finder skips them."""
    parser = doctest.DocTestParser()
    attempted = 0
    for name, obj in documented_objects().items():
        doc = inspect.getdoc(obj) or ""
        test = parser.get_doctest(doc, {}, name, None, 0)
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        result = runner.run(test)
        assert result.failed == 0, name
        attempted += result.attempted
    assert attempted > 100


def test_every_public_object_has_a_docstring_with_an_example():
    missing_doc, missing_example = [], []
    for name, obj in documented_objects().items():
        doc = inspect.getdoc(obj) or ""
        if len(doc.split()) < 4:
            missing_doc.append(name)
        elif not is_property(obj) and not issubclass_safe(obj, BaseException) and ">>>" not in doc:
            missing_example.append(name)
    assert not missing_doc, f"no docstring: {missing_doc}"
    assert not missing_example, f"no example: {missing_example}"


def issubclass_safe(obj: Any, cls: type) -> bool:
    return isinstance(obj, type) and issubclass(obj, cls)


def test_the_entry_keys_and_the_fields_are_where_help_shows_them():
    assert all(f"`{k}`" in sayso.Gazetteer.__doc__ for k in ("name", "label", "id", "aliases"))
    assert all(f"`{k}`" in sayso.Gazetteer.__doc__ for k in ("case", "metadata"))
    for cls in (sayso.Match, sayso.Quote, sayso.Doc):
        fields = [n for n, o in vars(cls).items() if is_property(o) and not n.startswith("_")]
        assert fields, cls
        for field in fields:
            assert f"`{field}`" in cls.__doc__, (cls.__name__, field)


def test_every_docstring_is_in_numpydoc_style():
    """One style: sections underlined, parameters as ``name : type``."""
    for name, obj in documented_objects().items():
        doc = inspect.getdoc(obj) or ""
        for section in re.findall(r"^(\w[\w ]*)\n-{3,}$", doc, flags=re.M):
            assert section in {
                "Parameters",
                "Returns",
                "Raises",
                "See Also",
                "Examples",
                "Notes",
                "Yields",
                "Attributes",
            }, (name, section)
        assert not re.search(
            r"^\s*(Args|Arguments|Returns?|Raises|Example|Examples):\s*$", doc, re.M
        ), (
            name,
            "Google-style section",
        )


# ---------------------------------------------------------------- signatures


def stub_functions() -> dict[str, ast.FunctionDef]:
    """Every function of the stub, by qualified name (``Gazetteer.find``)."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    found: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            if any(ast.unparse(b) == "Protocol" for b in node.bases):
                continue  # a type for annotations only (Arrow inputs): not in the module
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    is_prop = any(
                        isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list
                    )
                    if not is_prop:
                        found[f"{node.name}.{item.name}"] = item
    return found


def stub_parameters(fn: ast.FunctionDef) -> list[tuple[str, str, str | None]]:
    """(name, kind, default) of each parameter, as ``inspect`` names kinds."""
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults))
    defaults += a.defaults
    out = []
    for i, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        kind = "POSITIONAL_ONLY" if i < len(a.posonlyargs) else "POSITIONAL_OR_KEYWORD"
        out.append((arg.arg, kind, None if default is None else ast.unparse(default)))
    if a.vararg:
        out.append((a.vararg.arg, "VAR_POSITIONAL", None))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        out.append((arg.arg, "KEYWORD_ONLY", None if default is None else ast.unparse(default)))
    if a.kwarg:
        out.append((a.kwarg.arg, "VAR_KEYWORD", None))
    return out


def runtime_parameters(sig: inspect.Signature) -> list[tuple[str, str, str | None]]:
    out = []
    for p in sig.parameters.values():
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        out.append((p.name, p.kind.name, default))
    return out


def without_receiver(params: list[tuple[str, str, str | None]]) -> list:
    """Drop ``self``/``cls``: the stub spells it as a plain parameter, pyo3 as ``$self``."""
    if params and params[0][0] in {"self", "cls"}:
        return params[1:]
    return params


def runtime_signature(qualname: str) -> inspect.Signature:
    owner, _, name = qualname.rpartition(".")
    if not owner:
        return inspect.signature(getattr(sayso._core, name))
    cls = getattr(sayso._core, owner)
    if name == "__new__":
        return inspect.signature(cls)  # the class's signature is its constructor's
    return inspect.signature(inspect.getattr_static(cls, name).__get__(None, cls))


@pytest.mark.parametrize("qualname", sorted(stub_functions()))
def test_signature_matches_the_stub(qualname):
    stub = without_receiver(stub_parameters(stub_functions()[qualname]))
    runtime = without_receiver(runtime_parameters(runtime_signature(qualname)))
    assert runtime == stub


def test_every_method_of_the_module_is_in_the_stub():
    """A method added to the binding is typed (stubtest checks it too) and so compared."""
    stubbed = set(stub_functions())
    classes = [o for o in vars(sayso._core).values() if isinstance(o, type)]
    assert len(classes) >= 5
    missing = []
    for cls in classes:
        for name, obj in vars(cls).items():
            dunder = name.startswith("__") and name not in ("__call__", "__new__")
            from_c = isinstance(obj, types.WrapperDescriptorType)  # slots CPython describes
            if is_property(obj) or dunder or from_c:
                continue
            if f"{cls.__name__}.{name}" not in stubbed:
                missing.append(f"{cls.__name__}.{name}")
    assert not missing


def test_help_shows_signatures_of_the_compiled_methods():
    import pydoc

    text = pydoc.render_doc(sayso.Extractor, renderer=pydoc.plaintext)
    assert "__call__(self: sayso.Extractor, text: str | None) -> sayso.Doc" in text
    assert "pipe(self, /, texts, *, threads=None, progress=False)" in text
    assert "Extractor(gazetteer=None, *, reports='speech')" in text
    assert "__call__(self, /, *args, **kwargs)" not in text
    assert str(inspect.signature(sayso.Extractor(False))) == "(text: str | None) -> sayso.Doc"
