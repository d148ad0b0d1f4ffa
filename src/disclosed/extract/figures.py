"""The figure extractor: a document's text to Figures, each with its evidence span.

Steps, each in its own module: split into sentences and table rows (sentences.py), find the
bodies and what "the force" refers to (organisations.py), find counts (numbers.py), read each
count's outcome and staff group (clauses.py), periods (periods.py), tables (tables.py) and the
requester (requester.py). This module carries context from sentence to sentence (the current
body, the total a breakdown belongs to, platforms stated a sentence earlier) and merges figures
a document repeats.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from disclosed.extract.clauses import Reading, find_cues, read_counts, staff_nouns
from disclosed.extract.collectives import Collectives, speaks_across_area
from disclosed.extract.numbers import (
    Count,
    find_counts,
    names_a_person,
    number_word_matcher,
    singular_noun_matcher,
)
from disclosed.extract.organisations import OrgContext, OrgMention, default_register
from disclosed.extract.periods import Period, find_periods
from disclosed.extract.requester import find_requester
from disclosed.extract.sentences import Sentence, split_sentences
from disclosed.model import Figure
from disclosed.vocab import (
    PhraseMatcher,
    conduct_pattern,
    conduct_pattern_keywords,
    context_matcher,
    counted_noun_matcher,
    counted_nouns,
    literal_trie_pattern,
    load,
    lower_text,
    normalise_phrase,
    outcome_table,
    platform_table,
    separated_words,
    topic_table,
)

_DEFAULT: Any = object()
WARNING_FAMILY = frozenset({"warning", "written_warning", "final_written_warning", "verbal_warning"})
TOTAL_OUTCOMES = frozenset({"disciplined", "investigated", "misconduct_found", "warning"})
# What may stand between a count and the body it belongs to: "11 civil servants at the DWP".
_FORWARD_ORG_LINK = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,3}?(?:at|from|in|within|of|across|with|for|employed\s+by|working\s+for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass
class _Draft:
    """A figure being assembled; becomes a Figure once the document is read."""

    organisation: str
    organisation_mention: str | None
    staff_group: str | None
    outcome: str
    count: Count
    sentence: Sentence
    org_kind: str | None = None
    platforms: list[str] = field(default_factory=list)
    period: Period | None = None
    conduct: str | None = None
    topic: str = "social_media"
    in_passing: bool = False
    parent: _Draft | None = None
    index: int = 0
    evidence: tuple[int, int, str] | None = None  # overrides the sentence (table rows)
    count_text: str | None = None
    attribution: str | None = None  # how `organisation` was chosen (Figure.attribution)


_DIGIT = re.compile(r"\d")
# the letter or number of an FOI letter's question or answer: "(b)", "b)", "2.", "Q3"
_QA_KEY = re.compile(
    r"^\s*(?:\((?P<k1>[a-hA-H]|\d{1,2})\)|(?P<k2>[a-hA-H]|\d{1,2})[.)]|Q(?P<k3>\d{1,2})[.:]?)\s+"
)
# an answer by letter: "= 2", ": 2", "- fewer than five", "2"
_QA_ANSWER = re.compile(r"^(?:[=:–-]\s*)?[\w<][^?]{0,40}$")
# how many of a sentence's figures before a count are tried as the total it breaks down
_PARENT_REACH = 12
_BARE_STAFF = frozenset({"staff", "staff members", "staff member", "members of staff", "member of staff"})
# a list item: "- Essex Police: 7", "• Kent: 12 officers", "3) Sussex Police: 9"
_LIST_ITEM = re.compile(r"^(?:[-•*–·▪]|\d{1,2}[.)])\s+")
# "nearly 60 of the cases concerned X", "eleven of them related to Y": a share of the latest total
_OF_CASES = re.compile(
    r"\s*of\s+(?:(?:the|these|those)\s+(?:cases|breaches|complaints|allegations)"
    r"|(?:them|these|those)\s+(?:concerned|involved|related|arose|were\s+about|came\s+from))\b"
)
_OF_THEM = re.compile(r"\s*of\s+(?:them|whom|which)\b")
_OF_THE_BEFORE = re.compile(r"\bof\s+(?:the|these|those)\s*$", re.IGNORECASE)
_DEFINITE_GROUP = re.compile(
    r"^(?:The|These|Those|All\s+the|Both)\s+(?P<noun>[A-Za-z][\w'’ -]{1,40}?)\s+"
    r"(?:were|was|had|have|received|got|all)\b"
)


def _platforms(sentence: str, lowered: str | None = None) -> list[str]:
    seen: list[str] = []
    for _, _, name in platform_table().finditer(sentence, lowered=lowered):
        if name not in seen:
            seen.append(name)
    return seen


_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)


def _conducts(text: str, lowered: str | None = None) -> list[tuple[int, str]]:
    """(position, phrase) of every statement of conduct in `text`, in one scan of the patterns
    whose keywords the text holds."""
    low = lower_text(text) if lowered is None else lowered
    which = frozenset(i for k, numbers in conduct_pattern_keywords() if k in low for i in numbers)
    if not which:
        return []
    out = []
    for m in conduct_pattern(which).finditer(text):
        found = next(v for k, v in m.groupdict().items() if v is not None and k.startswith("conduct"))
        out.append((m.start(), _ARTICLE.sub("", found.strip())))
    return out


def _conduct(text: str) -> str | None:
    """The first statement of conduct in `text`."""
    found = _conducts(text)
    return found[0][1] if found else None


def _topic(text: str, lowered: str | None = None) -> str:
    found = {topic for _, _, topic in topic_table().finditer(text, lowered=lowered)}
    if "it_security" in found:
        return "it_security"
    if "internet_email" in found and "social_media" not in found and not _platforms(text, lowered):
        return "internet_email"
    return "social_media"


_POLICE_NAME = re.compile(r"\b(?:Police|Constabulary)\b")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|all)\s*$", re.IGNORECASE)
_GROUP_IS = re.compile(r"\s*of\s+(?:them|whom|those|these)\s+(?:were|was)\s+(?:all\s+)?(?:\w+\s+)?$", re.I)
# between a body and its count in a list whose verb is left out: "HMRC for 71", "Kent: 12"
_ELIDED_LINK = re.compile(r"^\s*(?:for|with|on|had|:|,)?\s*$", re.IGNORECASE)
_LIST_BREAK = re.compile(r"[,;:]|\b(?:and|or|while|whereas|but|then)\b", re.IGNORECASE)
_OF_THESE_START = re.compile(r"^\W*(?:of|among)\s+(?:these|those|them|whom)\b", re.IGNORECASE)
# "A and B each reported ...": one count for each body
_EACH_REPORTED = re.compile(
    r"(?s).*\b(?:each|both)\s+(?:reported|recorded|had|disclosed|declared|logged|registered)\b"
)
_EACH_GAP = re.compile(
    r"^\s*(?:each|both)\s+(?:reported|recorded|had|disclosed|declared|logged|registered)\s+(?:just\s+|only\s+)?$",
    re.IGNORECASE,
)
_EACH_AFTER = re.compile(r"\s*(?:each|both)\b", re.IGNORECASE)  # (used with pos: no "^")
_AND_BETWEEN = re.compile(r"\s*(?:(?:,\s*)?(?:and|&)|,)\s*(?:the\s+)?$", re.IGNORECASE)


@cache
def _counted_noun_anywhere() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{literal_trie_pattern(counted_nouns())})\b")


@cache
def _each_of() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{literal_trie_pattern(load('context')['each_of'])})\b[^.;]*$", re.IGNORECASE)


@cache
def _apiece() -> re.Pattern[str]:
    # the word right after the count's noun phrase: "three cases apiece", "two each"
    words = literal_trie_pattern(load("context")["apiece"])
    return re.compile(rf"(?:\s+[\w'’-]+){{0,3}}?\s+(?:{words})\b", re.IGNORECASE)


def _attribution(why: str | None, mention: OrgMention | None) -> str | None:
    """The figure's `attribution`: the rule that chose its body, and how the name was read."""
    if mention is not None and mention.via:
        return f"{why}; {mention.via}" if why else mention.via
    return why


def _police(kind: str | None, name: str | None) -> bool:
    return kind == "police_force" or bool(name and _POLICE_NAME.search(name))


class _Reader:
    """Reads one document's sentences in order, keeping the context figures depend on."""

    def __init__(
        self, text: str, published: date | None, register: Any | None, orgs: OrgContext | None = None
    ) -> None:
        self.text = text
        self._orgs = orgs
        self.published = published
        self.drafts: list[_Draft] = []
        self.pending: dict[str, tuple[list[str], str | None, int]] = {}  # outcome family -> attrs
        self.last_sentence_drafts: list[_Draft] = []
        self.last_figure_index = -10
        self.register = register
        self.sentences: list[Sentence] = []
        self.question: tuple[int, Sentence] | None = None
        self.questions: dict[str, tuple[int, Sentence]] = {}  # an FOI letter's questions by letter
        self.has_number: list[bool] = []
        self.has_cue: list[bool] = []
        self.has_platform: list[bool] = []
        self.has_counted: list[bool] = []  # a noun counted instead of people ("three cases")
        self.list_lead: tuple[int, str, tuple[str, bool, str] | None] | None = None
        self.words: list[set[str]] = []  # each sentence's words (see vocab.separated_words)
        self.across_at = -10  # the last sentence with a total across many bodies
        self.across: tuple[int, str, int] | None = None  # its index, outcome and count
        self.title: str | None = None
        self._collectives: Collectives | None = None
        self._collective_names: set[str] = set()  # the labels given to totals over many bodies
        self.why: str | None = None  # the rule that chose the body of the count being read
        self.listed_total = False  # the count being read is the total of the bodies listed after it

    @property
    def collectives(self) -> Collectives:
        if self._collectives is None:
            bodies = [(m.start, m.end) for m in self.orgs.named]
            self._collectives = Collectives(self.text, self.title, bodies)
        return self._collectives

    @property
    def orgs(self) -> OrgContext:
        """The document's bodies, given by the caller or found when the first sentence needs them."""
        if self._orgs is None:
            self._orgs = OrgContext(self.text, self.register)
        return self._orgs

    def scan(self, sentences: list[Sentence]) -> None:
        """Take the document's sentences and find which of them hold a number, an outcome phrase or
        a platform: most hold none and are skipped.

        The words of the whole text are split out once; a sentence is searched for a vocabulary
        only when it holds all the words of one of its phrases.
        """
        self.sentences = sentences
        lowered = lower_text(self.text)
        spaced = separated_words(lowered)
        numbers = number_word_matcher()
        outcomes, platforms = outcome_table().matcher, platform_table().matcher
        counted = counted_noun_matcher()
        singulars = singular_noun_matcher()

        def holds(matcher: PhraseMatcher, words: set[str], s: Sentence, ascii_text: bool) -> bool:
            found = matcher.occurs(words, ascii_text)
            return found if found is not None else matcher.search(lowered, s.start, s.end) is not None

        all_ascii = self.text.isascii()  # then so is every sentence: no need to ask each one
        for s in sentences:
            words = set(spaced[s.start : s.end].split())
            self.words.append(words)
            ascii_text = all_ascii or s.text.isascii()
            # a digit is in the words unless it is not an ASCII one ("٣")
            maybe_digit = not ascii_text or not "".join(words).isalpha()
            digits = maybe_digit and _DIGIT.search(s.text) is not None
            cue = holds(outcomes, words, s, ascii_text)
            # "a member of staff was disciplined": an article counts one where an outcome is named
            singular = cue and ("a" in words or "an" in words) and holds(singulars, words, s, ascii_text)
            named = cue and names_a_person(s.text, words)  # "PC Smith was dismissed": one person
            self.has_number.append(digits or singular or named or holds(numbers, words, s, ascii_text))
            self.has_cue.append(cue)
            self.has_counted.append(self.has_number[-1] and holds(counted, words, s, ascii_text))
            self.has_platform.append(holds(platforms, words, s, ascii_text))

    # -- organisations ---------------------------------------------------------------------
    def _org_for(
        self, s: Sentence, r: Reading, mentions: list[OrgMention], many: bool = False
    ) -> OrgMention | None:
        """The body named in the sentence that count `r` belongs to, by ordered rules (the rule
        that chose it is left in `self.why`): the count's own clause, then earlier in the
        sentence, then later in it."""
        starts = [m.start for m in mentions] if len(mentions) > 8 else None
        if starts is not None:  # a long sentence: only the mentions around the count
            lo = bisect_left(starts, s.start + r.seg_start)
            hi = bisect_left(starts, s.start + r.seg_end)
            near = mentions[max(lo - 1, 0) : hi]
            before_count = mentions[: bisect_left(starts, s.start + r.count.start)]
        else:
            near, before_count = mentions, mentions
        forward = [m for m in near if s.start + r.count.end <= m.start < s.start + r.seg_end]
        for m in forward:
            gap = self.text[s.start + r.count.end : m.start]
            # "16 officers, West Yorkshire Police nine": a body after a list break opens the next item
            if _FORWARD_ORG_LINK.match(gap) or (len(gap.split()) <= 1 and not _LIST_BREAK.search(gap)):
                self.why = "named in the same clause"
                return m
        backward = [
            m for m in near if s.start + r.seg_start <= m.start and m.end <= s.start + r.count.start
        ]
        backward = self._drop_appositives(backward)
        if backward:
            self.why = "named in the same clause"
            return backward[-1]
        tail = before_count[-2:] if starts is not None else before_count
        earlier = [m for m in tail if m.end <= s.start + r.count.start]
        if earlier:
            self.why = "named earlier in the sentence"
            return earlier[-1]
        if many:
            return None  # "Across the 43 forces, 828 officers ..., the Met 120": the total is no one's
        self.why = "named later in the sentence"
        if forward:
            return forward[0]
        later = {m.name for m in mentions if m.start >= s.start + r.seg_end}
        if len(later) >= 2:
            # "Seven officers resigned: two in Dorset, one from each of A and B": the counts after
            # it name the bodies; this one is their total
            self.why = "a total over the bodies listed after it"
            self.listed_total = True
            return None
        return mentions[0] if mentions else None

    def _ranked_outcome(self, index: int, low: str) -> str | None:
        """The outcome of a ranking's counts ("Kent had the most cases, 31, followed by Essex with
        17"): the thing ranked when it is counted instead of people, else the figures' just before."""
        if context_matcher("ranking").search(low) is None:
            return None
        m = _counted_noun_anywhere().search(low)
        if m is not None:
            return counted_nouns()[m.group()]
        last = self.drafts[-1] if self.drafts else None
        return last.outcome if last is not None and index - last.index <= 3 else None

    def _collective(self, s: Sentence, r: Reading) -> tuple[str, str | None, str | None] | None:
        """(label, kind, None) for a total over many bodies: "Police forces in England and Wales"."""
        found = self.collectives.label(s.start, s.end, r.staff_noun)
        if found is None:
            return None
        self.why = "a total over many bodies"
        self._collective_names.add(found[0])
        return found[0], found[1], None

    def _round_up(self, s: Sentence, index: int, r: Reading) -> bool:
        """Whether a count read before any body is named is a total of many: the document names two
        or more bodies of the kind the count speaks of, and no sentence just after restates the
        count with a body of its own (a headline over one body's figure)."""
        kind = self.collectives.kind_near(s.start, s.end, r.staff_noun)
        if kind is None:
            return False
        names = {m.name for m in self.orgs.named if m.kind == kind and self.orgs.role(m) is None}
        if len(names) < 2:
            return False
        for t in self.sentences[index + 1 : index + 4]:
            restated = any(c.value == r.count.value for c in find_counts(t.text))
            if restated and self.orgs.speaker_in(t.start, t.end):
                return False
        return True

    def _elided_item(self, s: Sentence, prev: _Draft, c: Any, mentions: list[OrgMention]) -> bool:
        """Whether count `c` is the next item, with its verb left out, of a list `prev` is in."""
        start, end = prev.count.end + s.start, c.start + s.start
        between = [m for m in mentions if start <= m.start and m.end <= end and not m.reference]
        if len(between) != 1 or between[0].name == prev.organisation:
            return False
        m = between[0]
        return _LIST_BREAK.search(self.text, start, m.start) is not None and bool(
            _ELIDED_LINK.match(self.text[m.end : end])
        )

    def _platforms_referred(self, index: int, low: str) -> list[str]:
        """The platforms a figure sentence naming none refers to: those of a sentence just before
        when it says "the posts", or those of the figures before it when it goes on from them."""
        near = next((k for k in range(index - 1, max(index - 3, -1), -1) if self.has_platform[k]), None)
        if near is not None and context_matcher("media_reference").search(low) is not None:
            return _platforms(self.sentences[near].text)
        prev = self.last_sentence_drafts
        if prev and self.last_figure_index == index - 1 and prev[-1].platforms:
            m = context_matcher("continuation").search(low, 0, 16)
            if m is not None and m.start() == 0:
                return list(prev[-1].platforms)
        return []

    def _each_elided(self, index: int, s: Sentence) -> bool:
        """ "A and B each reported fewer than five" just after a sentence of figures: each body gets a
        figure with that sentence's outcome and staff group (the verb names no outcome of its own)."""
        prev = self.last_sentence_drafts
        if not prev or index - self.last_figure_index > 2:
            return False
        if ("each" not in s.text and "both" not in s.text) or _EACH_REPORTED.search(s.text) is None:
            return False
        mentions = self.orgs.bodies_within(s.start, s.end)
        made = []
        for c in find_counts(s.text):
            m = _EACH_REPORTED.match(s.text, 0, c.start)  # cheap guard: the phrase must precede
            before = [o for o in mentions if o.end <= s.start + c.start]
            if not before or m is None:
                continue
            gap = s.text[before[-1].end - s.start : c.start]
            if not _EACH_GAP.match(gap):
                continue
            for o in self._each_bodies(before[-1], mentions):
                d = _Draft(o.name, o.text, prev[-1].staff_group, prev[-1].outcome, c, s, org_kind=o.kind)
                d.index, d.period = index, prev[-1].period
                d.attribution = _attribution("list pairing", o)
                made.append(d)
        if made:
            self.drafts.extend(made)
            self.last_sentence_drafts = made
            self.last_figure_index = index
        return bool(made)

    def _list_pairing(
        self, s: Sentence, r: Reading, org: OrgMention, mentions: list[OrgMention]
    ) -> list[OrgMention]:
        """The bodies a count stands for one by one: "one officer from each of A, B and C" (the list
        after the count), "A and B reported three cases apiece" (the list before it)."""
        count_end = s.start + r.count.end
        if org.start >= count_end and _each_of().search(self.text, count_end, org.start):
            i = next((k for k, m in enumerate(mentions) if m is org), None)
            if i is None:
                return []
            out = [org]
            while i + 1 < len(mentions) and _AND_BETWEEN.match(
                self.text, mentions[i].end, mentions[i + 1].start
            ):
                i += 1
                out.append(mentions[i])
            return out if len(out) > 1 else []
        if org.end <= s.start + r.count.start and _apiece().match(self.text, count_end, s.start + r.seg_end):
            return self._each_bodies(org, mentions, each_after=False)
        return self._each_bodies(org, mentions)

    def _each_bodies(
        self, org: OrgMention, mentions: list[OrgMention], each_after: bool = True
    ) -> list[OrgMention]:
        """The bodies of "A, B and C each reported fewer than five", when `org` is the last of them."""
        if each_after and not _EACH_AFTER.match(self.text, org.end, org.end + 12):
            return []
        i = next((k for k, m in enumerate(mentions) if m is org), None)
        if i is None:
            return []
        out = [org]
        while i > 0 and _AND_BETWEEN.match(self.text, mentions[i - 1].end, mentions[i].start):
            i -= 1
            out.insert(0, mentions[i])
        return out if len(out) > 1 else []

    def _drop_appositives(self, mentions: list[OrgMention]) -> list[OrgMention]:
        """Leave out references inside an apposition: "The DVLA, an agency of the department, dismissed"."""
        out: list[OrgMention] = []
        for m in mentions:
            if m.reference and out and not out[-1].reference:
                between = self.text[out[-1].end : m.start]
                if between.lstrip().startswith(",") and "," not in between.lstrip()[1:]:
                    continue
            out.append(m)
        return out

    def _context_org(
        self, s: Sentence, index: int, count: int | None = None
    ) -> tuple[str, str | None, str | None] | None:
        """(name, kind, mention) of the body a sentence naming none is about."""
        if self.drafts:
            d = self.drafts[-1]
            if d.parent is not None and d.parent.organisation != d.organisation:
                d = d.parent  # after a breakdown by body ("the Army 212, the RAF 54"), back to the whole
            self.why = "the body of the figure before"
            return d.organisation, d.org_kind, d.organisation_mention
        # before any figure: a headline restating the next paragraph's figure takes its body;
        # else the body named last, else the body the next figure sentence names, else the main body
        if count is not None:
            for t in self.sentences[index + 1 : index + 4]:
                if any(c.value == count for c in find_counts(t.text)):
                    m = self.orgs.speaker_in(t.start, t.end)
                    if m is not None:
                        self.why = "the body of the sentence restating the figure"
                        return m.name, m.kind, m.text
        m = self.orgs.latest_body_before(s.start)
        if m is not None:
            self.why = "the body named last before"
            return m.name, m.kind, m.text
        for t_index in range(index + 1, min(index + 6, len(self.sentences))):
            t = self.sentences[t_index]
            if self.has_number[t_index] and self.has_cue[t_index]:
                m = self.orgs.speaker_in(t.start, t.end)
                if m is not None:
                    self.why = "the body of the next figure sentence"
                    return m.name, m.kind, m.text
        if self.orgs.main is not None:
            self.why = "the document's body"
            return self.orgs.main, self.orgs.kind_of(self.orgs.main), None
        return None

    # -- sentences -------------------------------------------------------------------------
    def read_sentence(self, index: int, s: Sentence) -> None:
        has_number, has_cue = self.has_number[index], self.has_cue[index]
        lead = self._list_lead(index, s)
        if not (has_number or has_cue or self.has_platform[index]):
            return  # most sentences: nothing a figure could be read from
        text = s.text
        low = lower_text(text)
        key = _QA_KEY.match(text)
        if key is not None and self._lettered(index, s, key, has_cue):
            return
        if has_cue and lead is None and text.rstrip().endswith(":"):
            self._open_list(index, text, low)
        if not has_cue and has_number and self.question is not None and index - self.question[0] <= 2:
            self._answer(index, s)
            return
        total = self._recent_total(index) if has_number else None
        if total is not None and context_matcher("breakdown").search(low) is None:
            total = None
        shares = has_number and " of " in low and _OF_CASES.search(low) is not None  # `in`: cheap first
        if not has_cue and total is None and lead is None and not shares:
            if has_number and self._each_elided(index, s):
                return
            if has_number and self.has_counted[index]:
                has_cue = True  # "Gwynedd reported three cases": read on
        if not has_cue and total is None and lead is None and not shares:
            if self.has_platform[index]:
                if has_number:
                    self._describe_backrefs(text)  # "the three had used Facebook"
                if context_matcher("cases").search(low) is not None:
                    self._describe_cases(text)  # "the cases involved Facebook and WhatsApp"
            return
        counts = find_counts(text, low, self.words[index]) if has_number else []
        if not counts:
            if text.rstrip().endswith("?"):
                self.question = (index, s)  # "How many officers were dismissed?": the answer follows
                return
            self._countless(index, s)
            return
        mentions = self.orgs.bodies_within(s.start, s.end)
        spans = [(m.start - s.start, m.end - s.start) for m in mentions]
        readings = read_counts(text, counts, spans, low)
        anchor: _Draft | None = None
        referred: list[_Draft] = []
        dropped = []
        for r in readings:
            # "the seven", "these 116": a count already stated is a reference, not a new figure, and
            # it must not cut the sentence into clauses
            ref = self._find_backref(r.count.value) if r.backref or r.none_of else None
            own_outcome = (
                bool(r.outcome)
                and r.how in ("forward", "backward")
                and not r.none_of
                and not _OF_THE_BEFORE.search(text, max(0, r.count.start - 14), r.count.start)
            )
            if ref is not None and own_outcome and self._family(r.outcome) != self._family(ref.outcome):
                continue  # "all three were then asked to resign": the same people, a new outcome
            if ref is not None or r.none_of:
                dropped.append(r.count)
                if ref is not None:
                    anchor = ref
                    referred.append(ref)
        if dropped:
            readings = read_counts(text, [c for c in counts if c not in dropped], spans, low)
        platforms = _platforms(text, low) or self._platforms_referred(index, low)
        periods = find_periods(text, self.published, low)
        topic = _topic(text, low)
        conducts = _conducts(text, low)
        made: list[_Draft] = []
        officers_counted = any(r.staff_noun == "police_officers" for r in readings)
        many: bool | None = None  # whether the sentence speaks of many bodies, found when first needed
        passing: bool | None = None  # whether it mentions a figure in passing, found when first needed
        for r in readings:
            c = r.count
            inherited = False
            of_them = _OF_THEM.match(text, c.end, c.end + 20) is not None
            own_nouns = staff_nouns(text, c.end, min(r.seg_end, c.end + 40), low)
            group_of_them = bool(of_them and own_nouns and _GROUP_IS.match(text, c.end, own_nouns[0][0]))
            own_subject = bool(own_nouns and len(text[c.end : own_nouns[0][0]].split()) <= 2) or any(
                s.start + r.seg_start <= m.start < s.start + r.seg_end and not m.reference for m in mentions
            )
            own_subject = own_subject or group_of_them
            breakdown = (
                total is not None
                and c.value < total.count.value
                and (not of_them or group_of_them)
                and own_subject
            )
            whole = total
            if r.outcome is None and not r.headcount and shares and _OF_CASES.match(low, c.end):
                # "nearly 60 of the cases concerned X": a share of the latest total, in its outcome;
                # but "nine of the cases involved X" after "nine were sacked" describes those nine
                same = self._find_backref(c.value)
                if same is not None and index - same.index <= 3:
                    self._attach(same, platforms, None)
                    continue
                whole = self._latest_total(index, c.value)
                breakdown = whole is not None
                across = self.across
                if whole is None and across is not None and index - across[0] <= 3 and across[2] > c.value:
                    r.outcome = across[1]  # a body's share of a total across bodies
            if r.outcome is None and breakdown and not r.headcount:
                # "the total was made up of eleven officers, five PCSOs...": a breakdown of the
                # last total, in the total's outcome
                r.outcome, inherited = whole.outcome, True  # type: ignore[union-attr]
            if r.outcome is None and made and not r.headcount and self._elided_item(s, made[-1], c, mentions):
                # "the MoD accounted for 88 of the cases and HMRC for 71": the verb is left out
                r.outcome = made[-1].outcome
            if r.outcome is None and lead is not None and not r.headcount:
                r.outcome = lead[1]  # "- Essex Police: 7" under "Officers disciplined, by force:"
                if r.staff_noun is None and lead[2] is not None:
                    r.staff_noun, r.staff_general, r.staff_text = lead[2]
            if r.outcome is None and not r.headcount:
                r.outcome = self._ranked_outcome(index, low)
            if not r.outcome or r.headcount:
                continue
            if c.singular and r.how not in ("forward", "backward"):
                continue  # "a social worker uploading photographs": one case described, not counted
            if r.how == "counted":
                last = self.drafts[-1] if self.drafts else None
                if last is not None and index - last.index <= 3 and last.outcome == "disciplined":
                    # "The Met topped the table with 114 cases" in a round-up of disciplinary totals
                    r.outcome = "disciplined"
            if many is None:
                many = context_matcher("many_bodies").search(low) is not None or speaks_across_area(text)
            self.why, self.listed_total = None, False
            org = self._org_for(s, r, mentions, many)
            if org is not None:
                name, kind, mention = org.name, org.kind, org.text
            elif self.listed_total:
                collective = self._collective(s, r)
                if collective is None:
                    continue
                name, kind, mention = collective
                self.why = "a total over the bodies listed after it"
            elif many:
                # "a third of forces had dismissed at least one officer", "Across Whitehall, 340 were
                # disciplined": no one body, a total of many; what the next sentence says "of these"
                # is no one's either
                self.across_at = index
                self.across = (index, r.outcome, c.value)
                collective = self._collective(s, r)
                if collective is None:
                    continue
                name, kind, mention = collective
            elif (
                not self.drafts
                and self.orgs.latest_body_before(s.start) is None
                and self._round_up(s, index, r)
            ):
                # the first figure of a round-up, before any body is named: the total of them all
                collective = self._collective(s, r)
                if collective is None:
                    continue
                name, kind, mention = collective
            elif (
                index - self.across_at == 1
                and not mentions
                and (r.partitive or _OF_THESE_START.match(text) is not None)
            ):
                continue
            else:
                ctx = self._context_org(s, index, c.value)
                if ctx is None:
                    continue
                name, kind, mention = ctx
            targets = [(name, kind, mention)]
            if org is not None:
                paired = self._list_pairing(s, r, org, mentions)
                targets = [(m.name, m.kind, m.text) for m in paired] or targets
            for name, kind, mention in targets:
                group = self._group(r, made, kind, name, officers_counted, index)
                d = _Draft(name, mention, group, r.outcome, c, s, org_kind=kind, topic=topic)
                d.index = index
                d.attribution = _attribution(
                    "list pairing" if len(targets) > 1 else self.why, org if len(targets) == 1 else None
                )
                d.platforms = list(platforms)
                d.period = self._period_for(r, periods)
                own = [phrase for at, phrase in conducts if r.seg_start <= at < r.seg_end]
                d.conduct = own[0] if own else (conducts[0][1] if conducts and len(readings) == 1 else None)
                if passing is None:
                    passing = context_matcher("in_passing").search(low) is not None
                d.in_passing = name != self.orgs.main and passing
                d.parent = whole if inherited else self._parent_for(r, d, made, anchor, index, bool(mentions))
                if d.period is None and d.parent is not None:
                    d.period = d.parent.period
                if d.period is None and not d.in_passing:
                    # a disclosure states its period once: later figures about the same body share it
                    d.period = next(
                        (p.period for p in reversed(self.drafts) if p.organisation == name and p.period), None
                    )
                made.append(d)
        if not made and self._each_elided(index, s):
            return
        if not made:
            for ref in referred:
                self._attach(ref, platforms, _conduct(text))
        if made:
            self._apply_pending(made)
            self.drafts.extend(made)
            self.last_sentence_drafts = made
            self.last_figure_index = index

    def _list_lead(self, index: int, s: Sentence) -> tuple[int, str, tuple[str, bool, str] | None] | None:
        """The lead-in of the list this sentence is an item of ("Officers disciplined, by force:"
        then "- Essex Police: 7"), or None; a sentence that is not the next item ends the list."""
        lead = self.list_lead
        if (
            lead is None
            and index
            and self.last_figure_index == index - 1
            and _LIST_ITEM.match(s.text)
            and _LIST_ITEM.match(self.sentences[index - 1].text)
        ):
            # the next item of a list whose items state their outcome: "- Kent Police: 31 officers
            # disciplined" then "- Hampshire Constabulary: fewer than five" is disciplined too
            first = self.last_sentence_drafts[0]
            group = first.staff_group
            self.list_lead = lead = (index - 1, first.outcome, (group, group in ("staff", "all"), "staff"))
        if lead is None:
            return None
        if index == lead[0] + 1 and _LIST_ITEM.match(s.text):
            self.list_lead = (index, lead[1], lead[2])
            return self.list_lead
        self.list_lead = None
        return None

    def _open_list(self, index: int, text: str, low: str) -> None:
        """A sentence ending in a colon and naming an outcome leads a list whose items state counts
        and bodies only: they take its outcome and, where they name none, its staff group."""
        cues = find_cues(text, low)
        if not cues:
            return
        nouns = staff_nouns(text, lowered=low)
        noun = (nouns[0][2], nouns[0][3], text[nouns[0][0] : nouns[0][1]]) if nouns else None
        self.list_lead = (index, cues[0].code, noun)

    def _latest_total(self, index: int, above: int) -> _Draft | None:
        """The latest total stated in the last few sentences that is larger than `above`."""
        for d in reversed(self.drafts):
            if index - d.index > 3:
                return None
            if d.outcome in TOTAL_OUTCOMES and d.count.value > above and not d.in_passing:
                return d
        return None

    def _lettered(self, index: int, s: Sentence, key: re.Match[str], has_cue: bool) -> bool:
        """An FOI letter's lettered questions and the answers given by letter after them:
        "(b) How many of those were dismissed?" ... "(b) = 2". Whether the sentence was one."""
        letter = next(g for g in key.groups() if g).lower()
        rest = s.text[key.end() :].strip()
        if rest.endswith("?") and has_cue:
            self.questions[letter] = (index, s)
            return True
        if letter in self.questions and _QA_ANSWER.match(rest):
            self.question = self.questions[letter]
            self._answer(index, s, skip=key.end())
            return True
        return False

    def _answer(self, index: int, s: Sentence, skip: int = 0) -> None:
        """An FOI answer ("A1. 23", "Fewer than five.") to the question just asked.

        The question gives the outcome, group and period; the evidence runs from the question to
        the answer, so that it holds the count as written.
        """
        q_index, q = self.question  # type: ignore[misc]
        counts = [c for c in find_counts(s.text) if c.start >= skip]  # not the answer's own number
        if len(counts) != 1:
            return  # "A1." before the answer, or a list the question did not ask for
        self.question = None
        cues = find_cues(q.text)
        if not cues:
            return
        start = q.start
        evidence = (start, s.end, self.text[start : s.end])
        mentions = self.orgs.bodies_within(q.start, s.end)
        org = mentions[-1] if mentions else None
        self.why = "named in the question"
        ctx = (org.name, org.kind, org.text) if org else self._context_org(q, q_index)
        if ctx is None:
            return
        name, kind, mention = ctx
        nouns = staff_nouns(q.text)
        group = nouns[0][2] if nouns else None
        general = bool(nouns) and nouns[0][3]
        if _police(kind, name) and group == "staff" and general:
            group = "all"
        elif not _police(kind, name) and group in ("police_officers", "police_staff"):
            group = "staff"
        prev = self.drafts[-1] if self.drafts else None
        if group is None and prev is not None and prev.organisation == name and prev.evidence is not None:
            group = prev.staff_group  # "(b) How many of those were dismissed?": the group asked about
        d = _Draft(name, mention, group, cues[0].code, counts[0], s, org_kind=kind)
        d.index = index
        d.attribution = _attribution(self.why, org)
        periods = find_periods(q.text, self.published)
        d.period = periods[0] if periods else None
        d.platforms = _platforms(q.text)
        d.topic = _topic(q.text)
        d.evidence = evidence
        d.count_text = counts[0].text
        self.drafts.append(d)
        self.last_sentence_drafts = [d]
        self.last_figure_index = index

    def _recent_total(self, index: int) -> _Draft | None:
        """The figure a breakdown sentence divides: the largest in the last sentence with figures."""
        if index - self.last_figure_index > 2:
            return None
        drafts = self.last_sentence_drafts
        return max(drafts, key=lambda d: d.count.value) if drafts else None

    def _describe_cases(self, text: str) -> None:
        totals = [d for d in self.drafts if d.outcome in TOTAL_OUTCOMES and not d.in_passing]
        if totals:  # the largest total of the latest sentence that stated one
            latest = [d for d in totals if d.sentence is totals[-1].sentence]
            target: _Draft | None = max(latest, key=lambda d: d.count.value)
        else:
            target = self.drafts[-1] if self.drafts else None
        if target is not None:
            for name in _platforms(text):
                if name not in target.platforms:
                    target.platforms.append(name)

    def _describe_backrefs(self, text: str) -> None:
        platforms = _platforms(text)
        for c in find_counts(text):
            before = text[max(0, c.start - 12) : c.start]
            if _DEFINITE_BEFORE.search(before):
                ref = self._find_backref(c.value)
                if ref is not None:
                    self._attach(ref, platforms, _conduct(text))

    def _group(
        self, r: Reading, made: list[_Draft], kind: str | None, name: str, officers_counted: bool, index: int
    ) -> str | None:
        police = _police(kind, name)
        if name in self._collective_names and r.staff_noun == "staff":
            return "all" if police else "staff"  # the staff of many bodies: all of them
        group = r.staff_noun
        if group is None:
            if made:
                return made[-1].staff_group
            if r.partitive and index:
                # "upheld 19 of them" after "44 complaints about its officers": the group "them" are
                t = self.sentences[index - 1]
                nouns = staff_nouns(t.text)
                if nouns and len({n[2] for n in nouns}) == 1:
                    noun = nouns[0]
                    if noun[2] == "staff" and noun[3]:
                        return "all" if police else "staff"
                    civilian = noun[2] in ("police_officers", "police_staff") and not police
                    return "staff" if civilian else noun[2]
            prev = self.last_sentence_drafts
            if (
                prev
                and index - self.last_figure_index <= 4
                and prev[-1].organisation == name
                and (prev[-1].staff_group != "other" or r.partitive or r.another)
            ):
                # a group apart from the workforce (contractors, specials) is named when meant
                return prev[-1].staff_group
            return "staff" if not police else None
        if police and r.staff_general and group == "staff":
            # "staff" is the whole force, unless the text counts officers apart from it (in this
            # sentence, or for a bare "staff" anywhere before); "employees", "people" stay the whole
            if officers_counted:
                return "police_staff"
            bare_staff = normalise_phrase(r.staff_text) in _BARE_STAFF
            officers_before = any(
                d.organisation == name and d.staff_group == "police_officers" for d in self.drafts
            )
            return "police_staff" if bare_staff and officers_before else "all"
        if not police and group in ("police_officers", "police_staff"):
            return "staff"
        return group

    def _period_for(self, r: Reading, periods: list[Period]) -> Period | None:
        own = [p for p in periods if r.count.start <= p.start < r.seg_end]
        if own:
            return own[0]
        before = [p for p in periods if p.end <= r.count.start]
        if before:
            return before[-1]
        return periods[0] if periods else None

    def _parent_for(
        self, r: Reading, d: _Draft, made: list[_Draft], anchor: _Draft | None, index: int, names_org: bool
    ) -> _Draft | None:
        """The total this figure breaks down, if the text says or implies so."""

        def fits(p: _Draft) -> bool:
            return (
                p.organisation == d.organisation
                and p.count.value > d.count.value
                and p.outcome in TOTAL_OUTCOMES
                and (p.outcome != d.outcome or p.outcome == "warning" and d.outcome in WARNING_FAMILY)
                and (p.staff_group == d.staff_group or d.staff_group is None or p.staff_group is None)
            )

        if anchor is not None and fits(anchor):
            return anchor
        if r.partitive:
            candidates = made or self.last_sentence_drafts
            if candidates and candidates[-1].organisation == d.organisation:
                return candidates[-1] if candidates[-1].count.value > d.count.value else None
        for p in reversed(made[-_PARENT_REACH:]):  # a total is stated close to its parts
            if fits(p):
                return p
            if p.parent is not None and fits(p.parent):
                return p.parent  # a sibling in the same list
        prev = self.last_sentence_drafts
        if not made and prev and index - self.last_figure_index <= 2 and not names_org:
            for p in reversed(prev):
                if fits(p):
                    return p
                if p.parent is not None and fits(p.parent):
                    return p.parent  # the next item of a list that breaks down a total
        return None

    def _find_backref(self, value: int) -> _Draft | None:
        for d in reversed(self.drafts):
            if d.count.value == value:
                return d
        return None

    @staticmethod
    def _family(code: str) -> str:
        return "warning" if code in WARNING_FAMILY else code

    def _attach(self, d: _Draft, platforms: list[str], conduct: str | None) -> None:
        if platforms and not d.platforms:
            d.platforms = list(platforms)
        if conduct and not d.conduct:
            d.conduct = conduct

    def _group_reference(self, index: int, s: Sentence) -> bool:
        """ "The PCSOs were given words of advice": a group counted just before, with a new outcome.

        The figure's evidence runs from the sentence that counted the group to this one, so that
        it holds the count as written.
        """
        m = _DEFINITE_GROUP.match(s.text)
        if not m:
            return False
        nouns = staff_nouns(s.text, m.start("noun"), m.end("noun"))
        cues = find_cues(s.text)
        # the subject is just the group, perhaps with one word before it ("The regular officers")
        if not nouns or not cues or nouns[-1][1] != m.end("noun") or len(m.group("noun").split()) > 3:
            return False
        group = nouns[0][2]
        for d in reversed(self.drafts):
            if index - d.index > 3 or d.evidence is not None:
                break
            if d.staff_group == group and self._family(d.outcome) != self._family(cues[0].code):
                start = d.sentence.start
                twin = _Draft(
                    d.organisation,
                    d.organisation_mention,
                    group,
                    cues[0].code,
                    d.count,
                    d.sentence,
                    d.org_kind,
                )
                twin.index, twin.period, twin.parent = index, d.period, d.parent
                twin.attribution = d.attribution
                twin.platforms = _platforms(s.text) or list(d.platforms)
                twin.evidence = (start, s.end, self.text[start : s.end])
                twin.count_text = d.count.text
                self.drafts.append(twin)
                return True
        return False

    def _countless(self, index: int, s: Sentence) -> None:
        """A sentence with an outcome but no count: its platforms and conduct describe a nearby figure."""
        if self._group_reference(index, s):
            return
        low = lower_text(s.text)
        platforms = _platforms(s.text, low) if self.has_platform[index] else []
        found = _conducts(s.text, low)
        conduct = found[0][1] if found else None
        if not platforms and not conduct:
            return
        named = {m.name for m in self.orgs.bodies_within(s.start, s.end)}
        for cue in find_cues(s.text, low):
            family = self._family(cue.code)
            recent = [
                d
                for d in self.drafts
                if index - d.index <= 3
                and self._family(d.outcome) == family
                and (not named or d.organisation in named)
            ]
            target = next((d for d in reversed(recent) if not d.platforms or not d.conduct), None)
            if target is not None:
                self._attach(target, platforms, conduct)
            else:
                self.pending[family] = (platforms, conduct, index)
            return

    def _apply_pending(self, made: list[_Draft]) -> None:
        for d in made:
            family = self._family(d.outcome)
            entry = self.pending.get(family)
            if entry is None:
                continue
            platforms, conduct, at = entry
            if d.index - at <= 3:
                self._attach(d, platforms, conduct)
            del self.pending[family]

    def add_table_drafts(self, drafts: list[_Draft]) -> None:
        self.drafts.extend(drafts)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """One draft per (organisation, staff group, outcome, count), keeping the most informative.

    Figures with the same key but different explicit periods (a table's per-year cells) stay apart.
    """
    kept: list[_Draft] = []
    index: dict[tuple, list[_Draft]] = {}
    children: dict[int, list[_Draft]] = {}  # id(parent) -> the drafts that break it down
    for d in drafts:
        if d.parent is not None:
            children.setdefault(id(d.parent), []).append(d)

    def reparent(old: _Draft, new: _Draft) -> None:
        moved = children.pop(id(old), [])
        for other in moved:
            if other.parent is old:
                other.parent = new
        children.setdefault(id(new), []).extend(moved)

    for d in drafts:
        # staff, all and unstated are one group for merging (the contract treats them alike)
        group = d.staff_group if d.staff_group in ("police_officers", "police_staff", "other") else "broad"
        key = (d.organisation.casefold(), group, d.outcome, d.count.value)
        same = index.setdefault(key, [])
        match = None
        for k in same:
            kp, dp = k.period, d.period
            if (
                kp is None
                or dp is None
                or (kp.period_start, kp.period_end, kp.phrase) == (dp.period_start, dp.period_end, dp.phrase)
            ):
                match = k
                break
        if match is None:
            same.append(d)
            kept.append(d)
            continue
        if match.staff_group is None and d.staff_group is not None:
            match.staff_group = d.staff_group
        if not match.platforms and d.platforms:
            match.platforms = d.platforms
        if match.conduct is None and d.conduct:
            match.conduct = d.conduct
        if match.period is None and d.period is not None:
            match.period = d.period
        if match.parent is None and d.parent is not None:
            match.parent = d.parent
        if match.count.qualifier == "exact" and d.count.qualifier != "exact":
            pass  # the exact statement is the more informative one
        reparent(d, match)
    # a figure whose group the text left unsaid is the same figure stated with its group elsewhere
    specific = {
        (d.organisation.casefold(), d.outcome, d.count.value): d
        for d in kept
        if d.staff_group in ("police_officers", "police_staff", "other")
    }
    out = []
    for d in kept:
        twin = specific.get((d.organisation.casefold(), d.outcome, d.count.value))
        if d.staff_group is None and twin is not None:
            if not twin.platforms and d.platforms:
                twin.platforms = d.platforms
            reparent(d, twin)
            continue
        out.append(d)
    return out


def extract_figures(
    text: str,
    published: date | None = None,
    register: Any = _DEFAULT,
    *,
    sentences: list[Sentence] | None = None,
    orgs: OrgContext | None = None,
    title: str | None = None,
) -> list[Figure]:
    """Every figure `text` states, each with its evidence span and `attribution`.

    `register` is the authority register used to name bodies (default: the shipped one; None to
    keep every body under the name the text gives). A caller that also extracts facts passes the
    shared `sentences` and `orgs` of the document's context (extract.context.document_context) so
    that they are computed once per document; `title` is the document's title, when known.
    """
    from disclosed.extract.tables import read_tables

    if register is _DEFAULT:
        register = default_register()
    if not isinstance(text, str) or not text.strip():
        return []
    reader = _Reader(text, published, register, orgs)
    reader.title = title
    if sentences is None:
        sentences = split_sentences(text)
    reader.scan(sentences)
    if not any(reader.has_cue) and not any(reader.has_counted) and not any(s.is_table_row for s in sentences):
        return []  # no outcome phrase anywhere (and no table, whose "Total" implies one): no figure
    i = 0
    while i < len(sentences):
        s = sentences[i]
        if s.is_table_row:
            j = i
            while j < len(sentences) and sentences[j].is_table_row:
                j += 1
            reader.add_table_drafts(read_tables(reader, sentences, i, j))
            i = j
            continue
        reader.read_sentence(i, s)
        i += 1
    drafts = _merge(reader.drafts)
    for d in drafts:
        if not d.platforms and d.parent is not None and d.parent.platforms and d.evidence is None:
            d.platforms = list(d.parent.platforms)  # a part of a total about Snapchat is about Snapchat

    def is_public_body(name: str) -> bool:
        return register is not None and register.resolve(name) is not None

    requester = find_requester(text, is_public_body) if drafts else None
    return _figures(drafts, requester)


def _figures(drafts: list[_Draft], requester: str | None) -> list[Figure]:
    ids = {id(d): f"f{n}" for n, d in enumerate(drafts, 1)}
    out = []
    for d in drafts:
        if d.evidence is not None:
            ev_start, ev_end, evidence = d.evidence
        else:
            ev_start, ev_end, evidence = d.sentence.start, d.sentence.end, d.sentence.text
        p = d.period
        parent = d.parent
        while parent is not None and id(parent) not in ids:
            parent = parent.parent
        out.append(
            Figure(
                id=ids[id(d)],
                part_of=ids[id(parent)] if parent is not None else None,
                organisation=d.organisation,
                organisation_mention=d.organisation_mention,
                staff_group=d.staff_group,  # type: ignore[arg-type]
                outcome=d.outcome,
                count=d.count.value,
                qualifier=d.count.qualifier,  # type: ignore[arg-type]
                suppressed=d.count.suppressed,
                platforms=d.platforms,
                period_start=p.period_start if p else None,
                period_end=p.period_end if p else None,
                period=p.phrase if p else None,
                conduct=d.conduct,
                requester=None if d.in_passing else requester,
                topic=d.topic,  # type: ignore[arg-type]
                evidence=evidence,
                evidence_start=ev_start,
                evidence_end=ev_end,
                count_text=d.count_text or d.count.text,
                attribution=d.attribution or "named in the same sentence",
            )
        )
    return out


__all__ = ["extract_figures"]
