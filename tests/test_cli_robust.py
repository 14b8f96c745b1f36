"""The command line under failure: exit codes, bad JSON Lines lines, atomic output files."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pytest

import diplomeet
from diplomeet import ExtractionWarning, Meeting, Participant
from diplomeet.cli import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, atomic_output, main
from diplomeet.formats import read_jsonl


def _meeting(article_id: str) -> Meeting:
    return Meeting(
        id="m-" + article_id,
        participants=[Participant(name="Penny Wong"), Participant(name="Melanie Joly")],
        status="occurred",
        sources=[article_id],
    )


class Fake:
    """One meeting per article; articles whose text contains "BROKEN" fail."""

    def __call__(self, articles, **kwargs):
        out = []
        for a in articles:
            if "BROKEN" in a.text:
                if kwargs["errors"] == "raise":
                    raise diplomeet.InvalidInputError(f"article {a.id}: broken")
                warnings.warn(f"article {a.id} skipped: broken", ExtractionWarning, stacklevel=2)
                continue
            out.append(_meeting(a.id))
        return out


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", Fake())
    monkeypatch.setitem(vars(diplomeet), "load", lambda model: None)


def _lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(line.encode("utf-8") if isinstance(line, str) else line for line in lines))
    return path


GOOD = [json.dumps({"id": f"a{i}", "text": "Penny Wong met Melanie Joly."}) + "\n" for i in range(3)]


def test_success_is_exit_0(fake, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(_lines(tmp_path, GOOD)), "-o", str(out)]) == EXIT_OK
    assert len(read_jsonl(out)) == 3
    assert "skipped" not in capsys.readouterr().err


def test_malformed_line_is_reported_with_its_number_and_the_run_goes_on(fake, tmp_path, capsys):
    lines = [GOOD[0], "{not json\n", GOOD[1], '{"id": "x"}\n', b'{"text": "caf\xe9"}\n', GOOD[2]]
    path = _lines(tmp_path, lines)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(path), "-o", str(out)]) == EXIT_PARTIAL
    err = capsys.readouterr().err
    assert f"{path}, line 2: not valid JSON" in err
    assert f"{path}, line 4: expected an object" in err
    assert f"{path}, line 5: not UTF-8" in err
    assert "3 meetings from 3 articles" in err and "3 malformed JSON Lines lines" in err
    assert {m.sources[0] for m in read_jsonl(out)} == {"a0", "a1", "a2"}


def test_malformed_line_under_errors_raise_fails_and_writes_nothing(fake, tmp_path, capsys):
    path = _lines(tmp_path, [GOOD[0], "{not json\n"])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(path), "-o", str(out), "--errors", "raise"]) == EXIT_FAILURE
    assert "line 2: not valid JSON" in capsys.readouterr().err
    assert not out.exists()


def test_skipped_article_is_partial_success_even_when_ignored(fake, tmp_path, capsys):
    broken = json.dumps({"id": "b", "text": "BROKEN"}) + "\n"
    path = _lines(tmp_path, [GOOD[0], broken])
    assert main(["extract", str(path)]) == EXIT_PARTIAL
    captured = capsys.readouterr()
    assert "article b skipped" in captured.err and len(read_jsonl(io.StringIO(captured.out))) == 1
    assert main(["extract", str(path), "--errors", "ignore"]) == EXIT_PARTIAL
    captured = capsys.readouterr()
    assert "article b skipped" not in captured.err and "1 failed in extraction" in captured.err
    assert main(["extract", str(path), "--errors", "raise"]) == EXIT_FAILURE
    assert capsys.readouterr().out == ""


def test_only_bad_lines_is_failure(fake, tmp_path, capsys):
    path = _lines(tmp_path, ["{not json\n"])
    assert main(["extract", str(path)]) == EXIT_FAILURE
    assert "no articles found" in capsys.readouterr().err


@pytest.mark.parametrize("crash", [KeyboardInterrupt, RuntimeError])
def test_output_file_is_never_half_written(fake, tmp_path, monkeypatch, crash, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", "utf-8")

    def half_then_crash(meetings, fh, fmt, *, urls=None):
        fh.write(meetings[0].model_dump_json() + "\n")
        fh.flush()
        raise crash("stopped while writing")

    monkeypatch.setattr("diplomeet.cli.write_meetings", half_then_crash)
    argv = ["extract", str(_lines(tmp_path, GOOD)), "-o", str(out), "--no-progress"]
    if crash is KeyboardInterrupt:
        assert main(argv) == EXIT_INTERRUPTED
    else:
        with pytest.raises(RuntimeError):
            main(argv)
    assert out.read_text("utf-8") == "previous run\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary left


def test_atomic_output_replaces_whole_file(tmp_path):
    out = tmp_path / "x.txt"
    with atomic_output(out) as fh:
        fh.write("one\n")
        assert not out.exists()  # nothing visible before the end
    assert out.read_text("utf-8") == "one\n"
