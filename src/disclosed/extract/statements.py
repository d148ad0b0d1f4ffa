"""Statements: quotations and reported speech attributed to a speaker, with the text machinery they need.

Besides `extract_statements`, this module holds the small pieces policy extraction shares with it:
sentence spans and the bodies a text names (both read through the shared extract/sentences.py and
extract/organisations.py), and the body a phrase like "the force" refers to in context.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from disclosed.extract.organisations import OrgContext, default_register, guess_kind
from disclosed.extract.sentences import split_sentences
from disclosed.model import Document, Statement
from disclosed.vocab import literal_trie_pattern

# --- vocabulary -------------------------------------------------------------------------------


@cache
def vocabulary() -> dict:
    """statements.toml, loaded once."""
    return tomllib.loads(resources.files("disclosed.vocab").joinpath("statements.toml").read_text("utf-8"))


def lower_keeping_offsets(text: str) -> str:
    """`text` in lower case, character for character (the few letters whose lower case is longer stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _words_pattern(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    v = vocabulary()
    # "verb" and "role" are matched in lower-cased text
    return {
        "verb": re.compile(rf"\b(?:{literal_trie_pattern(v['speech_verbs'])})\b"),
        "bare_verb": re.compile(rf"^(?:{_words_pattern(v['bare_report_verbs'])})$", re.IGNORECASE),
        "role": re.compile(rf"\b(?:{literal_trie_pattern(v['roles'])})\b"),
        "body_noun": re.compile(
            rf"^(?:the|this|that|a|an|its|our)\s+(?:[\w-]+\s+)?(?P<noun>{_words_pattern(list(v['body_nouns']))})$",
            re.IGNORECASE,
        ),
        "org_ending": re.compile(rf"\b(?:{_words_pattern(v['org_endings'])})$"),
        "source": re.compile(rf"\b(?:{_words_pattern(v['source_phrases'])})\b"),
        "source_after": re.compile(
            rf"^(?P<said>[^“”\"]{{12,}}?),\s+(?:{_words_pattern(v['source_phrases'])})\s+"
            rf"(?P<who>[^,;:“”\"]{{2,90}}?)\s*[.!?]?$",
            re.IGNORECASE,
        ),
        "source_before": re.compile(
            rf"^(?:{_words_pattern(v['source_phrases'])})\s+(?P<who>[^,;:“”\"]{{2,90}}?),\s+"
            rf"(?P<said>[^“”\"]{{12,}}?)[.!?]?$",
            re.IGNORECASE,
        ),
        "noun_before": re.compile(rf"\b(?:{_words_pattern(v['verb_is_a_noun_after'])})\s+$"),
        "outlet_cue": re.compile(rf"\b(?:{_words_pattern(v['outlet_cues'])})\s+(?:the\s+)?$"),
        "not_body_after": re.compile(rf"[ \t]+(?:{_words_pattern(v['not_a_body_when_followed_by'])})\b"),
    }


# --- sentences and bodies: the shared machinery of extract/sentences.py and extract/organisations.py ---

_PARAGRAPH = re.compile(r"[^\n]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, from the shared splitter (a line break always ends one)."""
    return [(s.start, s.end) for s in split_sentences(text)]


@dataclass(frozen=True, slots=True)
class BodyMention:
    """A body named in a text: `text[start:end]` as written, `name` its official name.

    `kind` is the register's kind for a public body; organisations outside the register that the
    vocabulary or the text itself names in full (unions, professional bodies) have kind "organisation".
    """

    start: int
    end: int
    name: str
    kind: str | None
    role: str | None = None  # "outlet" or "requester" where the text casts the body so


OUTSIDE = "organisation"  # the kind of a named organisation that is not a public body
OUTLET = "outlet"  # the kind of a registered body that is in the text as a broadcaster or publisher


def org_context(text: str) -> OrgContext:
    """The shared organisations-in-context of `text`, with the shipped authority register."""
    return OrgContext(text, default_register())


# "Nursing and Midwifery Council": the capitalised words and "and" before a name cut at the "and"
_JOINED_BEFORE = re.compile(
    r"(?:[A-Z][\w'’-]*[ \t]+(?:(?:and|&|of|for)[ \t]+)?)*[A-Z][\w'’-]*[ \t]+(?:and|&)[ \t]+$"
)
# "the Office for Student Support (OSS)": a name defined with its initials in brackets
_JOINED_GAP = re.compile(r"[ \t]+(?:and|&)[ \t]+(?:[A-Z][\w'’-]*[ \t]+)*")
_DEFINED_INITIALS = re.compile(
    r"(?P<full>[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|for|and|the|&|on|in)[ \t]+)*[A-Z][\w'’-]*){1,8})"
    r"[ \t]+\((?P<short>[A-Z][A-Za-z]{1,7})\)$"
)
_BRACKET_INITIALS = re.compile(r"\([A-Z][A-Za-z]{1,7}\)")
_CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]+$")
_MINOR_WORDS = frozenset({"of", "for", "and", "the", "&", "on", "in"})


def _initials_fit(full: str, short: str) -> bool:
    """Whether `short` could be the initials of `full` ("PSNI": "Police Service of Northern Ireland")."""
    initials = "".join(w[0] for w in full.split() if w.lower() not in _MINOR_WORDS).upper()
    letters = [c for c in short.upper() if c.isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    pos = 0
    for c in letters:  # the short form's letters appear in order among the name's initials
        pos = initials.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


@cache
def _known_organisations() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Organisations outside the register by the short forms articles use (statements.toml)."""
    table: dict[str, str] = {}
    for full, shorts in vocabulary()["organisations"].items():
        table[full] = full
        for short in shorts:
            table[short] = full
    if not table:
        return None, {}
    # case-sensitive, whole words: "Unite" the union, not "unite" the verb. Every name starts with a
    # capital: a pattern opening with a character class lets `re` jump from capital to capital, the
    # name itself read by a lookahead from there (group "name")
    names = literal_trie_pattern(table)
    return re.compile(rf"[A-Z](?<![\w-].)(?<=(?=(?P<name>{names})(?![\w-])).)"), table



def _widen(text: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """Names the mention finder cut at an inner "and" ("Midwifery Council", or a place, "and", then a
    name: "Shropshire" + "Wrekin Fire Authority") get their first words back."""
    out: list[BodyMention] = []
    for m in mentions:
        prior_end = out[-1].end if out else 0
        cut_at_and = text.endswith(("and ", "& "), 0, m.start) and m.start > prior_end
        joined = _JOINED_BEFORE.search(text, max(prior_end, m.start - 80), m.start) if cut_at_and else None
        if joined is not None and resolve_body(m.name) is None:
            start = joined.start()
            lead = text[start : m.end].split()[0]
            if lead in _STOP_CAPS:
                start += len(lead) + 1
            m = _renamed(text, start, m)
        if out and _JOINED_GAP.fullmatch(text, out[-1].end, m.start) and resolve_body(m.name) is None:
            m = _renamed(text, out.pop().start, m)
        out.append(m)
    return out


def _renamed(text: str, start: int, m: BodyMention) -> BodyMention:
    """The mention `m` read from `start`: the register's body by that name, a known organisation, or
    the name as written."""
    written = _SPACE.sub(" ", text[start : m.end]).strip()
    resolved = resolve_body(written)
    if resolved:
        return BodyMention(start, m.end, resolved[0], resolved[1])
    known = _known_organisations()[1].get(written)
    return BodyMention(start, m.end, known or written, OUTSIDE if known else m.kind)


def _add_named(text: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """Add the organisations a text defines by initials ("... (NMC)") or the vocabulary knows ("BMA"),
    and give a defined short form the body it stands for in this text."""
    defined: dict[str, tuple[str, str | None]] = {}
    for bracket in _BRACKET_INITIALS.finditer(text):
        # the name before the bracket, read in a short window that ends at the bracket
        m = _DEFINED_INITIALS.search(text, max(0, bracket.start() - 120), bracket.end())
        if m is None:
            continue
        full = re.sub(r"^(?:The|A|An)\s+", "", _SPACE.sub(" ", m.group("full")))
        short = m.group("short")
        # the longest tail of the capitalised run whose initials fit ("Yesterday Police Scotland (PS)")
        words = full.split()
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            if candidate.split()[0].lower() in _MINOR_WORDS:
                continue
            if _initials_fit(candidate, short):
                resolved = resolve_body(candidate)
                known = _known_organisations()[1].get(candidate)
                if not (resolved or known or _patterns()["org_ending"].search(candidate)):
                    break  # "Chief Fire Officer (CFO)": a title, not a body
                if resolved:
                    defined[short] = resolved
                elif known:
                    defined[short] = (known, OUTSIDE)
                else:
                    defined[short] = (candidate, guess_kind(candidate) or OUTSIDE)
                break
    out = list(mentions)
    taken = sorted((m.start, m.end) for m in mentions)

    def free(s: int, e: int) -> bool:
        i = bisect_right(taken, (s, len(text) + 1))
        # spans never overlap one another: only the neighbours on each side can overlap [s, e)
        return not any(a < e and s < b for a, b in taken[max(0, i - 1) : i + 1])

    def take(s: int, e: int) -> None:
        insort(taken, (s, e))

    # a short form defined in this text means what the text says, whatever the register reads it as
    for i, m in enumerate(out if defined else ()):
        written = text[m.start : m.end]
        if written in defined and defined[written][0] != m.name:
            out[i] = BodyMention(m.start, m.end, defined[written][0], defined[written][1])
    extra: list[BodyMention] = []
    for short, (name, kind) in defined.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if free(m.start(), m.end()):
                extra.append(BodyMention(m.start(), m.end(), name, kind))
                take(m.start(), m.end())
        full_at = text.find(name)
        while full_at >= 0:
            if free(full_at, full_at + len(name)):
                extra.append(BodyMention(full_at, full_at + len(name), name, kind))
                take(full_at, full_at + len(name))
            full_at = text.find(name, full_at + len(name))
    pattern, table = _known_organisations()
    if pattern is not None:
        for m in pattern.finditer(text):
            at, end = m.start("name"), m.end("name")
            prior = _CAPITALISED_WORD_BEFORE.search(text, max(0, at - 30), at)
            if prior is not None and prior.group(1) not in _STOP_CAPS:
                continue  # the end of a longer name: "Kent Police Federation" is not the national one
            if free(at, end):
                extra.append(BodyMention(at, end, table[_SPACE.sub(" ", m.group("name"))], OUTSIDE))
                take(at, end)
    if not extra:
        return out
    return sorted(out + extra, key=lambda b: b.start)


def find_bodies(text: str, orgs: OrgContext | None = None) -> list[BodyMention]:
    """Every body named in `text` (the shared OrgContext's named mentions, names cut at an inner "and"
    made whole, short forms the text defines, organisations the vocabulary knows), in order, without
    overlaps."""
    if orgs is None:
        orgs = org_context(text)
    # "the Greater Manchester Police Federation" names a staff association, not the force
    not_body = _patterns()["not_body_after"]
    outlets = frozenset(vocabulary()["outlets"])
    bodies = []
    for m in orgs.named:
        if not_body.match(text, m.end):
            continue
        role = orgs.role(m)
        outlet = m.name in outlets or role == "outlet"
        bodies.append(BodyMention(m.start, m.end, m.name, OUTLET if outlet else m.kind, role))
    return _add_named(text, _widen(text, bodies))


@lru_cache(maxsize=8192)
def resolve_body(name: str) -> tuple[str, str | None] | None:
    """(official name, kind) for a name the authority register knows, else None."""
    register = default_register()
    if register is None:
        return None
    key = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.strip()), flags=re.IGNORECASE)
    authority = register.resolve(key)
    return (authority.official_name, authority.kind) if authority is not None else None


class BodyContext:
    """The bodies of one text by position, to answer "which body does 'the force' mean here?"."""

    def __init__(self, bodies: list[BodyMention]) -> None:
        self.bodies = bodies
        self._starts = [b.start for b in bodies]

    def within(self, start: int, end: int) -> list[BodyMention]:
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.bodies) and self.bodies[i].start < end:
            if self.bodies[i].end <= end:
                out.append(self.bodies[i])
            i += 1
        return out

    def last_before(self, pos: int, kinds: list[str] | None = None) -> BodyMention | None:
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            b = self.bodies[i]
            if b.end <= pos and (b.kind in kinds if kinds else b.kind != OUTLET):
                return b
            i -= 1
        return None


# --- quotations ---------------------------------------------------------------------------------

_QUOTE_CHARS = re.compile(r"[\"“”„‟«»‘’‚‛'`]")
_SPACE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """The form quotes are compared in: quotation marks and apostrophes dropped, whitespace folded."""
    return _SPACE.sub(" ", _QUOTE_CHARS.sub("", text)).strip()


@dataclass
class Quotation:
    """Quoted words, possibly continued over paragraphs: `parts` are the inner spans, in order."""

    open_at: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    close_at: int = -1  # just after the closing mark; -1 while still open
    whole_paragraph: bool = False

    @property
    def end(self) -> int:
        return self.close_at if self.close_at >= 0 else self.parts[-1][1]


_MARK = re.compile(r"[\"“”‘’']")
_CONTINUES = {"d": '“"', "s": "‘", "a": "'"}
_OPENERS_BEFORE = " \t([—–-:;,/"


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`; an unclosed one runs on into a next paragraph opening with a mark."""
    quotes: list[Quotation] = []
    pending: Quotation | None = None  # left open at the end of the previous paragraph
    pending_kind = ""
    for para in _PARAGRAPH.finditer(text):
        line = para.group()
        if not line.strip():
            continue
        base = para.start()
        lead = len(line) - len(line.lstrip())
        first = line[lead] if lead < len(line) else ""
        state: str | None = None
        current: Quotation | None = None
        if pending is not None:
            if first and first in _CONTINUES[pending_kind]:
                current, state = pending, pending_kind
                inner_start = base + lead + 1
                # the opener of a continuation paragraph is consumed here, not in the loop below
                skip = base + lead
            else:
                quotes.append(pending)
                skip = -1
            pending = None
        else:
            skip = -1
        if state is None:
            inner_start = -1
        for m in _MARK.finditer(line):
            pos = base + m.start()
            if pos == skip:
                continue
            ch = m.group()
            if state is None:
                before = line[m.start() - 1] if m.start() else " "
                after = line[m.start() + 1] if m.start() + 1 < len(line) else " "
                if ch in '“"':
                    state = "d"
                elif ch == "‘" and before in _OPENERS_BEFORE:
                    state = "s"
                elif ch == "'" and before in _OPENERS_BEFORE and after.isupper():
                    state = "a"  # a straight single quote opens only before a capital: not an apostrophe
                else:
                    continue
                if state:
                    current = Quotation(open_at=pos, whole_paragraph=m.start() == lead)
                    inner_start = pos + 1
            elif state == "d" and ch in '”"':
                assert current is not None
                current.parts.append((inner_start, pos))
                current.close_at = pos + 1
                quotes.append(current)
                state, current = None, None
            elif (state == "s" and ch == "’") or (state == "a" and ch == "'"):
                after = line[m.start() + 1] if m.start() + 1 < len(line) else " "
                if not after.isalpha():
                    assert current is not None
                    current.parts.append((inner_start, pos))
                    current.close_at = pos + 1
                    quotes.append(current)
                    state, current = None, None
        if state is not None and current is not None:
            current.parts.append((inner_start, para.end()))
            pending, pending_kind = current, state
    if pending is not None:
        quotes.append(pending)
    return [q for q in quotes if any(e > s for s, e in q.parts)]


def quotation_text(text: str, q: Quotation) -> str:
    words = " ".join(_SPACE.sub(" ", text[s:e]).strip() for s, e in q.parts if e > s)
    return words.strip().rstrip(",;:").strip()


# --- speakers -----------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Professor|Prof|Cllr|Councillor)\.?\s+"
)
_PERSON_NAME = re.compile(
    rf"^(?:{_HONORIFIC.pattern[1:]})?{_NAME_TOKEN}(?:\s+(?:(?:de|van|von|da|di|le|la)\s+)?"
    rf"{_NAME_TOKEN}){{1,3}}$"
)
_SURNAME = re.compile(rf"^{_NAME_TOKEN}$")
_SURNAME_ONLY = re.compile(rf"^{_HONORIFIC.pattern[1:]}{_NAME_TOKEN}$")
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’&.-]*)(?:\s+(?:(?:of|for|and|the|&|on)\s+)*[A-Z][\w'’&.-]*)*")
_LEAD_IN = re.compile(
    r"^(?:in|at|on|during|after|before|responding|reacting|asked|speaking|writing|commenting|in response"
    r"|when|however|but|and|meanwhile|separately|yesterday|today|last|this|earlier|figures|the figures)\b",
    re.IGNORECASE,
)
_PLACE_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?![\w-])")
_STATEMENT_LEAD = re.compile(
    r"^(?:(?:but|and|yet|however|meanwhile|while|whereas|although|though),?\s+)?"
    r"(?:(?:in|on|at|through|via)\s+(?:a|an|the|that|this|its|their|his|her)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|reply|response|letter|post|email|e-mail|interview|briefing|comment|release|update|note)s?"
    r"(?:\s+(?:to|on|posted\s+on|published\s+on|from|at|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
    r"\s*,\s*|(?:in|on|at|through|via)\s+(?:a|an|that|this|its|their)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:statement|reply|response|letter|post|email|interview|comment)s?\s+(?=(?:the|a|an|its)\s))?",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:a|an|the|one|its|their|his|her)(?:\s+|$)", re.IGNORECASE)
_STOP_CAPS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "At",
        "On",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "But",
        "And",
        "However",
    ]
)
_NAME_BEFORE_COMMA = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_HONORIFIC.pattern[1:]})?{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})$"
)
_BRACKETED_INITIALS = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)$")
_APPOSITIVE_NAME = re.compile(
    rf"(?P<name>(?:{_HONORIFIC.pattern[1:]})?{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})\s*(?:,|\)|\s+(?:said|says|told))"
)
_DESCRIPTION = re.compile(r"(?P<desc>[^,.;:“”\"\n]{3,160}?),")


def _is_person_name(words: str) -> bool:
    """ "Jane Roe", "Dr Ann Lee": not "The Department" or "Its Chair"."""
    return bool(_PERSON_NAME.match(words)) and words.split()[0] not in _STOP_CAPS


def person_name(name: str) -> str:
    """A name as people are listed: honorifics dropped, whitespace folded."""
    return _HONORIFIC.sub("", _SPACE.sub(" ", name.strip()))


@dataclass
class Speaker:
    """Who a statement is attributed to, as far as the text says."""

    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    is_body: bool = False  # organisation is a registered public body
    person: bool = False  # a person speaks (named, or a spokesperson), not the body itself


def _refers_to_body(phrase: str, ctx: BodyContext, pos: int) -> BodyMention | None:
    m = _patterns()["body_noun"].match(phrase.strip())
    if not m:
        return None
    kinds = vocabulary()["body_nouns"].get(m.group("noun").lower())
    return ctx.last_before(pos, kinds or None)


def _mention_named(b: BodyMention) -> tuple[str, bool]:
    """(name, is a public body) of a mention."""
    return b.name, b.kind != OUTSIDE


def _named_organisation(words: str) -> tuple[str, bool] | None:
    """An organisation written out in `words` ("conservative think tank Parliament Street"), as given."""
    runs = [r.rstrip(".") for r in _CAP_RUN.findall(words) if r not in _STOP_CAPS]
    if not runs:
        return None
    resolved = resolve_body(runs[0])
    return (resolved[0], True) if resolved else (runs[0], False)


def _organisations_named(text: str, noun: str) -> list[tuple[int, str]]:
    """(end, name) of each organisation of the sort `noun` names ("union": "... Union") in `text`."""
    ending = vocabulary()["org_nouns"].get(noun)
    if ending is None:
        return []
    if not ending:
        pattern = re.compile(rf"\b{re.escape(noun)}\s+((?:[A-Z][\w'’&-]*\s*)+)", re.IGNORECASE)
        return [(m.end(), m.group(1).strip()) for m in pattern.finditer(text)]
    # find the ending word first (a literal: fast), then the capitalised words before it
    out = []
    for m in re.finditer(rf"{re.escape(ending)}\b", text):
        run = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 100), m.start())
        if run:
            out.append((m.end(), text[run.start() : m.end()].strip()))
    return out


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’&-])(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|&)\s+)*)+$")


@dataclass
class Found:
    """A statement with the span of its quoted words, for callers that mask or reuse them."""

    statement: Statement
    quote_start: int
    quote_end: int
    speaker: Speaker


_AFTER_PRONOUN = re.compile(
    r"^\s*[,.]?\s*(?P<who>he|she|they|it|we)\s+(?P<verb>\w+(?:\s+out|\s+on)?)\b", re.IGNORECASE
)
_AFTER_VERB_FIRST = re.compile(
    r"^\s*,?\s*(?P<verb>[a-z]+(?:\s+out|\s+on)?)\s+(?P<who>[^.!?“”\"]{2,160}?)\s*(?:[.!?]|$)"
)
_AFTER_WHO_FIRST = re.compile(
    r"^\s*,?\s*(?P<who>[^.!?“”\"]{2,160}?)\s+(?P<verb>[a-z]+(?:\s+out|\s+on)?)"
    r"(?:\s+(?:in|on|to|at|during|after|yesterday|today|this|last)\b[^.!?“”\"]{0,50})?\s*(?:[.,!?:]|$)"
)


@cache
def _after_who_first_speech() -> re.Pattern[str]:
    """_AFTER_WHO_FIRST with only speech verbs as the verb: '"...," Liz Barnes, the director, said.'
    reads on past "director" to "said" instead of stopping at the first lower-case word."""
    verbs = "|".join(re.escape(v) for v in sorted(vocabulary()["speech_verbs"], key=len, reverse=True))
    return re.compile(
        rf"^\s*,?\s*(?P<who>[^.!?“”\"]{{2,160}}?)\s+(?P<verb>{verbs})"
        r"(?:\s+(?:in|on|to|at|during|after|yesterday|today|this|last)\b[^.!?“”\"]{0,50})?\s*(?:[.,!?:]|$)"
    )


_ORG_IN_PLACE = re.compile(
    r"(?P<org>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$"
)


@cache
def _org_descriptor() -> re.Pattern[str]:
    words = sorted(vocabulary()["org_descriptors"], key=len, reverse=True)
    return re.compile(rf"(?i:{'|'.join(re.escape(w) for w in words)})\s+")


_TRAILING = re.compile(
    r"^(?P<said>.{12,}?),\s+(?P<who>[^,;:“”\"]{2,90}?)\s+(?P<verb>[a-z]+(?:\s+out)?)"
    r"(?:\s+(?:in|on|to|at|during|after|yesterday|today|this|last)\b[^,;]{0,50})?\s*[.!?]?$"
)
# "PCS branch organiser at the DVLA": an acronym or capitalised name before a lower-case title owns it
_OWNER_BEFORE_TITLE = re.compile(
    r"(?P<owner>[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)(?=\s+[a-z]|$)"
)
_NAME_OF_ORGANISATION = re.compile(
    r"^(?P<name>[^,]+?)\s+(?:of|from|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}(?P<org>[A-Z][^,]*)$"
)
_COORDINATED_PREDICATE = re.compile(r",\s+[a-z][^,]*\s(?:but|and)(?:\s+(?:also|then))?$")
# "The PCS union welcomed the changes but said ...": no comma, the first past-tense verb ends the subject
_UNCOMMAED_PREDICATE = re.compile(r"(?<=[A-Za-z])\s+[a-z]+ed\b[^,]*\s(?:but|and)(?:\s+(?:also|then))?$")
# "Durham County Council, one of the authorities named in the report, said": the aside is not the speaker
_SUBJECT_ASIDE = re.compile(r",\s+(?:one of|among|which|itself|one of the)\b[^,]*$")
_FULLER_NAME_TAIL = re.compile(r"\s+(?:for|of|on|and|&)\s+(?:the\s+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")
_DESCRIBED = re.compile(r"(?:a|an)\s+[a-z][a-z -]{2,40}$")
_ROLE_TAIL = re.compile(r"[a-z][\w-]*(?:\s+(?:of|for|and|&)?\s*[a-z][\w-]*)*")
_ROLE_AFFILIATION = re.compile(r"\s+(?:at|for|from|with|in)(?:\s+.*)?$")
_ROLE_TRAILING = re.compile(r"\s+(?:of|and|&)(?:\s+the)?$")
_SEGMENT = re.compile(r"[^,]+")
_SAYING = re.compile(r",\s+saying\s+(?:only\s+|simply\s+|merely\s+)?(?:that\s+)?")
_CLAUSE_CUT = re.compile(r";\s+|,?\s+(?:but|while|whereas|although|though)\s+")
# the subject at a clause's start: a body's name or "the council", up to its first lower-case verb
_SUBJECT = re.compile(
    r"\s*(?:(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?:[a-z-]+\s+)?[a-z]+|(?:The\s+|the\s+)?[A-Z][\w'’&-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w'’&-]*)*)(?=\s+(?:also\s+|had\s+|has\s+|have\s+)?[a-z]+(?:ed|s)\b)"
)
_AUXILIARY_END = re.compile(r"\s+(?:had|has|have|also|would|will|has\s+also|had\s+also|previously)$")
_THAT = re.compile(r"\s*,?\s*that\s+")
_BARE_REPORT_START = re.compile(r"\s+[a-z0-9]")
_RELATIVE_CLAUSE = re.compile(r"\s+(?:who|which|whose|whom)\s")
_NOT_A_REPORT = re.compile(
    r"^(?:in|on|at|to|of|after|before|during|yesterday|today|last|this|so)\b", re.I
)


@cache
def speech_cue_words() -> tuple[str, ...]:
    """Words that mark a sentence as possibly reporting speech: the prefilter for reported statements."""
    # a verb's first word is enough to find the sentence ("pointed out" -> "pointed")
    words = {v.split()[0] for v in vocabulary()["speech_verbs"]}
    words |= {p.split()[0] for p in vocabulary()["source_phrases"]}
    return tuple(sorted(words))


@cache
def _cue_finder() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{literal_trie_pattern(list(speech_cue_words()))})\b")


def _speech_verb(word: str) -> bool:
    return bool(_patterns()["verb"].fullmatch(word.strip().lower()))


def _headline_like(text: str, s: int, e: int) -> bool:
    """A line standing alone without closing punctuation: a headline or subheading, not reporting."""
    whole_line = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] in "\r\n")
    if not whole_line or e - s >= 160 or text[e - 1] in ".!?\"”’'":
        return False
    return text[s] != "|" and text.find("\t", s, e) < 0  # a table's row says things, as prose does


class _Shifted:
    """A match in the whole text read as if made in the slice starting at `offset`."""

    __slots__ = ("_m", "_offset")

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._offset = m, offset

    def start(self) -> int:
        return self._m.start() - self._offset

    def end(self) -> int:
        return self._m.end() - self._offset

    def group(self) -> str:
        return self._m.group()


class _Extractor:
    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        bodies: list[BodyMention],
        speech: list[int] | None = None,
    ) -> None:
        self.text = text
        self.speech = speech
        self.lowered = lower_keeping_offsets(text)
        self.sentences = sentences
        self._sent_starts = [s for s, _ in self.sentences]
        self.ctx = BodyContext(bodies)
        self.previous: list[tuple[Speaker, int]] = []
        self.known: dict[str, Speaker] = {}
        self.found: list[Found] = []
        self._paragraphs = [m.start() for m in _PARAGRAPH.finditer(text) if m.group().strip()]
        self.introductions: list[tuple[int, Speaker]] = []
        self._named_by_noun: dict[str, list[tuple[int, str]]] = {}
        self._full_names: dict[str, tuple[int, str] | None] = {}
        self._surname_at: dict[str, list[int]] = {}
        comma = text.find(", ")
        while comma >= 0:
            # "Jane Roe, head of policy at X," introduces a speaker who may later be "she" or "Ms Roe"
            last_word = text.rfind(" ", max(0, comma - 40), comma) + 1
            if not text[last_word : last_word + 1].isupper():  # a name ends in a capitalised word
                if text[comma + 2 : comma + 3].isupper():
                    self._appositive(comma)
                comma = text.find(", ", comma + 2)
                continue
            m = _NAME_BEFORE_COMMA.search(text, max(0, comma - 60), comma)
            d = _DESCRIPTION.match(text, comma + 2) if m else None
            sp = None
            if m and d:
                desc = _RELATIVE_CLAUSE.split(d.group("desc"), maxsplit=1)[0]
                sp = self._role_speaker(desc, d.start("desc"), name=person_name(m.group("name")))
                if sp is not None:
                    self.introductions.append((m.start(), sp))
                    self.known.setdefault(sp.name or "", sp)
            if sp is None and text[comma + 2 : comma + 3].isupper():
                self._appositive(comma)
            comma = text.find(", ", comma + 2)

    def _appositive(self, comma: int) -> None:
        """ "the service's chief officer, Simon Hardiman," introduces a speaker by title, then name."""
        named = _APPOSITIVE_NAME.match(self.text, comma + 2)
        if named is None:
            return
        start = max(0, comma - 140)
        bracket = _BRACKETED_INITIALS.search(self.text, start, comma)
        if bracket is not None:  # "Chief Fire Officer (CFO), Simon Hardiman,"
            comma = bracket.start()
        cut = max(self.text.rfind(c, start, comma) for c in ".;:\n“”\",(")
        seg_start = max(start, cut + 1)
        title = self.text[seg_start:comma]
        if not title.strip() or _patterns()["role"].search(self.lowered, seg_start, comma) is None:
            return
        at = seg_start + len(title) - len(title.lstrip())
        sp = self._role_speaker(title.strip(), at, name=person_name(named.group("name")))
        if sp is not None and sp.organisation:
            self.introductions.append((named.start(), sp))
            self.known.setdefault(sp.name or "", sp)

    def _sentences_with_verbs(self) -> list[int]:
        """Indexes of sentences holding a speech verb or a source phrase: one cue regex over the text."""
        if self.speech is not None:
            return self.speech
        hits: set[int] = set()
        starts, sentences = self._sent_starts, self.sentences
        for m in _cue_finder().finditer(self.lowered):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < sentences[i][1]:
                hits.add(i)
        return sorted(hits)

    # -- positions --
    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sent_starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, 0)

    def paragraph_at(self, pos: int) -> int:
        return bisect_right(self._paragraphs, pos) - 1

    # -- speakers --
    def remember(self, speaker: Speaker, pos: int) -> None:
        self.previous.append((speaker, pos))
        if speaker.name:
            prior = self.known.get(speaker.name)
            if prior is None or (speaker.organisation and not prior.organisation):
                self.known[speaker.name] = speaker

    def lookup_person(self, name: str) -> Speaker | None:
        name = person_name(name)
        if name in self.known:
            return self.known[name]
        surname = name.split()[-1]
        for full, sp in self.known.items():
            if full and full.split()[-1] == surname:
                return sp
        return None

    def last_person(self, pos: int) -> Speaker | None:
        """Whom "he" or "she" at `pos` means: the person who spoke or was named last before it."""
        best: tuple[int, Speaker] | None = None
        for sp, at in reversed(self.previous):
            if sp.person:
                best = (at, sp)
                break
        for name, sp in self.known.items():
            if not name:
                continue
            if name not in self._surname_at:
                surname = re.escape(name.split()[-1])
                self._surname_at[name] = [m.start() for m in re.finditer(rf"\b{surname}\b", self.text)]
            at_list = self._surname_at[name]
            i = bisect_right(at_list, pos - 1) - 1
            if i >= 0 and (best is None or at_list[i] > best[0]):
                best = (at_list[i], sp)
        for at, sp in reversed(self.introductions):
            if at < pos:
                if best is None or at > best[0]:
                    best = (at, sp)
                break
        return best[1] if best else None

    def refer(self, phrase: str, pos: int) -> BodyMention | None:
        """The body "the council" or "the force" stands for at `pos`: a place named earlier in the same
        sentence with that kind of body ("Torfaen ... but the council said") if the register knows it,
        else the last body of that kind named before."""
        m = _patterns()["body_noun"].match(phrase.strip())
        if not m:
            return None
        kinds = vocabulary()["body_nouns"].get(m.group("noun").lower()) or None
        last = self.ctx.last_before(pos, kinds)
        s_start = self.sentence_at(pos)[0]
        # the sentence before too: "Ashby also reported a case. A spokesman for the council said"
        window = self.sentence_at(max(s_start - 1, 0))[0] if s_start else s_start
        if kinds and (last is None or last.start < s_start):
            place = self.place_body(max(window, last.end if last else 0), pos, kinds)
            if place is not None:
                return place
        return last

    def place_body(self, start: int, end: int, kinds: list[str]) -> BodyMention | None:
        """The last place in text[start:end] whose body of one of `kinds` the register knows."""
        heads = vocabulary()["place_heads"]
        found: BodyMention | None = None
        for m in _PLACE_WORD.finditer(self.text, start, end):
            word = m.group()
            if word in _STOP_CAPS:
                continue
            for kind in kinds:
                for head in heads.get(kind, []):
                    resolved = resolve_body(f"{word} {head}")
                    if resolved is not None and resolved[1] == kind:
                        found = BodyMention(m.start(), m.end(), resolved[0], kind)
                        break
                else:
                    continue
                break
        return found

    def body_by_head(self, word: str, pos: int) -> BodyMention | None:
        """ "an Assembly spokesperson": a body named before whose name ends in the word."""
        for b in reversed(self.ctx.bodies):
            if b.start < pos and b.name.endswith(" " + word):
                return b
        return None

    def body_by_place(self, word: str, pos: int) -> BodyMention | None:
        """ "Leeds said": a place standing for the body named after it earlier in the text."""
        if not word[:1].isupper() or len(word.split()) > 2:
            return None
        for b in reversed(self.ctx.bodies):
            if b.start < pos and b.name.startswith(word + " ") and b.name != word:
                return b
        return None

    def named_before(self, noun: str, pos: int) -> str | None:
        """ "the union": the organisation of that sort the text named last before `pos`."""
        key = noun.lower()
        if key not in self._named_by_noun:
            self._named_by_noun[key] = _organisations_named(self.text, key)
        named = self._named_by_noun[key]
        i = bisect_right(named, (pos, "\uffff")) - 1
        return named[i][1] if i >= 0 else None

    def document_body(self, pos: int) -> BodyMention | None:
        """The public body a passage is about when its speaker names none: the last one named before
        `pos` that is not an outlet ("told the BBC"), else the first one the text names."""
        cue = _patterns()["outlet_cue"]
        first: BodyMention | None = None
        last: BodyMention | None = None
        for b in self.ctx.bodies:
            if b.kind in (OUTSIDE, OUTLET) or b.role is not None:
                continue
            if cue.search(self.lowered, max(0, b.start - 30), b.start):
                continue
            if first is None:
                first = b
            if b.start < pos:
                last = b
            else:
                break
        return last or first

    def _owner(self, owner: str, start: int, end: int) -> tuple[str | None, bool]:
        """The organisation written before a title: "Home Office", "DWP", "council", "the union"."""
        if owner in _STOP_CAPS or not owner.strip():
            return None, False
        in_before = self.ctx.within(start, end)
        if in_before:
            return in_before[-1].name, in_before[-1].kind != OUTSIDE
        named = self.named_before(owner, start)
        if named:
            return named, False
        ref = self.refer("the " + owner.split()[-1], start) if owner.split() else None
        if ref is not None:
            return ref.name, ref.kind != OUTSIDE
        if owner[:1].isupper():
            place = self.body_by_place(owner, start) or self.body_by_head(owner, start)
            if place is not None:
                return place.name, place.kind != OUTSIDE
            resolved = resolve_body(owner)
            return (resolved[0], True) if resolved else (owner, False)
        return None, False

    def _role_speaker(
        self, seg: str, seg_abs: int, name: str | None = None, written_name: str = ""
    ) -> Speaker | None:
        """A speaker described by a job title: "a DWP spokesperson", "director of technology at X"."""
        role_m = _patterns()["role"].search(lower_keeping_offsets(seg))
        if role_m is None:
            return None
        tail = _ROLE_TAIL.match(seg, role_m.start())
        role = tail.group() if tail else role_m.group().lower()
        role = _ROLE_TRAILING.sub("", _ROLE_AFFILIATION.sub("", role))
        if seg[role_m.start()].isupper():
            role = role_m.group().lower()
        lead = seg[: role_m.start()].strip()
        before = _ARTICLE.sub("", lead)
        before = re.sub(r"['’]s$", "", before).strip()
        if _LEAD_IN.match(before):
            before = ""  # "In that statement the chair of ...": a lead-in, not the title's owner
        org: str | None = None
        is_body = False
        if lead.lower() in vocabulary()["pronouns"]["possessive"]:
            # "Its chairman": the organisation named last
            last = self.ctx.last_before(seg_abs)
            if last is not None:
                org, is_body = last.name, last.kind != OUTSIDE
        after_role = seg[role_m.start() :]
        bodies = self.ctx.within(seg_abs + role_m.start(), seg_abs + len(seg))
        owner_first = _OWNER_BEFORE_TITLE.match(before)
        in_lead = self.ctx.within(seg_abs, seg_abs + role_m.start())
        if in_lead and org is None:
            # "PCS branch organiser at the DVLA", "a DWP spokesperson": the owner named before the title
            owner_body = in_lead[-1]
            org, is_body = owner_body.name, owner_body.kind != OUTSIDE
            bodies = []
            before = seg[owner_body.end - seg_abs : role_m.start()].strip()
            before = re.sub(r"^['’]s\b", "", before).strip()
        elif owner_first and bodies and not in_lead:
            owned, owned_is_body = self._owner(owner_first.group("owner"), seg_abs, seg_abs + role_m.start())
            if owned is not None:
                bodies = []
                org, is_body = owned, owned_is_body
                before = before[owner_first.end() :].strip()
        if bodies:
            org, is_body = bodies[0].name, bodies[0].kind != OUTSIDE
        elif org is None:
            at = re.search(r".*\bat\s+(?:the\s+)?(.+)$", after_role) or re.search(
                r"\b(?:for|of|from|with)\s+(?:the\s+)?(.+)$", after_role
            )
            ref = self.refer("the " + at.group(1).strip(), seg_abs) if at else None
            named = _named_organisation(at.group(1)) if at and ref is None else None
            if ref is not None:  # "a spokeswoman for the department"
                org, is_body = ref.name, ref.kind != OUTSIDE
            elif named and named[0] not in vocabulary()["not_organisations"]:
                org, is_body = named
        modifier = before  # "research director": lower-case words before the title belong to it
        if org is None and before:
            # "the union's national officer": the owner names the organisation, the rest is the title
            owner, _, modifier = before.partition("'s ") if "'s " in before else before.partition("’s ")
            if not modifier:
                owner, modifier = before, ""
            org, is_body = self._owner(owner, seg_abs, seg_abs + role_m.start())
            if org is None:
                modifier = before
        elif before and (
            before.lower() in vocabulary()["org_nouns"]
            or self.refer("the " + before.split()[-1], seg_abs)
        ):
            modifier = ""
        if modifier and modifier.islower() and len(modifier.split()) <= 3:
            role = f"{modifier} {role}"
        if name is None:
            after = seg[role_m.end() :].strip()
            if _PERSON_NAME.match(after) and not self.ctx.within(seg_abs + role_m.end(), seg_abs + len(seg)):
                name = person_name(after)
        if org is None and name is not None:
            known = self.lookup_person(name)
            if known is not None:
                org, is_body = known.organisation, known.is_body
        if org is None:
            for key, kinds in vocabulary()["role_kinds"].items():
                # "Councillor Jane Roe, cabinet member": a title in the name tells the body's kind too
                if key in role or key in written_name.lower():
                    body = self.ctx.last_before(seg_abs, kinds)
                    if body is not None:
                        org, is_body = body.name, body.kind != OUTSIDE
                    break
        if org is None and role_m.group().lower() not in vocabulary()["own_voice_roles"]:
            # "A spokesman said", "Chief executive Jo Bloggs told the paper": the body the text is about
            body = self.document_body(seg_abs)
            if body is not None:
                org, is_body = body.name, True
        return Speaker(name=name, role=role, organisation=org, is_body=is_body, person=True)

    def parse_speaker(self, phrase: str, start: int) -> Speaker | None:
        """The speaker a phrase names ("A DWP spokesperson", "Jane Roe, head of policy at X", "he")."""
        lead = _STATEMENT_LEAD.match(phrase)
        if lead and lead.end() < len(phrase):
            # "In a statement, the force said", "but the council said": the speaker comes after
            phrase, start = phrase[lead.end() :], start + lead.end()
        segments = [(m.start(), m.group()) for m in _SEGMENT.finditer(phrase)]
        segments = [(s + len(t) - len(t.lstrip()), t.strip()) for s, t in segments if t.strip()]
        if not segments:
            return None
        while len(segments) > 1 and re.match(r"(?:who|which|whose|whom|speaking|writing)\b", segments[-1][1]):
            segments.pop()  # "Jane Roe, who chairs the committee, said": the subject comes before
        seg_off, seg = segments[-1]
        seg = _RELATIVE_CLAUSE.split(seg, maxsplit=1)[0] if len(segments) > 1 else seg
        lead = _STATEMENT_LEAD.match(seg)
        if lead and 0 < lead.end() < len(seg):  # "..., but the council said"
            seg_off, seg = seg_off + lead.end(), seg[lead.end() :]
        seg_abs = start + seg_off
        low = seg.lower()
        pron = vocabulary()["pronouns"]
        if low in pron["person"]:
            return self.last_person(seg_abs)
        if low in pron["body"]:
            for sp, _ in reversed(self.previous):
                if not sp.person and sp.organisation:
                    return sp
            body = self.ctx.last_before(seg_abs)
            return Speaker(organisation=body.name, is_body=body.kind != OUTSIDE) if body else None
        body = self.refer(seg, seg_abs)
        if body is not None:
            return Speaker(role=low, organisation=body.name, is_body=body.kind != OUTSIDE)
        name = None
        if len(segments) >= 2 and _is_person_name(segments[-2][1]):
            name = person_name(segments[-2][1])
            # "Calum Steele, of the Scottish Police Federation, said"
            of = re.match(r"(?:of|from|at|for)\s+(?:the\s+)?(.+)$", seg)
            if of:
                bodies = self.ctx.within(seg_abs, seg_abs + len(seg))
                named = _mention_named(bodies[0]) if bodies else _named_organisation(of.group(1))
                if named:
                    return Speaker(name=name, organisation=named[0], is_body=named[1], person=True)
        elif len(segments) >= 2 and _is_person_name(seg) and not _LEAD_IN.match(seg):
            # "HMRC's director of people, Claire Whitcombe, said": the title stands before the name
            prev_off, prev = segments[-2]
            titled = self._role_speaker(prev, start + prev_off, name=person_name(seg))
            if titled is not None:
                return titled
        written = segments[-2][1] if name is not None else ""
        role_speaker = self._role_speaker(seg, seg_abs, name, written)
        if role_speaker is not None:
            return role_speaker
        if name is not None and _DESCRIBED.match(seg):
            # "Ann Booth, a nurse in Leeds,": a named person described in words the title list lacks
            return Speaker(name=name, role=_ARTICLE.sub("", seg), person=True)
        of = _NAME_OF_ORGANISATION.match(seg)
        if of and _is_person_name(of.group("name")):
            # "Jane Roe of Open Desks said"
            org_at = seg_abs + of.start("org")
            bodies = self.ctx.within(org_at, seg_abs + len(seg))
            named = _mention_named(bodies[0]) if bodies else _named_organisation(of.group("org"))
            if named:
                return Speaker(
                    name=person_name(of.group("name")), organisation=named[0], is_body=named[1], person=True
                )
        bodies = self.ctx.within(seg_abs, start + len(phrase))
        if bodies and bodies[-1].end >= start + len(phrase) - 2:
            return Speaker(organisation=bodies[-1].name, is_body=bodies[-1].kind != OUTSIDE)
        if _LEAD_IN.match(seg):
            return None
        subject = _ARTICLE.sub("", seg)
        described = _org_descriptor().match(subject)
        if described and subject[described.end() :][:1].isupper():
            # "Campaign group Open Whitehall said": the words name the organisation that follows
            org = subject[described.end() :].strip()
            resolved = resolve_body(org)
            return Speaker(organisation=resolved[0] if resolved else org, is_body=bool(resolved))
        place = self.body_by_place(subject, seg_abs)
        if place is not None:
            return Speaker(organisation=place.name, is_body=place.kind != OUTSIDE)
        if _PERSON_NAME.match(subject) or _SURNAME_ONLY.match(subject) or _SURNAME.match(subject):
            known = self.lookup_person(subject)
            if known is not None:
                return known
        if _is_person_name(subject) and not _patterns()["org_ending"].search(subject):
            return Speaker(name=person_name(subject), person=True)
        if subject[:1].isupper() and len(subject.split()) <= 6 and _CAP_RUN.fullmatch(subject):
            resolved = resolve_body(subject)
            if resolved:
                return Speaker(organisation=resolved[0], is_body=True)
            if _patterns()["org_ending"].search(subject) or subject.isupper():
                return Speaker(organisation=subject)
        in_place = _ORG_IN_PLACE.match(subject)
        if in_place and _patterns()["org_ending"].search(in_place.group("org")):
            # "The Fire Brigades Union in Scotland said": the organisation's branch, named as given
            return Speaker(organisation=subject)
        return None

    # -- attribution --
    def attribute_left(self, q: Quotation, words: int) -> Speaker | None:
        s_start, _ = self.sentence_at(q.open_at)
        if q.whole_paragraph and s_start == q.open_at:
            # "In a statement, the council said:" alone on the line before the quotation
            before = self.sentence_at(max(s_start - 1, 0))
            if before[1] <= s_start and self.text[before[0] : before[1]].rstrip().endswith(":"):
                s_start = before[0]
                left = self.text[s_start : before[1]]
                for vm in reversed(list(_patterns()["verb"].finditer(self.lowered, s_start, before[1]))):
                    if re.fullmatch(r"[^\"“”]{0,80}:\s*", left[vm.end() - s_start :]):
                        return self.parse_speaker(left[: vm.start() - s_start].rstrip().rstrip(","), s_start)
                return None
        left = self.text[s_start : q.open_at]
        noun_before = _patterns()["noun_before"]
        for vm in reversed(list(_patterns()["verb"].finditer(self.lowered, s_start, q.open_at))):
            if noun_before.search(self.lowered, max(s_start, vm.start() - 12), vm.start()):
                continue  # "dismissed over comments that ...": a noun, not an attribution
            vm = _Shifted(vm, s_start)
            between = left[vm.end() :]
            plain = re.fullmatch(r"\s*(?:that\s*)?", between) or re.fullmatch(r"[^\"“”]{0,80}:\s*", between)
            embedded = words >= 4 and len(between) < 250 and not re.search(r"[\"“”]", between)
            if not (plain or embedded):
                continue
            speaker = self.parse_speaker(left[: vm.start()].rstrip().rstrip(","), s_start)
            if speaker is not None:
                return speaker
        return None

    def attribute_right(self, q: Quotation) -> tuple[Speaker, int] | None:
        if q.close_at < 0:
            return None
        line_end = self.text.find("\n", q.close_at)
        line_end = len(self.text) if line_end < 0 else line_end
        sentence_end = self.text.find(".", q.close_at, line_end)
        stop = line_end if sentence_end < 0 else sentence_end + 1
        tail = self.text[q.close_at : stop]
        for pattern in (_AFTER_PRONOUN, _AFTER_VERB_FIRST, _AFTER_WHO_FIRST, _after_who_first_speech()):
            m = pattern.match(tail)
            if m and _speech_verb(m.group("verb")):
                sp = self.parse_speaker(m.group("who"), q.close_at + m.start("who"))
                if sp is not None:
                    return sp, q.close_at + m.end()
                if pattern is _AFTER_PRONOUN:
                    return None
        return None

    def run(self) -> list[Found]:
        quotes = find_quotations(self.text)
        events: list[tuple[int, str, object]] = [(q.open_at, "q", q) for q in quotes]
        quoted_sentences = set()
        fragments = {id(q) for q in quotes if self._fragment(q)}
        for q in quotes:
            if id(q) in fragments:
                continue  # words quoted inside reported speech: the sentence is read as reported
            for s, e in q.parts:
                quoted_sentences.add(self.sentence_at(max(s - 1, 0)))
                quoted_sentences.add(self.sentence_at(max(e - 1, 0)))
        for index in self._sentences_with_verbs():
            span = self.sentences[index]
            if span not in quoted_sentences:
                events.append((span[0], "r", span))
        events.sort(key=lambda x: (x[0], x[1]))
        last_end = -1
        last_para = -9
        for _, what, item in events:
            if what == "r":
                s, e = item  # type: ignore[misc]
                if s >= last_end and self._reported(s, e):
                    last_end = e
                    last_para = self.paragraph_at(e - 1)
                continue
            q = item
            assert isinstance(q, Quotation)
            words = quotation_text(self.text, q)
            if not words or (id(q) in fragments and q.open_at < last_end):
                continue
            ev_start = self.sentence_at(q.open_at)[0]
            right = self.attribute_right(q)
            left = (
                None
                if (right is not None and q.whole_paragraph)
                else self.attribute_left(q, words.count(" ") + 1)
            )
            speaker, ev_end = (
                (left, q.end) if left is not None else right if right is not None else (None, q.end)
            )
            if speaker is None and self.previous:
                para = self.paragraph_at(q.open_at)
                same = para == last_para and q.open_at >= last_end
                if same or (q.whole_paragraph and para == last_para + 1):
                    # the quotation runs on from the one before, after its attribution or over a
                    # paragraph break: one statement
                    if self.found and not self.found[-1].statement.reported and self._continue(q, words):
                        last_end = max(last_end, q.end)
                        last_para = self.paragraph_at(q.end - 1)
                        continue
                    speaker = self.previous[-1][0]
            if speaker is None:
                continue
            ev_end = max(ev_end, q.end)
            self._add(speaker, words, q.parts[0][0], q.parts[-1][1], ev_start, ev_end, reported=False)
            last_end = ev_end
            last_para = self.paragraph_at(ev_end - 1)
        return _dedupe(self.found)

    def _continue(self, q: Quotation, words: str) -> bool:
        """Add the words of `q` to the quotation found last (its continuation); False if it is a repeat."""
        last = self.found[-1]
        st = last.statement
        if words in st.quote:
            return False  # a repeat of words already quoted (a pull quote), not a continuation
        end = max(st.evidence_end or 0, q.end)
        start = st.evidence_start or 0
        self.found[-1] = Found(
            st.model_copy(
                update={
                    "quote": f"{st.quote} {words}",
                    "evidence": self.text[start:end],
                    "evidence_end": end,
                }
            ),
            last.quote_start,
            q.parts[-1][1],
            last.speaker,
        )
        return True

    def _fragment(self, q: Quotation) -> bool:
        """Quoted words inside reported speech: He said staff were "often reminded" of the rules."""
        if q.close_at < 0 or len(q.parts) != 1:
            return False
        s, e = self.sentence_at(q.open_at)
        if q.close_at > e:
            return False
        left = self.text[s : q.open_at].rstrip()
        if not left or left[-1] in ":,(":
            return False
        return _patterns()["verb"].search(self.lowered, s, q.open_at) is not None

    def _saying(self, s: int, e: int) -> bool:
        """ "The council declined to comment, saying only that it ...": the subject of the sentence speaks."""
        m = _SAYING.search(self.text, s, e) if "saying" in self.lowered[s:e] else None
        if m is None:
            return False
        clause_start = s
        for cut in _CLAUSE_CUT.finditer(self.text, s, m.start()):
            clause_start = cut.end()
        subject = _SUBJECT.match(self.text, clause_start, m.start())
        speaker = None
        if subject is not None:
            bodies = self.ctx.within(clause_start, subject.end())
            if bodies:
                speaker = Speaker(organisation=bodies[0].name, is_body=bodies[0].kind != OUTSIDE)
            else:
                speaker = self.parse_speaker(subject.group().strip(), clause_start)
        if speaker is None or not speaker.organisation:
            return False
        words = self.text[m.end() : e].strip().rstrip(".!?").strip()
        if len(words.split()) < 3:
            return False
        self._add(speaker, words, m.end(), m.end() + len(words), s, e, reported=True)
        return True

    def _reported(self, s: int, e: int) -> bool:
        if _headline_like(self.text, s, e):
            return False
        sentence = self.text[s:e]
        # the speaker and verb of a trailing attribution come after the sentence's last comma
        last_comma = sentence.rfind(",")
        trailing = last_comma >= 12 and _patterns()["verb"].search(self.lowered, s + last_comma, e)
        m = _TRAILING.match(sentence) if trailing else None
        if m and _speech_verb(m.group("verb")):
            speaker = self.parse_speaker(m.group("who"), s + m.start("who"))
            if speaker is not None:
                words = m.group("said").strip()
                self._add(speaker, words, s, s + len(words), s, e, reported=True)
                return True
        # "..., according to the force." / "According to the force, ..."
        m = None
        if _patterns()["source"].search(self.lowered, s, e):
            m = _patterns()["source_after"].match(sentence) or _patterns()["source_before"].match(sentence)
        if m:
            speaker = self.parse_speaker(m.group("who"), s + m.start("who"))
            if speaker is not None and speaker.organisation:
                qs, qe = s + m.start("said"), s + m.end("said")
                self._add(speaker, self.text[qs:qe], qs, qe, s, e, reported=True)
                return True
        noun_before = _patterns()["noun_before"]
        for vm in _patterns()["verb"].finditer(self.lowered, s, e):
            if noun_before.search(self.lowered, max(s, vm.start() - 12), vm.start()):
                continue  # "investigated over claims that ...": the word is a noun here
            vm = _Shifted(vm, s)
            rest = sentence[vm.end() :]
            that = _THAT.match(rest)
            told = None
            if vm.group().lower() in ("told", "tells"):
                told = re.match(r"\s+(?:[\w'’-]+\s+){1,8}?that\s+", rest)
            if that:
                body_at = vm.end() + that.end()
            elif told:
                body_at = vm.end() + told.end()
            elif _patterns()["bare_verb"].match(vm.group()) and _BARE_REPORT_START.match(rest):
                body_at = vm.end() + 1
            else:
                continue
            phrase = _AUXILIARY_END.sub("", sentence[: vm.start()].rstrip()).rstrip(",")
            # "Jane Roe, of X, welcomed the move but said ...": the subject is before the first predicate
            coordinated = _COORDINATED_PREDICATE.search(phrase)
            if coordinated:
                phrase = phrase[: coordinated.start()].rstrip()
            else:
                uncommaed = _UNCOMMAED_PREDICATE.search(phrase)
                if uncommaed and _UNCOMMAED_PREDICATE.search(phrase[: uncommaed.start()]) is None:
                    phrase = phrase[: uncommaed.start()].rstrip()
            aside = _SUBJECT_ASIDE.search(phrase)
            if aside and aside.start() > 0:
                phrase = phrase[: aside.start()].rstrip()
            if not phrase or len(phrase) > 200:
                continue
            words = sentence[body_at:].strip().rstrip(".!?").strip()
            if len(words.split()) < 3 or _NOT_A_REPORT.match(words):
                continue
            speaker = self.parse_speaker(phrase, s)
            if speaker is None:
                continue
            self._add(speaker, words, s + body_at, s + body_at + len(words), s, e, reported=True)
            return True
        return self._saying(s, e)

    def fuller_name(self, name: str, pos: int) -> str:
        """ "the Howard League" after "the Howard League for Penal Reform": the name as first written."""
        if name not in self._full_names:
            self._full_names[name] = None
            at = self.text.find(name)
            while at >= 0:
                m = _FULLER_NAME_TAIL.match(self.text, at + len(name))
                if m and (at == 0 or not (self.text[at - 1].isalnum() or self.text[at - 1] == "-")):
                    self._full_names[name] = (m.end(), _SPACE.sub(" ", self.text[at : m.end()]))
                    break
                at = self.text.find(name, at + 1)
        found = self._full_names[name]
        return found[1] if found is not None and found[0] <= pos else name

    def _add(self, sp: Speaker, quote: str, qs: int, qe: int, es: int, ee: int, reported: bool) -> None:
        if not sp.name and not sp.organisation:
            return  # "a source close to the school": nobody a reader could name
        if not any(c.isalnum() for c in quote):
            return  # no words at all (a control character between quotation marks): nothing said
        if not sp.person and sp.organisation in vocabulary()["outlets"]:
            return  # "according to the BBC": the outlet reporting, not a speaker
        if sp.organisation and not sp.is_body:
            sp.organisation = self.fuller_name(sp.organisation, es)
        statement = Statement(
            speaker=sp.name,
            role=sp.role,
            speaker_organisation=sp.organisation,
            quote=quote,
            reported=reported,
            evidence=self.text[es:ee],
            evidence_start=es,
            evidence_end=ee,
        )
        self.found.append(Found(statement, qs, qe, sp))
        self.remember(sp, es)


def _dedupe(found: list[Found]) -> list[Found]:
    """One statement per quotation: a pull quote or a repeat inside a longer quote is dropped."""
    keys = [normalise_quote(f.statement.quote).casefold() for f in found]
    dropped: set[int] = set()
    for i, k in enumerate(keys):
        for j, other in enumerate(keys):
            if j != i and (len(other) > len(k) or (other == k and j < i)) and k in other:
                dropped.add(i)
                break
    return [f for i, f in enumerate(found) if i not in dropped]


def find_statements(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    bodies: list[BodyMention] | None = None,
    speech: list[int] | None = None,
) -> list[Found]:
    """Statements with their quote spans and speakers (see `extract_statements`).

    `sentences`, `bodies` and `speech` (indexes of the sentences holding a speech cue) may be passed
    in when the caller has them already.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if sentences is None:
        sentences = sentence_spans(text)
    if bodies is None:
        bodies = find_bodies(text)
    return _Extractor(text, sentences, bodies, speech).run()


def extract_statements(text: str, published: date | None = None) -> list[Statement]:
    """Every quotation or reported statement in `text` attributed to a speaker, in text order."""
    return [
        f.statement.model_copy(update={"published": published}) if published else f.statement
        for f in find_statements(text)
    ]


def extract_document_statements(doc: Document) -> list[Statement]:
    """The statements of one Document, citing `doc.name` and its date."""
    return [
        s.model_copy(update={"document": doc.name, "published": doc.published})
        for s in extract_statements(doc.text)
    ]
