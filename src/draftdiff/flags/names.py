"""Names: the ``party`` and ``place`` flags.

``party``  an actor appeared or disappeared: a state, an organisation, a person, a named body
           (Russia, NATO, the US, the EU, Donald Trump, the State Duma, a Peace Council ...).
``place``  a place appeared or disappeared: a region, city, territory or physical feature
           (Donetsk, Crimea, Kherson region, Kinburn Spit, the Dnipro river, the Black Sea ...).

A name is read off a run of capitalised words and sorted by lexical evidence only:

* a small built-in list of states and organisations (with aliases: US = U.S. = United States = America,
  Russian Federation = Russia, demonyms) and of places (regions and cities the drafts fight over, and
  capitals: a capital used alone names a place, not a government);
* cue words: a run that ends in a body word (Agency, Council, Duma, Fund, Commission ...) is a named
  body; one that ends in a place word (Oblast, Region, River, Sea, Spit, Plant ...), is followed by one
  in lower case ("Kherson regions", "the Dnipro river", with the list before it: "Donetsk, Luhansk and
  Kherson regions") or follows "territory of", "city of" ... is a place;
* a run that contains a document word (Treaty, Agreement, Convention, Terms, Policy, Guidelines ...)
  or follows one ("Treaty on the Non-Proliferation of ...") is the name of a text: no flag at all, so
  "the North Atlantic Treaty" names neither NATO nor a party "North Atlantic";
* otherwise a run is a name only when every word of it is one of the drafts' names
  (:func:`name_vocabulary`: seen capitalised inside a sentence, never in lower case), so a capitalised
  first word ("Build metadata ...") or a heading ("Community Guidelines") names nobody.

>>> [(f.type, f.old, f.new) for f in name_flags(Pair(
...     "Russia shall withdraw from Sumy.", "Russia shall withdraw from Sumy and the Kinburn Spit."))]
[('place', None, 'Kinburn Spit')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..changes import Flag
from .context import Pair, set_flags

__all__ = ["name_flags", "name_vocabulary", "names_in", "party_flags", "place_flags"]

# Runs of capitalised words ("of" and "of the" may join them: "Sea of Azov", "President of the US").
_CAP_RUN = re.compile(
    r"(?=[A-Z])(?:\b[A-Z][\w'’.-]*[\w]|\bU\.S\.|\bU\.K\.)"
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][\w'’.-]*\w|U\.S\.|[A-Z]\.(?=\s+[A-Z])))*"
)
# Titles before a name are no part of it: "President Donald J. Trump" is the party "Donald Trump",
# "President of the United States" the United States.
_TITLES = frozenset(
    """president vice prime minister chancellor secretary general secretary-general king queen
    prince mr mrs ms dr sir lord lady senator ambassador envoy special foreign defence defense
    first deputy""".split()  # noqa: SIM905
)
_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "america": "US", "american": "US", "americans": "US", "eu": "EU", "european union": "EU",
    "russia": "Russia", "russian": "Russia", "russian federation": "Russia", "russians": "Russia",
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "ukrainians": "Ukraine", "europe": "Europe",
    "european": "Europe", "europeans": "Europe", "uk": "UK", "u.k.": "UK", "united kingdom": "UK",
    "britain": "UK", "great britain": "UK", "british": "UK", "nato": "NATO", "un": "UN",
    "united nations": "UN", "iaea": "IAEA", "international atomic energy agency": "IAEA",
    "china": "China", "chinese": "China", "germany": "Germany", "german": "Germany", "france": "France",
    "french": "France", "poland": "Poland", "polish": "Poland", "turkey": "Turkey", "turkish": "Turkey",
    "türkiye": "Turkey", "belarus": "Belarus", "belarusian": "Belarus",
}  # fmt: skip
#: States and organisations known by name (lower case); the aliases above are known too.
_KNOWN_PARTIES = frozenset(_ALIASES) | frozenset(
    """italy spain netherlands belgium finland sweden norway denmark estonia latvia lithuania moldova
    georgia romania hungary slovakia czechia austria switzerland greece bulgaria canada japan india
    brazil israel iran qatar egypt saudi arabia emirates uae kazakhstan armenia azerbaijan serbia croatia
    g7 g8 g20 osce oecd imf wto who icc icj unesco unicef unhcr asean e3 brics""".split()  # noqa: SIM905
)
#: Places known by name (lower case): the regions and cities the drafts are about, and capitals. A
#: capital used alone names the place; "Washington agreed" is read as a place, never as a party.
_KNOWN_PLACES = frozenset(
    """crimea donbas donbass donetsk luhansk lugansk zaporizhzhia zaporizhia zaporozhye kherson dnipro
    dnipropetrovsk mykolaiv sumy kharkiv kharkov kyiv kiev odesa odessa mariupol bakhmut sevastopol
    kursk belgorod bryansk chernihiv kramatorsk sloviansk pokrovsk avdiivka kinburn azov transnistria
    moscow washington brussels london paris berlin warsaw geneva istanbul ankara minsk beijing riyadh
    jeddah vienna helsinki""".split()  # noqa: SIM905
) | {"st petersburg", "saint petersburg", "st. petersburg", "black sea", "sea of azov", "abu dhabi"}
_PLACE_ALIASES = {"kiev": "kyiv", "odessa": "odesa", "kharkov": "kharkiv", "lugansk": "luhansk",
                  "zaporizhia": "zaporizhzhia", "zaporozhye": "zaporizhzhia", "donbass": "donbas",
                  "saint petersburg": "st petersburg", "st. petersburg": "st petersburg"}  # fmt: skip
#: The last word of a named body.
_BODY_WORDS = frozenset(
    """agency council duma rada union fund commission committee organisation organization parliament
    government court bank assembly ministry forces federation kingdom states nations alliance
    foundation developers secretariat mission board authority group congress senate cabinet army navy
    inc ltd llc corporation company institute association initiative consortium""".split()  # noqa: SIM905
)
#: Words that make a capitalised run the name of a place (written in it, or in lower case right after it).
_PLACE_WORDS = frozenset(
    """oblast oblasts region regions river rivers sea spit plant city district districts province
    provinces peninsula coast island islands bay strait gulf lake mountains valley port canal
    territory territories krai""".split()  # noqa: SIM905
)
#: Words that make a capitalised run the name of a text (a treaty, a policy): no party, no place.
_DOCUMENT_WORDS = frozenset(
    """treaty treaties agreement agreements accord accords charter convention protocol memorandum act
    terms policy policies guidelines definition contract covenant statement declaration code licence
    license specification constitution resolution communique plan framework annex""".split()  # noqa: SIM905
)
_OF_PLACE = re.compile(
    r"\b(?:territory|territories|city|region|oblast|province|district|town|village|port|outskirts)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_AFTER_DOCUMENT = re.compile(
    r"\b(?:treaty|treaties|agreement|convention|charter|protocol|accords?|memorandum)\s+"
    r"(?:on|of|for|between|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(r"\s+(?:the\s+)?(" + "|".join(sorted(_PLACE_WORDS)) + r")\b")
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_MONTHS = """january february march april may june july august september october november december""".split()  # noqa: SIM905
_NOT_PARTIES = frozenset(
    """a an the this that these those it its all any each every no not if when where while after before
    upon within following both either neither there such other in on at by for of to and or but as
    with from shall must will may should could can might would required recommended optional party
    parties agreement article articles section sections annex point points plan clause clauses
    treaty framework protocol chapter paragraph item items rule rules principle principles
    specification version i ii iii iv v vi vii viii ix x key major minor patch usd eur gbp jpy chf cny
    rub uah cad aud we you they he she our your their his her my me them under about into through over
    between among against during via per what which who whom whose how why yes note example examples
    see also sec internet""".split()  # noqa: SIM905
    + _MONTHS
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
#: Short capitalised words that are technical terms, not organisations.
_TECHNICAL = frozenset(
    [
        "api",
        "apis",
        "url",
        "urls",
        "uri",
        "ascii",
        "rfc",
        "http",
        "https",
        "html",
        "json",
        "yaml",
        "xml",
        "sha",
        "cli",
        "faq",
        "pdf",
        "id",
        "ok",
        "todo",
        # media, protocols and licence or document names: no actor
        "internet",
        "ftp",
        "gnu",
        "gpl",
        "lgpl",
        "bsd",
        "osd",
        "dfsg",
    ]
)
_MODALS = frozenset("shall must will may should could can might would".split())  # noqa: SIM905


# A capitalised word right after a word, a comma or a closing bracket/quote and one space: inside a sentence.
_MID_SENTENCE_CAP = re.compile(r"(?<=[\w,)\u201d\u2019\"'*_] )([A-Z][\w\u2019'-]*?)(?:['\u2019]s)?\b")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_URLISH = re.compile(r"\S*(?:://|www\.|@|/)\S*")


def name_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The drafts' names (lower case): words seen capitalised inside a sentence somewhere in ``texts``
    and never written in lower case there (addresses aside).

    A capitalised word counts as a name only when it is known or is one of these, so that
    "Implementation shall begin ..." names no party while "Castavia shall ..." does when Castavia
    occurs inside a sentence elsewhere in the drafts; and "Content" in a heading is no name when the
    drafts also speak of "content".

    >>> sorted(name_vocabulary(["Costs are shared with Castavia.", "Castavia shall pay."]))
    ['castavia']
    >>> sorted(name_vocabulary(["Read the Content and the User rules.", "No content is kept.", "users"]))
    []
    """
    big = "\n".join(texts)
    found = {w.lower() for w in _MID_SENTENCE_CAP.findall(big)}
    lower = set(_LOWER_WORD.findall(_URLISH.sub(" ", big)))
    lower |= {w[:-1] for w in lower if w.endswith("s")}  # "users": "User" is a common noun too
    return frozenset(w for w in found if w not in _NOT_PARTIES and w not in lower)


def _trimmed(run: str) -> tuple[list[str], bool]:
    """The words of a run without generic words at its ends and titles before it: (words, titled)."""
    parts = [re.sub(r"['\u2019]s$", "", w) for w in run.split()]
    while parts and parts[0].lower() in _NOT_PARTIES:
        parts.pop(0)
    while parts and parts[-1].lower() in _NOT_PARTIES:
        parts.pop()
    titled = False
    while len(parts) > 1 and (parts[0].lower().rstrip(".") in _TITLES or parts[0] in ("of", "the")):
        parts.pop(0)  # "President Trump", "President of the United States"
        titled = True
    if titled:
        parts = [w for w in parts if not re.fullmatch(r"[A-Z]\.", w)] or parts  # "Donald J. Trump"
    return parts, titled


def _place_key(name: str) -> str:
    low = re.sub(r"\s+", " ", name.lower())
    words = low.split()
    if len(words) > 1 and words[-1] in ("oblast", "region", "province", "district", "krai"):
        low = " ".join(words[:-1])
    return _PLACE_ALIASES.get(low, low)


def _is_name_word(word: str, names: frozenset[str]) -> bool:
    low = word.lower()
    if low in ("of", "the"):
        return True
    if low in _KNOWN_PARTIES or low in _KNOWN_PLACES:
        return True
    if word.isupper() and len(word) > 1:  # an acronym: NATO, OSCE (not a shouted word or a technical term)
        return len(word) <= 5 and low not in _TECHNICAL and low not in _MODALS
    return low in names


def names_in(text: str, names: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """The parties and places of a text: (``"party"`` or ``"place"``, key, as written), in order.

    >>> names_in("The US and the Russian Federation met in Geneva on the Dnipro river.")
    [('party', 'US', 'US'), ('party', 'Russia', 'Russian Federation'), ('place', 'geneva', 'Geneva'), ('place', 'dnipro', 'Dnipro')]
    >>> names_in("Article 5 of the North Atlantic Treaty applies. Build metadata is ignored.", frozenset({"atlantic"}))
    []
    """
    runs = list(_CAP_RUN.finditer(text))
    # a run followed by a place word, or by a list that ends in one ("Donetsk, Luhansk and Kherson regions")
    listed = [False] * len(runs)
    for i in range(len(runs) - 1, -1, -1):
        after = text[runs[i].end() :]
        if _PLACE_AFTER.match(after) or (
            i + 1 < len(runs)
            and listed[i + 1]
            and _LIST_JOIN.fullmatch(text[runs[i].end() : runs[i + 1].start()])
        ):
            listed[i] = True
    out: list[tuple[str, str, str]] = []
    for i, m in enumerate(runs):
        before = text[max(0, m.start() - 40) : m.start()]
        if _AFTER_DOCUMENT.search(before):
            continue  # "Treaty on the Non-Proliferation of Nuclear Weapons": the treaty's name
        raw = m.group(0).rstrip(".")
        if any(w.lower().strip("'’") in _DOCUMENT_WORDS for w in re.split(r"[\s-]+", raw)[1:]):
            continue  # "North Atlantic Treaty", "Terms of Service": the name of a text
        parts, titled = _trimmed(raw)
        if not parts:
            continue
        name = " ".join(parts)
        low = name.lower()
        if low in _NOT_PARTIES or name.isupper() and low in _MODALS:
            continue
        if "-" in name and " " not in name:  # "US-Russian": the capitalised parts are the names
            pieces = name.split("-")
            if not pieces[-1][:1].isupper():
                continue  # "US-led", "EU-funded": an adjective built from a name, not a party
            for piece in pieces:
                if piece[:1].isupper() and _is_name_word(piece, names):
                    out.append(_sorted(piece))
            continue
        last = parts[-1].lower()
        if (
            low in _KNOWN_PLACES
            or last in _PLACE_WORDS
            or (low not in _KNOWN_PARTIES and (listed[i] or _OF_PLACE.search(before)))
        ):
            out.append(("place", _place_key(name), name))
            continue
        if low in _ALIASES or low in _KNOWN_PARTIES:
            out.append(("party", _ALIASES.get(low, name), name))
            continue
        if titled:  # a person: "Donald Trump" and "Trump" are one party
            out.append(("party", parts[-1].lower(), name))
            continue
        if len(parts) > 1 and last in _BODY_WORDS:  # a named body: "State Duma", "Peace Council"
            out.append(("party", name, name))
            continue
        # otherwise only the drafts' names count: the longest run of them from the start
        keep = 0
        while keep < len(parts) and _is_name_word(parts[keep], names):
            keep += 1
        while keep and parts[keep - 1].lower() in ("of", "the"):
            keep -= 1
        if not keep:
            continue
        name = " ".join(parts[:keep])
        if name.isupper() and len(name) > 1 and " " not in name and not _is_name_word(name, names):
            continue
        if name.lower() in _KNOWN_PLACES:
            out.append(("place", _place_key(name), name))
        else:
            out.append(("party", _ALIASES.get(name.lower(), name), name))
    return out


def _sorted(piece: str) -> tuple[str, str, str]:
    low = piece.lower()
    if low in _KNOWN_PLACES:
        return ("place", _place_key(piece), piece)
    return ("party", _ALIASES.get(low, piece), piece)


def _names(pair: Pair) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    if "names" not in pair.shared:
        pair.shared["names"] = (
            names_in(pair.undated_old, pair.names),
            names_in(pair.undated_new, pair.names),
        )
    return pair.shared["names"]  # type: ignore[return-value]


def _of_type(kind: str, found: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(key, shown) for t, key, shown in found if t == kind]


def party_flags(pair: Pair) -> list[Flag]:
    """Parties present on one side only (compared as sets of keys, first spelling shown)."""
    old, new = _names(pair)
    return set_flags("party", _whole(_of_type("party", old)), _whole(_of_type("party", new)))


def _whole(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Without a one-word name that is the first or last word of a longer name of the same side: "Bruce"
    beside "Bruce Perens" is the same person."""
    words = {w for key, _ in found if " " in key for w in (key.split()[0], key.split()[-1])}
    return [(key, shown) for key, shown in found if " " in key or key not in words]


def place_flags(pair: Pair) -> list[Flag]:
    """Places present on one side only."""
    old, new = _names(pair)
    return set_flags("place", _of_type("place", old), _of_type("place", new))


def name_flags(pair: Pair) -> list[Flag]:
    """Party and place flags together (party first)."""
    return party_flags(pair) + place_flags(pair)


def capitalised(word: str) -> bool:
    """The pre-check's test for a word that could be (part of) a name."""
    return word[:1].isupper()
