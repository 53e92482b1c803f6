"""The bad-input matrix (issue 8): every kind of hostile input through every command that reads drafts.

One parametrised table, rows = input kind x command, ids such as ``invalid-utf8-compare``. Each row runs
the real CLI (its entry point, as the console script calls it) in a subprocess with a timeout, measuring
the child's wall time and peak memory (its VmHWM; ``ru_maxrss`` from ``wait4`` where there is no /proc).
A row expects either

- a correct answer: the command's JSON output parses and says the right thing about the input (for UTF-16
  and mixed line endings: exactly what the same draft in UTF-8 with LF gives), or
- trouble: exit status 2 and exactly one line on stderr that starts with ``draftdiff: error:`` (for
  ``check``: its linter line ``FILE[:LINE]: DD001 ...``), names the file and, where the input has one, the
  line; never a traceback.

Every row stays under 2 GiB; the big inputs (50 MB file, a 10 MB line, 100,000 points) under 60 s too.
Big inputs are generated in a temporary folder at test time. The big inputs through the engine commands
(compare, history, blame, guard: 15-45 s each) run when ``DRAFTDIFF_BIG_MATRIX=1`` is set (bench/fuzz.py
``--matrix`` sets it); they are skipped otherwise, with that reason, to keep the suite lean.

Each run is recorded; at the end a summary (rows, the slowest row and the largest peak memory) is written
to ``$TMPDIR/draftdiff-robustness/matrix.json`` and printed (visible with ``pytest -s``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO

GIB = 1 << 30
BIG_SECONDS = 60.0  # generous bound for the big inputs (a 50 MB draft through the engine)
TIMEOUT = 300.0  # a child still running after this is killed and the row fails
SUMMARY_DIR = Path(tempfile.gettempdir()) / "draftdiff-robustness"
BIG_ENV = "DRAFTDIFF_BIG_MATRIX"

# --------------------------------------------------------------------------------------------------------
# drafts (our own words)

PLAIN = """---
title: Draft for robustness tests
date: 2025-11-21
---

# Draft for robustness tests

Preamble: the parties agree on what follows.

1. A ceasefire takes effect along the line of contact.
   a) Monitors from neutral states observe it.
   b) Violations go to a joint commission.
2. All prisoners are exchanged, all for all.
3. Elections are held within one hundred days, in Київ and in the café of every town hall.

## Deferred to leaders' talks

4. The status of the power plant.
"""

GOOD = """---
title: Earlier draft
date: 2025-11-20
---

1. A ceasefire takes effect along the line of contact.
   a) Monitors from neutral states observe it.
2. All prisoners are exchanged within a month.
3. Sanctions are lifted in stages.
4. The status of the power plant.
"""

GOOD_JSON = json.dumps({"title": "Good", "points": ["A ceasefire takes effect.", "Prisoners are exchanged."]})
GOOD_TOML = 'title = "Good"\n\n[[points]]\ntext = "A ceasefire takes effect."\n\n[[points]]\ntext = "Prisoners are exchanged."\n'

WORDS = [
    "ceasefire",
    "prisoners",
    "elections",
    "sanctions",
    "territory",
    "guarantee",
    "security",
    "troops",
    "amnesty",
    "reconstruction",
    "fund",
    "border",
    "monitoring",
    "mission",
    "council",
    "referendum",
    "withdrawal",
    "corridor",
    "energy",
    "grain",
    "port",
]


def _prose(n_words: int, seed: int) -> str:
    """Deterministic filler text (a linear congruential walk over WORDS)."""
    out, x = [], seed
    for _ in range(n_words):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(WORDS[x % len(WORDS)])
    return " ".join(out)


# --------------------------------------------------------------------------------------------------------
# input kinds


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Path], None]  # writes the input at this path (or not: "missing")
    ext: str = ".md"
    error: str | None = None  # trouble expected: a regex the one stderr line must match (case-insensitive)
    line: int | None = None  # ... and the line it must name
    same_as_plain: bool = False  # a correct answer: the same output as PLAIN in UTF-8 with LF
    big: bool = False
    args: tuple[str, ...] = ()  # extra options (--paragraphs, --max-bytes)
    commands: tuple[str, ...] | None = None  # None: all
    committed: str = PLAIN  # what the guard's git history holds under the same name


def _write(data: bytes | str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return make


def _mkdir(path: Path) -> None:
    path.mkdir()


def _nothing(path: Path) -> None:
    pass


def _unreadable(path: Path) -> None:
    path.write_text(PLAIN, encoding="utf-8")
    path.chmod(0)


BIG_50MB_POINTS = 1600


def _big_50mb(path: Path) -> None:
    """~50 MB: 1,600 numbered points of ~32 KB each, wrapped at ~80 columns (660,000 lines)."""
    line = _prose(2000, 7)
    wrapped = "\n   ".join(line[i : i + 80] for i in range(0, len(line), 80))
    with path.open("w", encoding="utf-8") as fh:
        for k in range(1, BIG_50MB_POINTS + 1):
            fh.write(f"{k}. Provision {k}: {wrapped}\n   {wrapped}\n")
    assert path.stat().st_size >= 50 * 1024 * 1024


LINE_10MB = 10 * 1024 * 1024


def _line_10mb(path: Path) -> None:
    """Point 2 is one line of 10 MB."""
    chunk = _prose(1000, 3) + " "
    body = (chunk * (LINE_10MB // len(chunk) + 1))[:LINE_10MB].rstrip()
    path.write_text(f"1. A ceasefire takes effect.\n2. {body}\n3. Elections are held.\n", encoding="utf-8")


def _points_100k(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for k in range(1, 100_001):
            fh.write(f"{k}. Provision {k} on the {WORDS[k % len(WORDS)]} of sector {k * 7919 % 100_003}.\n")


MARKERS = ("1.", "-", "a)", "(1)")  # four families: each nests under the other at the same indentation


def _nesting_md(path: Path) -> None:
    """10,000 levels of list items: the four marker families in turn, one tab deeper every four levels."""
    with path.open("w", encoding="utf-8") as fh:
        for k in range(10_000):
            fh.write("\t" * (k // 4) + f"{MARKERS[k % 4]} level {k + 1}\n")


def _nesting_json(path: Path) -> None:
    path.write_text(
        '{"points": [' + '{"text": "x", "points": [' * 10_000 + "]}" * 10_000 + "]}", encoding="utf-8"
    )


MIXED_EOL = "\r\n".join(PLAIN.split("\n")[:9]) + "\n" + "\r\n".join(PLAIN.split("\n")[9:])
NO_POINTS = "# Notes\n\nThe parties met in Geneva.\n\nThey agreed to meet again.\n\nNothing was signed.\n"

KINDS = [
    Kind("plain", _write(PLAIN)),  # the control row, and the reference for the same_as_plain rows
    Kind("missing", _nothing, error=r"no such file"),
    Kind("directory", _mkdir, error=r"directory"),
    Kind("unreadable", _unreadable, error=r"permission denied"),
    Kind("empty", _write(b""), error=r"empty"),
    Kind("whitespace", _write(" \n\t\n   \r\n\n"), error=r"whitespace"),
    Kind("binary-nul", _write(b"1. ok\n2. fine\n3. \x00\x01\x02\xff\xfe binary\n"), error=r"binary", line=3),
    Kind("invalid-utf8", _write(b"1. ok\n2. caf\xe9 au lait\n"), error=r"UTF-8", line=2),
    Kind("utf16-bom", _write(PLAIN.encode("utf-16")), same_as_plain=True),
    Kind("utf16le-no-bom", _write(PLAIN.encode("utf-16-le")), same_as_plain=True),
    Kind("utf16be-no-bom", _write(PLAIN.encode("utf-16-be")), same_as_plain=True),
    Kind("crlf-and-lf", _write(MIXED_EOL), same_as_plain=True),
    Kind("50mb-file", _big_50mb, big=True),
    Kind("10mb-line", _line_10mb, big=True),
    Kind("nesting-10000", _nesting_md, error=r"nested deeper than \d+ levels", line=101),
    Kind("nesting-10000-json", _nesting_json, ext=".json", error=r"nested", committed=GOOD_JSON),
    Kind("100000-points", _points_100k, big=True),
    Kind("duplicate-ids", _write("1. One.\n2. Two.\n2. Two again.\n3. Three.\n")),
    Kind("labels-out-of-order", _write("3. Third.\n1. First.\n2. Second.\n")),
    Kind(
        "json-wrong-shape",
        _write('{"title": "x", "points": ["fine", {"text": 5}]}'),
        ext=".json",
        error=r"points\[1\]\.text",
        committed=GOOD_JSON,
    ),
    Kind("json-syntax", _write('{"points": ["a",\n "b"\n'), ext=".json", error=r"not valid JSON", line=3,
         committed=GOOD_JSON),
    Kind("toml-errors", _write('title = "x"\n\n[[points]]\ntext = "a\n'), ext=".toml", error=r"TOML", line=4,
         committed=GOOD_TOML),
    # check and guard keep their rule: a draft without numbered points is trouble
    Kind("no-points", _write(NO_POINTS), error=r"no numbered points.*--paragraphs", commands=("check", "guard")),
    # the reading commands read it as paragraphs and say so in one line on stderr ...
    Kind("no-points-read", _write(NO_POINTS), commands=("show", "compare", "history", "blame")),
    # ... unless --points-only asks for today's refusal
    Kind("no-points-points-only", _write(NO_POINTS), error=r"no numbered points.*--paragraphs",
         args=("--points-only",), commands=("show", "compare", "history", "blame")),
    Kind("no-points-paragraphs", _write(NO_POINTS), args=("--paragraphs",), commands=("show", "compare",
         "history", "blame")),
    # good.md (265 bytes) passes, the draft (488 bytes) does not
    Kind("over-max-bytes", _write(PLAIN), error=r"larger than --max-bytes \(300 bytes\)", args=("--max-bytes", "300")),
]  # fmt: skip

# --------------------------------------------------------------------------------------------------------
# commands: argv for the input at NAME in a folder holding good.md (and a git repository for the guard)

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "show": lambda name: ["show", "-f", "json", name],
    "compare": lambda name: ["compare", "-f", "json", "good.md", name],
    "history": lambda name: ["history", "-f", "json", "good.md", name],
    "blame": lambda name: ["blame", "-f", "json", name, "--history", "good.md"],
    "check": lambda name: ["check", "-f", "json", name],
    "guard": lambda name: ["guard", "-f", "json", name],
}
ENGINE = {"compare", "history", "blame", "guard"}


@dataclass(frozen=True)
class Row:
    kind: Kind
    command: str

    @property
    def id(self) -> str:
        return f"{self.kind.name}-{self.command}"


ROWS = [Row(k, c) for k in KINDS for c in COMMANDS if k.commands is None or c in k.commands]

# --------------------------------------------------------------------------------------------------------
# running the CLI: a subprocess, a timeout, wall time and peak memory of the child


@dataclass
class Run:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss: int  # bytes: peak resident memory of the child
    timed_out: bool = False


#: Runs the CLI's entry point and, at exit, writes the peak resident memory of this process (VmHWM) to the
#: file named by its first argument. (``ru_maxrss`` of a forked child also counts the pytest process it was
#: forked from, so it would only give an upper bound.)
LAUNCHER = """import atexit, sys
def _peak(path=sys.argv.pop(1)):
    try:
        with open("/proc/self/status") as fh:
            kib = [line.split()[1] for line in fh if line.startswith("VmHWM:")]
        with open(path, "w") as fh:
            fh.write(kib[0])
    except (OSError, IndexError):
        pass
atexit.register(_peak)
sys.argv[0] = "draftdiff"
from draftdiff.cli import main
main()
"""


def run_cli(argv: list[str], cwd: Path, *, prefix: tuple[str, ...] = (), timeout: float = TIMEOUT) -> Run:
    """Run the draftdiff CLI with ARGV in cwd; stdout/stderr go to files (a 50 MB report cannot block)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), NO_COLOR="1", COLUMNS="100")
    env.pop("FORCE_COLOR", None)
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = os.path.join(tmp, "peak")
        cmd = [*prefix, sys.executable, "-c", LAUNCHER, peak_file, *argv]
        with open(os.path.join(tmp, "out"), "w+b") as out, open(os.path.join(tmp, "err"), "w+b") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
            timed_out = False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - start > timeout:
                    proc.kill()
                    timed_out = True
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.005)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        try:
            with open(peak_file) as fh:
                peak = int(fh.read()) * 1024
        except (OSError, ValueError):
            peak = usage.ru_maxrss * 1024  # no /proc: the upper bound
    return Run(argv, proc.returncode, stdout, stderr, seconds, peak, timed_out)


# --------------------------------------------------------------------------------------------------------
# the unreadable row when running as root (CI): root reads a mode-000 file, so the child runs without the
# capabilities that let root ignore file permissions (setpriv); where that is impossible the row is skipped


def _unreadable_prefix(folder: Path) -> tuple[tuple[str, ...], str | None]:
    """(command prefix, skip reason)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return (), None
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return (
            (),
            "running as root (reads mode-000 files) and setpriv is not installed to drop that privilege",
        )
    probe = folder / "probe"
    probe.write_text("x")
    probe.chmod(0)
    prefix = (setpriv, "--bounding-set", "-dac_override,-dac_read_search")
    proc = subprocess.run([*prefix, "cat", str(probe)], capture_output=True, check=False)
    if proc.returncode == 0 or b"ermission denied" not in proc.stderr:
        return (), (
            "running as root (reads mode-000 files) and setpriv could not drop CAP_DAC_OVERRIDE: "
            + proc.stderr.decode(errors="replace").strip()[:100]
        )
    return prefix, None


# --------------------------------------------------------------------------------------------------------
# the workspace: one folder (and git repository) per input kind, built once per session


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@dataclass
class Workspace:
    root: Path
    prefix: tuple[str, ...]
    skip_unreadable: str | None
    made: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def folder(self, kind: Kind) -> Path:
        """The folder of this kind: good.md and, committed, a good draft under the input's name; then the input."""
        with self.lock:
            folder = self.root / kind.name
            if kind.name in self.made:
                return folder
            folder.mkdir()
            name = "draft" + kind.ext
            (folder / "good.md").write_text(GOOD, encoding="utf-8")
            (folder / name).write_text(kind.committed, encoding="utf-8")
            _git(folder, "init", "-q")
            _git(folder, "add", "good.md", name)
            _git(folder, "commit", "-q", "-m", "good drafts")
            (folder / name).unlink()
            kind.make(folder / name)
            self.made.add(kind.name)
            return folder


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("matrix")
    prefix, reason = _unreadable_prefix(root)
    return Workspace(root, prefix, reason)


RESULTS: dict[str, Run] = {}


def execute(row: Row, ws: Workspace) -> Run:
    folder = ws.folder(row.kind)
    name = "draft" + row.kind.ext
    argv = COMMANDS[row.command](name) + list(row.kind.args)
    prefix = ws.prefix if row.kind.name == "unreadable" else ()
    run = run_cli(argv, folder, prefix=prefix)
    RESULTS[row.id] = run
    return run


def _skip_reason(row: Row, ws: Workspace) -> str | None:
    if row.kind.name == "unreadable" and ws.skip_unreadable:
        return ws.skip_unreadable
    if row.kind.big and row.command in ENGINE and not os.environ.get(BIG_ENV):
        return f"the engine on a big input takes 15-45 s: set {BIG_ENV}=1 (bench/fuzz.py --matrix) to run it"
    return None


@pytest.fixture(scope="module")
def results(workspace: Workspace, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Futures of every selected row, run two at a time (the rows are independent subprocesses)."""
    selected = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and item.module is request.module and "row" in callspec.params:
            row = callspec.params["row"]
            if _skip_reason(row, workspace) is None:
                selected.append(row)
    if not any(r.kind.name == "plain" for r in selected):
        selected += [r for r in ROWS if r.kind.name == "plain"]
    pool = ThreadPoolExecutor(max_workers=2)
    futures: dict[str, Future[Run]] = {}
    # big rows first, so that the long ones overlap with the many short ones
    for row in sorted(selected, key=lambda r: not r.kind.big):
        futures[row.id] = pool.submit(execute, row, workspace)
    yield futures
    pool.shutdown(wait=True)
    _write_summary()


def _write_summary() -> None:
    if not RESULTS:
        return
    slowest = max(RESULTS.items(), key=lambda kv: kv[1].seconds)
    largest = max(RESULTS.items(), key=lambda kv: kv[1].maxrss)
    summary = {
        "rows_run": len(RESULTS),
        "rows_in_table": len(ROWS),
        "slowest": {"row": slowest[0], "seconds": round(slowest[1].seconds, 2)},
        "largest": {"row": largest[0], "maxrss_mib": round(largest[1].maxrss / 2**20, 1)},
        "rows": {
            k: {
                "seconds": round(r.seconds, 3),
                "maxrss_mib": round(r.maxrss / 2**20, 1),
                "exit": r.returncode,
            }
            for k, r in sorted(RESULTS.items())
        },
    }
    SUMMARY_DIR.mkdir(exist_ok=True)
    (SUMMARY_DIR / "matrix.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(
        f"\nbad-input matrix: {len(RESULTS)} of {len(ROWS)} rows run; slowest {slowest[0]} "
        f"{slowest[1].seconds:.2f} s; largest {largest[0]} {largest[1].maxrss / 2**20:.0f} MiB "
        f"(details: {SUMMARY_DIR / 'matrix.json'})"
    )


# --------------------------------------------------------------------------------------------------------
# what a correct answer is


def _ids(points: list[dict]) -> list[str]:
    out: list[str] = []
    stack = list(reversed(points))
    while stack:
        p = stack.pop()
        out.append(p["id"])
        stack.extend(reversed(p["points"]))
    return out


def _change_ids(changes: list[dict], side: str) -> list[str]:
    return [i for c in changes for i in c[side]]


def _check_answer(row: Row, run: Run, plain: Callable[[], Run]) -> None:
    kind, command = row.kind, row.command
    ok_codes = {"check": (0, 1), "guard": (0, 1)}.get(command, (0,))
    assert run.returncode in ok_codes, run.stderr
    assert "Traceback" not in run.stderr
    if kind.name == "no-points-read":  # one line says the draft was read as paragraphs, naming it
        notes = run.stderr.splitlines()
        assert len(notes) == 1 and notes[0].startswith("draftdiff: note: ") and "draft.md" in notes[0], notes
    if kind.same_as_plain:
        reference = plain()
        commit = re.compile(r"\b[0-9a-f]{40}\b")  # the guard's commit differs from folder to folder
        assert (run.returncode, commit.sub("C", run.stdout)) == (
            reference.returncode,
            commit.sub("C", reference.stdout),
        )
        return
    doc = json.loads(run.stdout)
    if command == "show":
        ids = _ids(doc["points"])
        assert len(ids) == len(set(ids))
        expected = {
            "plain": ["1", "1.a", "1.b", "2", "3", "4"],
            "duplicate-ids": ["1", "2", "2~2", "3"],
            "labels-out-of-order": ["3", "1", "2"],
            "no-points-read": ["\u00b61", "\u00b62", "\u00b63"],
            "no-points-paragraphs": ["\u00b61", "\u00b62", "\u00b63"],
        }
        if kind.name in expected:
            assert ids == expected[kind.name]
        if kind.name == "50mb-file":
            assert len(ids) == BIG_50MB_POINTS
            assert len(doc["points"][-1]["text"]) > 30_000
        if kind.name == "10mb-line":
            assert ids == ["1", "2", "3"] and len(doc["points"][1]["text"]) >= LINE_10MB - 1
        if kind.name == "100000-points":
            assert len(ids) == 100_000 and ids[-1] == "100000"
        if kind.name == "plain":
            assert doc["points"][3]["track"] == "Deferred to leaders' talks"
    elif command == "compare":
        assert doc["schema"] == "draftdiff.compare/1"
        changes = doc["changes"]
        olds = _change_ids(changes, "old")
        if kind.name.startswith("no-points"):  # good.md is read as paragraphs too: the same unit on both sides
            assert olds and all(i.startswith("\u00b6") for i in olds), olds
        else:
            assert sorted(olds) == ["1", "2", "3", "4"]  # good.md, top level
        news = _change_ids(changes, "new")
        assert len(news) == len(set(news))
        if kind.name == "100000-points":
            assert len(news) == 100_000
    elif command in ("history", "blame"):
        assert doc["schema"] == f"draftdiff.{command}/1"
        assert len(doc["drafts"]) == 2
    elif command == "check":
        codes = doc["summary"]["by_code"]
        assert "DD001" not in codes
        want = {"duplicate-ids": "DD101", "labels-out-of-order": "DD103"}.get(kind.name)
        if want:
            assert want in codes and run.returncode == 1
    elif command == "guard":
        assert doc["summary"]["errors"] == 0
        if kind.name == "plain":
            assert run.returncode == 0 and doc["summary"]["dropped_silently"] == 0


def _check_trouble(row: Row, run: Run) -> None:
    kind = row.kind
    name = "draft" + kind.ext
    assert "Traceback" not in run.stderr
    assert run.returncode == 2, (run.stdout[-500:], run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    line = lines[0]
    if row.command == "check":
        assert re.match(re.escape(name) + r"(:\d+)?: DD001 ", line), line
    else:
        assert line.startswith("draftdiff: error: ") and name in line, line
    assert re.search(kind.error or "", line, re.IGNORECASE), line
    if kind.line is not None:
        assert f"{name}:{kind.line}:" in line, line


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input(row: Row, workspace: Workspace, results: dict[str, Future[Run]]) -> None:
    reason = _skip_reason(row, workspace)
    if reason:
        pytest.skip(reason)
    run = results[row.id].result() if row.id in results else execute(row, workspace)
    assert not run.timed_out, f"still running after {TIMEOUT} s"
    assert run.maxrss < 2 * GIB, f"{run.maxrss / 2**20:.0f} MiB"
    if row.kind.big:
        assert run.seconds < BIG_SECONDS, f"{run.seconds:.1f} s"

    def plain() -> Run:
        key = f"plain-{row.command}"
        if key in results:
            return results[key].result()
        return execute(Row(KINDS[0], row.command), workspace)

    if row.kind.error is None:
        _check_answer(row, run, plain)
    else:
        _check_trouble(row, run)


# --------------------------------------------------------------------------------------------------------
# --debug shows the traceback the one line hides


@pytest.mark.parametrize("command", ["show", "compare", "history", "blame", "guard"])
def test_debug_shows_a_traceback(command: str, workspace: Workspace) -> None:
    kind = next(k for k in KINDS if k.name == "invalid-utf8")
    folder = workspace.folder(kind)
    run = run_cli(["--debug", *COMMANDS[command]("draft.md")], folder)
    assert run.returncode != 0
    assert "Traceback (most recent call last)" in run.stderr
    assert "InputError" in run.stderr and "draft.md:2" in run.stderr


# --------------------------------------------------------------------------------------------------------
# where the report cannot be written: one line naming the path given to --output


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unwritable_output_is_one_line_naming_the_path(command: str, workspace: Workspace) -> None:
    folder = workspace.folder(KINDS[0])
    run = run_cli([*COMMANDS[command]("draft.md"), "--output", "no/such/folder/report.txt"], folder)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert re.fullmatch(
        r"draftdiff: error: no/such/folder/report\.txt: .*No such file or directory\n", run.stderr
    )
