"""The release build (`make wheel`): an abi3 manylinux_2_28 wheel and an sdist, complete
with the licence and honest metadata; the wheel installs into a fresh venv and runs."""

import os
import re
import subprocess
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DIST = ROOT / "dist"


def built(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if not found:
        message = f"no {pattern} in dist/: `make wheel` builds it (`make test` does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert len(found) == 1, found
    return found[0]


def test_the_wheel_is_abi3_for_glibc_2_28_or_older():
    wheel = built("sayso-*.whl")
    tags = wheel.name.removesuffix(".whl").split("-")[2:]
    assert tags[:2] == ["cp311", "abi3"], wheel.name
    glibc = [tuple(map(int, m)) for m in re.findall(r"manylinux_(\d+)_(\d+)", tags[2])]
    assert glibc, f"not a manylinux wheel: {wheel.name}"
    assert max(glibc) <= (2, 28), wheel.name
    with zipfile.ZipFile(wheel) as z:
        so = next(n for n in z.namelist() if n.endswith(".so"))
        found = re.findall(rb"GLIBC_2\.(\d+)(?:\.(\d+))?", z.read(so))
    newest = max((int(minor), int(patch or 0)) for minor, patch in found)
    assert newest <= (28, 0), f"{so} needs GLIBC_2.{newest[0]}.{newest[1]}"


def test_the_wheel_and_sdist_carry_the_licence_and_the_metadata():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    with zipfile.ZipFile(built("sayso-*.whl")) as z:
        names = z.namelist()
        dist_info = next(n.split("/")[0] for n in names if ".dist-info/" in n)
        licences = [n for n in names if n.startswith(dist_info) and n.endswith("LICENSE")]
        assert licences, names
        assert z.read(licences[0]).decode() == licence
        metadata = z.read(f"{dist_info}/METADATA").decode()
        assert {"sayso/py.typed", "sayso/_core.pyi", "sayso/_arrow.py"} <= set(names)
    for classifier in (
        "Typing :: Typed",
        "License :: OSI Approved :: MIT License",
        "Programming Language :: Python :: 3.11",
        "Operating System :: POSIX :: Linux",
    ):
        assert f"Classifier: {classifier}" in metadata
    assert "Requires-Python: >=3.11" in metadata
    assert "Provides-Extra: polars" in metadata
    with tarfile.open(built("sayso-*.tar.gz")) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    assert {"LICENSE", "Cargo.toml", "Cargo.lock", "pyproject.toml", "src/lib.rs"} <= names
    assert {"src/python/arrow.rs", "python/sayso/__init__.py", "python/sayso/py.typed"} <= names


def test_the_sdist_has_everything_cargo_needs(tmp_path):
    with tarfile.open(built("sayso-*.tar.gz")) as t:
        t.extractall(tmp_path, filter="data")
    (source,) = tmp_path.iterdir()
    # Checked, not built: the release build is what `make wheel` just did.
    env = {**os.environ, "CARGO_TARGET_DIR": str(ROOT / "target")}
    done = subprocess.run(
        ["cargo", "check", "--offline", "--locked", "--quiet", "--lib", "--features", "python"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_the_wheel_installs_into_a_fresh_venv_and_runs_the_demo(tmp_path):
    wheel = built("sayso-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-index", wheel],
        check=True,
        capture_output=True,
    )
    where = subprocess.run(
        [python, "-c", "import sayso; print(sayso.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout
    demo = subprocess.run(
        [tmp_path / "venv" / "bin" / "sayso", "demo"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "sayso 0.1.0 demo" in demo.stdout, demo.stdout
    assert re.search(r"\d+ quotes:", demo.stdout), demo.stdout
