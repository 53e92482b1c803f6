"""The HTML report: one self-contained page, escaped text, <del>/<ins>."""

from __future__ import annotations

from html.parser import HTMLParser

from draftdiff.render.html import render_html
from render_samples import SAMPLE


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link", "img", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Collect:
    p = Collect()
    p.feed(page)
    p.close()
    assert p.open == []
    return p


def test_self_contained_and_well_nested() -> None:
    page = render_html(SAMPLE)
    p = parse(page)
    names = {t for t, _ in p.tags}
    assert {"html", "head", "style", "body", "table", "del", "ins"} <= names
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    for _, attrs in p.tags:
        assert "src" not in attrs and "href" not in attrs
    assert "url(" not in page and "@import" not in page and "http" not in page.split("<body>")[0].replace(
        "http-equiv", ""
    )
    csp = [a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_content() -> None:
    page = render_html(SAMPLE)
    assert "The army is capped at <del>600,000</del> <ins>800,000</ins>." in page
    text = "".join(parse(page).text)
    assert "6 kept (2 of them revised, 1 reworded); 2 merged into 1" in text
    assert "number: 600,000 -> 800,000" in text
    assert "NATO does not enlarge." in text and "No new bases." in text
    assert text.index("Dropped (1)") < text.index("Deferred (1)") < text.index("Revised (2)") < text.index("Added (1)")
    assert "Sovereignty is confirmed." not in text
    assert "Sovereignty is confirmed." in "".join(parse(render_html(SAMPLE, show_all=True)).text)
