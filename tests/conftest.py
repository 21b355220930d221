import datetime as dt
import io
from pathlib import Path

import pytest

from summarizer.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EVAL = ROOT.parent / "shared" / "eval"
NOW = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.timezone.utc)


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run():
    """Call the command line in-process with a fixed clock; returns code, stdout and stderr."""

    def call(*argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdout=out, stderr=err, now=NOW)
        return Result(code, out.getvalue(), err.getvalue())

    return call


@pytest.fixture
def run_stdin():
    """Like ``run``, with bytes on standard input."""

    def call(data: bytes, *argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdout=out, stderr=err, stdin=io.BytesIO(data), now=NOW)
        return Result(code, out.getvalue(), err.getvalue())

    return call


@pytest.fixture
def write(tmp_path):
    """Write files under a temporary folder: write("a.txt", "text") -> path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


@pytest.fixture(autouse=True)
def http_cache(tmp_path, monkeypatch):
    """Every test keeps its HTTP cache in its own folder, never the user's."""
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "http-cache.sqlite"))
