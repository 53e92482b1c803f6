"""A draft cannot talk to the terminal: hostile text and file names through show, history, blame, check and
guard, in every output they have (compare's formats are covered by tests/test_render_injection.py).

The drafts' texts, titles, section headings (track names) and file names hold rich markup, ANSI CSI
sequences (colour and clear-screen), OSC 8 hyperlinks and OSC 0 window titles, bidi overrides and isolates,
C1 CSI, BEL, backspace and (in a JSON draft, the only way a CR survives reading) carriage returns and NUL.
Every output must show them literally or as visible escapes:

- terminal text, colour never: no ESC at all; colour always: every ESC starts one of rich's own SGR colour
  codes, and none of the data's sequences appears raw;
- no BEL, backspace, CR, NUL, C1 or bidi character anywhere (stdout or stderr);
- rich markup is printed as written, never interpreted;
- Markdown: once rendered (markdown-it), no link, no HTML, and the markup reads literally;
- JSON: the data is kept exactly (it parses back to the hostile strings), with no raw control or bidi
  character in the text.

None of these commands writes HTML (only compare does).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import REPO

SEQUENCES = (  # the data's escape sequences: none may reach an output raw
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]8;;https://evil.example/\x07",
    "\x1b]8;;\x07",
    "\x1b]0;pwned\x07",
    "\x9b2J",
)
H = (
    "[bold red]ALERT[/] \x1b[31mred \x1b[2Jclear \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 "
    "\x1b]0;pwned\x07 \u202etxt.exe \u2066iso\u2069 \u2067rtl\u2068 bell\x07 bs\x08 \x9b2J"
)
RAW = ("\x07", "\x08", "\r", "\x00", "\x9b", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")
SHOWN = ("\\x1b]8;;https://evil.example/\\x07", "\\x1b]0;pwned\\x07", "\\u202etxt.exe", "\\x9b2J")
SGR = re.compile(r"\x1b\[[0-9;]*m")

NAME1 = "one\x1b]0;title\x07\u202e[bold]x.md"
NAME2 = "two\x1b[2J\u2067[red].md"
NAME_JSON = "cr\x1b[31m.json"
SHOWN_NAME1 = "one\\x1b]0;title\\x07\\u202e[bold]x"

OLD = f"""---
title: T {H}
---

1. Ceasefire along the line of contact within three days {H}.
2. Prisoners of war are exchanged on an all-for-all basis under Red Cross supervision {H}.
3. Elections are held in spring under international observation.

## Deferred {H}

4. The status of the power plant is settled later.
"""
NEW = f"""---
title: U {H}
---

1. Ceasefire along the line of contact within three days {H}, and for good.
3. Elections are held in spring under international observation.

## Deferred {H}

4. The status of the power plant is settled later.
5. Sanctions are relieved in stages as the other steps are taken.
"""
JSON_DRAFT = json.dumps(
    {
        "title": "cr\rnul\x00 " + H,
        "points": ["Line\rfeed " + H, {"label": "7", "text": "nul\x00 bs\x08 " + H}],
    }
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two hostile drafts (named hostilely), a JSON one, and a git repository where the first lost point 2."""
    root = tmp_path_factory.mktemp("injection")
    (root / NAME1).write_text(OLD, encoding="utf-8")
    (root / NAME2).write_text(NEW, encoding="utf-8")
    (root / NAME_JSON).write_text(JSON_DRAFT, encoding="utf-8")
    repo = root / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    (repo / NAME1).write_text(OLD, encoding="utf-8")
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "old"], cwd=repo, check=True)
    (repo / NAME1).write_text(NEW.replace("3. Elections", "## Parked\n\n3. Elections"), encoding="utf-8")
    return root


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    kind: str  # "text", "markdown" or "json"
    color: bool = False
    cwd: str = "."
    shown: tuple[str, ...] = ()  # visible escapes this output must hold (the hostile text is shown in full)


W = ("--width", "400")
CASES = [
    Case("show-text", ("show", NAME1), "text", shown=(*SHOWN, "[bold red]ALERT[/]")),
    Case("show-text-json-draft", ("show", NAME_JSON), "text", shown=("cr\\rnul\\x00", "Line\\rfeed", "bs\\x08")),
    Case("show-json", ("show", "-f", "json", NAME1), "json"),
    Case("show-json-json-draft", ("show", "-f", "json", NAME_JSON), "json"),
    Case("history-never", ("history", "--color", "never", *W, NAME1, NAME2), "text", shown=(SHOWN_NAME1,)),
    Case("history-always", ("history", "--color", "always", *W, NAME1, NAME2), "text", True, shown=(SHOWN_NAME1,)),
    Case("history-provision-never", ("history", "-p", "2", "--color", "never", *W, NAME1, NAME2), "text"),
    Case("history-provision-always", ("history", "-p", "2", "--color", "always", *W, NAME1, NAME2), "text", True),
    Case("history-markdown", ("history", "-f", "markdown", NAME1, NAME2), "markdown"),
    Case("history-json", ("history", "-f", "json", NAME1, NAME2), "json"),
    Case("blame-never", ("blame", "--color", "never", *W, NAME2, "--history", NAME1), "text"),
    Case("blame-always", ("blame", "--color", "always", *W, NAME2, "--history", NAME1), "text", True),
    Case("blame-markdown", ("blame", "-f", "markdown", NAME2, "--history", NAME1), "markdown"),
    Case("blame-json", ("blame", "-f", "json", NAME2, "--history", NAME1), "json"),
    Case("check-text", ("check", NAME1, NAME2, NAME_JSON, "missing\x1b]0;x\x07.md"), "text",
         shown=("two\\x1b[2J\\u2067[red].md:",)),
    Case("check-json", ("check", "-f", "json", NAME1, NAME2, NAME_JSON), "json"),
    Case("guard-text", ("guard", "-v", NAME1), "text", cwd="repo", shown=(SHOWN_NAME1, "\\x1b[31mred \\x1b[2Jclear")),
    Case("guard-json", ("guard", "-f", "json", "-v", NAME1), "json", cwd="repo"),
]  # fmt: skip


def run(case: Case, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(PYTHONPATH=str(REPO / "src"), COLUMNS="400")
    return subprocess.run(
        [sys.executable, "-m", "draftdiff", *case.argv],
        cwd=folder / case.cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=env,
        check=False,
    )


def assert_no_raw(text: str, *, color: bool) -> None:
    if not color:
        assert "\x1b" not in text
    for seq in SEQUENCES:
        assert seq not in text, repr(seq)
    assert re.findall(r"\x1b(?!\[[0-9;]*m)", text) == []  # any ESC left is rich's own colour code
    stripped = SGR.sub("", text)
    assert "\x1b" not in stripped
    for ch in RAW:
        assert ch not in stripped, repr(ch)


def rendered_markdown(text: str) -> str:
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    assert "<a " not in html and "<script" not in html and "<img" not in html
    plain = re.sub(r"<[^>]+>", "", html)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_text_and_names_are_shown_not_obeyed(case: Case, folder: Path) -> None:
    proc = run(case, folder)
    assert "Traceback" not in proc.stderr
    expected = {"check": (1, 2), "guard": (1,)}.get(case.argv[0], (0,))
    assert proc.returncode in expected, proc.stderr
    assert_no_raw(proc.stdout, color=case.color)
    assert_no_raw(proc.stderr, color=False)
    for shown in case.shown:
        assert shown in proc.stdout, shown
    if case.kind == "text" and case.argv[0] in ("show", "history", "blame", "guard"):
        assert "[bold red]ALERT[/]" in SGR.sub("", proc.stdout)  # markup printed as written
    if case.kind == "markdown":
        assert SHOWN_NAME1 in rendered_markdown(proc.stdout)  # markup and escapes read literally
    if case.kind == "json":
        found = strings(json.loads(proc.stdout))
        if case.argv[0] != "check":  # (check's findings quote no draft text, only file names)
            assert any(H in s for s in found), found  # the data is kept exactly
        if case.argv[0] in ("check", "guard"):
            assert NAME1 in found  # so is the file name
            assert NAME2 in found or case.argv[0] == "guard"
        if "json-draft" in case.id:
            assert "cr\rnul\x00 " + H in found and "nul\x00 bs\x08 " + H in found


def test_guard_names_the_dropped_provision_and_the_track_escaped(folder: Path) -> None:
    out = run(CASES[-2], folder).stdout
    dropped = [line for line in out.splitlines() if "dropped silently" in line]
    assert (
        len(dropped) == 1 and "provision 2" in dropped[0] and "Red Cross supervision [bold red]" in dropped[0]
    )
    assert "provision 3 deferred to 'Parked' (acknowledged)" in out


def test_error_lines_escape_the_file_name(folder: Path) -> None:
    for command in (("show",), ("compare", NAME1), ("history", NAME1), ("blame", "--history", NAME1)):
        proc = run(Case("e", (*command, "gone\x1b]0;t\x07\u202e.md"), "text"), folder)
        assert proc.returncode == 2
        assert proc.stderr == "draftdiff: error: gone\\x1b]0;t\\x07\\u202e.md: no such file\n"
