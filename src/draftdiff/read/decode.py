"""Bytes to text: encodings, binary data and line endings, with errors that say where.

Accepted: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE and UTF-32 LE/BE with a BOM, and
UTF-16 without a BOM when the NUL-byte pattern gives it away (every other byte NUL, as when ASCII text is
saved as UTF-16). Anything else holding NUL bytes is refused as binary data. Invalid UTF-8 is refused
with the line and the offending byte. CRLF, CR and mixed line endings all become ``\\n``.

>>> decode_text("one\\r\\ntwo\\rthree\\n".encode(), "d.md")
'one\\ntwo\\nthree\\n'
>>> decode_text("1. Ceasefire".encode("utf-16"), "d.md")
'1. Ceasefire'
>>> decode_text("1. Ceasefire".encode("utf-16-le"), "d.md")
'1. Ceasefire'
>>> decode_text(b"1. ok\\n2. caf\\xe9\\n", "d.md")
Traceback (most recent call last):
...
draftdiff.errors.InputError: d.md:2: not valid UTF-8 (byte 0xe9 at column 7); re-save the file as UTF-8
"""

from __future__ import annotations

import codecs

from ..errors import InputError

__all__ = ["check_not_blank", "decode_text", "normalize_newlines"]

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like UTF-16 text without a byte-order mark.

    Two shapes are recognised, on the first 4 KiB: text mostly in ASCII (at least 60 % of the code units
    have a NUL high byte: every other byte is NUL), and text in one alphabetic script such as Greek,
    Cyrillic, Hebrew or Arabic (spaces, digits and punctuation give at least 10 % NUL high bytes, and one
    high byte below 0x20, the script's block, covers at least 80 % of the other code units). Anything
    else holding NUL bytes is binary data.
    """
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    sample = sample[: len(sample) // 2 * 2]
    half = len(sample) // 2
    for name, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        zero_high = high.count(0)
        if low.count(0) > 0.01 * half or zero_high < 0.1 * half:
            continue
        if zero_high >= 0.6 * half:
            return name
        others = [b for b in high if b]
        top = max(set(others), key=others.count)
        if top < 0x20 and others.count(top) >= 0.8 * len(others):
            return name
    return None


def _line_of(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF (other separators such as U+2028 are left in the text)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_text(data: bytes | str, source: str) -> str:
    """The text of a draft, decoded and with normalised line endings; InputError when it is not text."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InputError("binary data (a NUL character), not a text draft", source=source, line=line)
        return normalize_newlines(text)
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    if encoding is None and b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            line, _ = _line_of(data, data.index(b"\x00"))
            raise InputError("binary data (NUL bytes), not a text draft", source=source, line=line)
    if encoding is None or encoding == "utf-8":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _line_of(data, exc.start)
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); re-save the file as UTF-8",
                source=source,
                line=line,
            ) from None
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {encoding.upper()} (at byte offset {exc.start}); re-save the file as UTF-8",
                source=source,
            ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("binary data (a NUL character), not a text draft", source=source, line=line)
    return normalize_newlines(text)


def check_not_blank(text: str, source: str) -> None:
    """InputError for an empty or whitespace-only draft."""
    if not text:
        raise InputError("empty file: there is no draft to read", source=source)
    if not text.strip():
        raise InputError("the file holds only whitespace: there is no draft to read", source=source)
