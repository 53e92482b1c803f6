"""Word diff: runs reconstruct both sides exactly, and changes are found at word granularity."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from draftdiff.worddiff import diff_tokens, new_text, old_text, word_diff

WORDS = st.sampled_from(
    ["shall", "not", "may", "Ukraine", "600,000", "800 000", ",", ".", "the", "army", "(a)"]
)
SPACES = st.sampled_from(["", " ", "  ", "\n", "\t "])
TEXT = st.lists(st.tuples(WORDS, SPACES), max_size=15).map(lambda ws: "".join(w + s for w, s in ws))


@given(TEXT, TEXT)
def test_runs_reconstruct_both_sides(a, b):
    ops = word_diff(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b
    assert all(op.text for op in ops)
    assert all(op.op in ("equal", "delete", "insert") for op in ops)
    # no two neighbouring runs of the same kind
    assert all(x.op != y.op for x, y in pairwise(ops))


@given(TEXT)
def test_identical_texts_are_one_equal_run(a):
    ops = word_diff(a, a)
    assert [op.op for op in ops] == (["equal"] if a else [])


def test_number_changes_as_a_whole_token():
    ops = word_diff("capped at 600,000 personnel", "capped at 800,000 personnel")
    assert [(op.op, op.text.strip()) for op in ops] == [
        ("equal", "capped at"),
        ("delete", "600,000"),
        ("insert", "800,000"),
        ("equal", "personnel"),
    ]


def test_inserted_word_is_an_insert_only():
    ops = word_diff("Ukraine shall join.", "Ukraine shall not join.")
    assert [op.op for op in ops] == ["equal", "insert", "equal"]
    assert ops[1].text.strip() == "not"


def test_spacing_only_change_keeps_words_equal():
    ops = word_diff("a  b", "a b")
    assert "".join(op.text for op in ops if op.op == "equal").replace(" ", "") == "ab"
    assert old_text(ops) == "a  b" and new_text(ops) == "a b"


def test_frequent_words_are_not_junk():
    # autojunk off: a word repeated 200+ times is still matched, so the edit stays small
    a = " ".join(["the"] * 250 + ["end"])
    b = " ".join(["the"] * 250 + ["close"])
    ops = word_diff(a, b)
    assert sum(len(op.text) for op in ops if op.op != "equal") < 15


def test_tokens_join_back():
    text = "Ukraine's army:  600,000 (a) non-aligned."
    assert "".join(diff_tokens(text)) == text
    assert "600,000" in diff_tokens(text) and "non-aligned" in diff_tokens(text)


def test_huge_texts_are_diffed_between_their_common_prefix_and_suffix():
    from draftdiff.worddiff import DIFF_TOKENS

    words = [f"w{k % 997}" for k in range(DIFF_TOKENS)]  # a small vocabulary repeated: difflib's worst case
    a = " ".join(words)
    b = " ".join(words[:5000] + ["inserted", "clause"] + words[5000:])
    ops = word_diff(a, b)
    assert [op.op for op in ops] == ["equal", "insert", "equal"]
    assert ops[1].text.split() == ["inserted", "clause"]
    assert old_text(ops) == a and new_text(ops) == b
    # a middle still over the cap is one deletion and one insertion
    c = " ".join(f"v{k % 991}" for k in range(DIFF_TOKENS + 10))
    ops = word_diff(a, c)
    assert [op.op for op in ops] == ["delete", "insert"]
    assert old_text(ops) == a and new_text(ops) == c


def test_huge_points_compare_on_their_word_bags():
    from draftdiff.compare import compare
    from draftdiff.model import draft_from_texts

    body = " ".join(f"term{k % 1500} clause{k % 701}" for k in range(60_000))
    old = draft_from_texts(["A ceasefire takes effect.", body, "Elections are held."])
    new = draft_from_texts(
        ["A ceasefire takes effect.", body.replace("term7 ", "term7 extra ", 1), "Elections are held."]
    )
    c = compare(old, new).changes[1]
    assert c.kind.value == "reworded" and c.new == ("2",) and c.similarity > 0.99
    assert [op.op for op in c.diff] == ["equal", "insert", "equal"]
