"""Splitting a document into statements, with character offsets into the original text.

A document is cut into blocks: paragraphs, and inside a paragraph every line that stands on its
own (a headline above a subheading, a live-blog timestamp, a bullet, a transcript turn, a
dash-introduced quote, a line under "Notes to editors"). Blocks that are not statements are
recognised (headline, byline, dateline, boilerplate; the lines above a byline are headlines and
standfirst even when they are sentences; a pull quote, a bare quotation displayed again from the text,
is furniture) and the rest is split into sentences by an offline splitter; stage directions and crowd
reactions such as "(Laughs)" or "(Crowd chants: “No fence!”)" are cut out as boilerplate, and so are
sentences of page furniture ("A version of this article appears in print on ..."). Sentences are then
merged where one statement spans several: a quotation running over sentences (also one quoting someone
else with single quotation marks inside double ones), a quotation continued after its attribution
(``“A,” she said. “B.”``), and a dash-introduced quote that runs until its attribution
(``– A. B, Lavrov said.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

SPLITTERS = ("pysbd", "syntok", "spacy")
# Chosen by measurement on the shipped gold articles (stancelib/data/articles: 28 documents, 447
# statements), with everything else in this module the same. Boundary precision / recall / F1:
#   pysbd  1.000 / 1.000 / 1.000   (0.21 s for the 28 documents)
#   syntok 0.998 / 0.996 / 0.997   (0.05 s; misses the break in "offers 6.5. Is there ...")
#   spacy  0.920 / 0.958 / 0.939   (2.9 s; splits "“Is it over?” she asked." and cuts transcript
#                                   labels such as "JOHAN BERG:" off their sentence)
# Speaker accuracy on quotes and reported speech follows: 1.000, 1.000 and 0.889.
DEFAULT_SPLITTER = "pysbd"


@dataclass(frozen=True)
class Segment:
    """A piece of a document: ``text == document[start:end]``.

    ``kind`` is ``statement``, ``headline``, ``byline``, ``dateline`` or ``boilerplate``;
    ``block`` numbers the block (paragraph, line, bullet or transcript turn) the segment lies in.
    """

    start: int
    end: int
    text: str
    kind: str
    block: int


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_PLACE = r"[A-Z][\w.'’\-]*(?:[ /][A-Z][\w.'’\-]*){0,3}"
# "GENEVA, March 3 (Newswire) - ", "VELMAR — ", "HALVIK, Norland (NP) — ", "Velmar, 4 March 2026 — ".
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s+(?P<region>{_PLACE}))?(?:,?\s+(?P<date>{_DATE}))?"
    rf"(?:\s*(?P<agency>\([^()]{{1,40}}\)))?\s*[–—-]{{1,2}}(?=\s+\S)"
)
# A speech's place and date on a line of their own: "Korval, 10 February 2026".
_PLACE_DATE = re.compile(rf"^{_PLACE},\s+{_DATE}$")
# Live-blog entry times: "17:50", "9.05 GMT", "10:15am".
_TIMESTAMP = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,5}|local time|local))?$", re.IGNORECASE
)
_BYLINE = re.compile(r"^(?:(?:Interview|Text|Words|Story|Analysis|Reporting|Report|Photos?|Video)\s+)?by\s+[A-Z]",
                     re.IGNORECASE)
_LABEL = re.compile(r"^(?:Q|A|[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3})\s*:\s+\S")
_DASH_QUOTE = re.compile(r"^[–—]\s+\S|^-\s+(?=\S)")
_BULLET = re.compile(r"^[•●▪◦‣·*]\s+")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
# Stage directions in transcripts and speeches: "(Applause)", "(Laughs.)", "[Applause and cheering]", and the
# reactions of a crowd, even with its words: "(Crowd chants: “No fence!”)", "[Audience boos]".
_STAGE = (r"[(\[](?:(?:applause|laughter|laughs|laughing|chuckles|sighs|cheers|cheering|booing|boos|inaudible|"
          r"unintelligible|crosstalk|pause|pauses|silence|interruption)(?:\s+and\s+[a-z]+)?\.?|"
          r"(?:the\s+)?(?:crowd|audience|supporters|protesters|delegates|spectators)\s+(?:chants?|chanting|cheers?|"
          r"cheering|shouts?|shouting|boos?|booing|jeers?|jeering|sings?|singing|applauds?|applause|laughs?|"
          r"laughter)\b[^()\[\]]{0,80})[)\]]\.?")
# The end of a sentence (a line ending with a stage direction ends like one: "GUEST: Thank you. [Applause]").
_END_PUNCT = re.compile(rf"(?:[.!?…:;][’'\"”)\]]*|{_STAGE})$", re.IGNORECASE)
# Section labels above an article ("Opinion").
_SECTION_LABEL = r"opinion|op-ed|commentary|editorial"
# The broadcast line of a transcript ("Broadcast Friday 8 May 2026, 07:40").
_BROADCAST = re.compile(rf"^(?:Broadcast|Aired|Recorded)\s+(?:on\s+)?(?:[A-Z][a-z]+day,?\s+)?{_DATE}"
                        r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?$")
# Whole blocks of page furniture (matched against the block without surrounding whitespace).
_BOILERPLATE = re.compile(
    r"^(?:related(?: articles| stories| coverage| content| links)?|more on this(?: story| topic)?|"
    r"back to top(?: button)?|advertisement|sponsored(?: content)?|"
    r"read (?:more|also|next)\b.*|see also\b.*|share (?:this|on)\b.*|subscribe\b.*|sign up\b.*|follow us\b.*|"
    r"reporting by\b.*|editing by\b.*|writing by\b.*|additional reporting\b.*|compiled by\b.*|"
    r"(?:image|photo|picture|video|watch|listen|caption|source|credit)s?:.*|listen (?:on|to|wherever)\b.*|"
    r"©.*|\(c\)\s.*|copyright\b.*|all rights reserved.*|"
    r"(?:for )?(?:media|press) (?:enquiries|inquiries|contacts?|office)\b.*|contact:.*|"
    r"click here\b.*|comments?|leave a comment|print|email|most (?:read|popular)|trending|topics?:.*|tags?:.*|"
    r"(?:last |first )?(?:updated|published|posted)\b(?=[^.]*\d)[^.]{0,60}|"
    r"(?:for immediate release|press release|news release|media release|media advisory)|"
    rf"as prepared for delivery|check against delivery|{_STAGE}|{_SECTION_LABEL}|"
    r"this (?:story|article|interview|transcript) (?:has been|was|is)\b.*)$",
    re.IGNORECASE,
)
# Headings after which everything to the end of the document is furniture.
_TAIL_MARKER = re.compile(r"^(?:[-–—]+\s*ends\s*[-–—]*|ends|###|notes? (?:to|for) editors:?|"
                          r"about (?:the |us\b)?[A-Z].{0,60}|editor'?s note:?)$", re.IGNORECASE)
# Headings after which headings (article titles) are furniture.
_LINKS_MARKER = re.compile(r"^(?:related(?: articles| stories| coverage| content| links)?|more on this(?: story| topic)?|"
                           r"read (?:more|also|next)|see also|most (?:read|popular))$", re.IGNORECASE)
# Single sentences of page furniture inside a paragraph.
_BOILERPLATE_SENTENCE = re.compile(
    r"^(?:this (?:interview|transcript|conversation|article|story|q&a)\b[^.]{0,40}\b(?:edited|condensed|generated|"
    r"updated|corrected|amended|translated|transcribed)\b.*|"
    r"(?:correction|clarification)s?:.*|an earlier version of this (?:article|story|report|column)\b.*|"
    r"(?:the following is|below is|what follows is) (?:an? |the )?(?:edited |lightly edited |full |partial )?"
    r"(?:transcript|excerpt)\b.*|"
    r"listen (?:on|to|wherever)\b.*|subscribe (?:to|for)\b.*|sign up\b.*|follow (?:us|[A-Z]\w* on)\b.*|"
    r"the views expressed\b.*|(?:opinions|views) expressed\b.*|"
    r"an? (?:version|edition) of this (?:article|story|column|report|interview) "
    r"(?:appears|appeared|ran|was published)\b.*|"
    rf"{_STAGE}|as prepared for delivery\.?|check against delivery\.?)$",
    re.IGNORECASE,
)
# A disclaimer that marks its paragraph as the columnist's bio ("... The views expressed here are her own.").
_DISCLAIMER = re.compile(r"\b(?:the )?(?:views|opinions) expressed\b", re.IGNORECASE)
# Headlines, standfirst and section label above a byline: at most this many blocks.
_MAX_HEADER_BLOCKS = 4
# Trailing sentences that describe the programme or the publication, not the news.
_TRAILER = re.compile(r"\b(?:is|are) (?:broadcast|aired|published|available|streamed)\b|\bairs (?:every|weekdays|daily)\b"
                      r"|\b(?:is|are) on (?-i:[A-Z])[^.]{0,60}\b(?:every|each|weekdays|daily|nightly|weekly)\b"
                      r"|\bwherever you get your podcasts\b", re.IGNORECASE)
# A clause of attribution closing a sentence: ``..., Lavrov said.`` / ``...,” said the minister.``
_ATTRIBUTION_TAIL = re.compile(
    r",[”\"’']{0,2}\s+[^“”\"]{0,120}?\b(?:said|says|told|tells|added|adds|stated|states|declared|insisted|explained|"
    r"noted|warned|stressed|replied|answered|wrote|asked|continued|concluded|argued|claimed|recalled|"
    r"remarked|admitted|acknowledged|conceded|announced|suggested|cautioned|predicted|observed|"
    r"has told|has said)\b[^“”\"]*$"
)
# A sentence closed inside quotation marks and followed by a new quotation or sentence.
_QUOTE_BREAK = re.compile(r"(?<=[.!?][”\"’])\s+(?=[“\"‘][A-Z])|(?<=\.[”\"’])\s+(?=[A-Z])")
# A stage direction between two sentences ("... differently. (Laughs) I have ..."): a piece of its own.
_STAGE_BREAK = re.compile(rf"(?:^|(?<=[.!?…]))\s*(?P<keep>{_STAGE})(?:\s+|$)", re.IGNORECASE)
# A quotation closed by a comma: its attribution follows ("…,” Holub said." / "…,’” Holub said.").
_COMMA_CLOSE = re.compile(r",[’']?[”\"’]$")
_SPEECH_TAIL = re.compile(r"^[a-z][^“”\"]{0,60}\b(?:said|says|added|asked|told|wrote|replied)\b[^“”\"]{0,80}[.!?]?$")


@dataclass
class _Block:
    start: int
    end: int
    text: str
    kind: str = "statement"


def _line_spans(text: str) -> list[tuple[int, int] | None]:
    """Trimmed (start, end) of every line; ``None`` for blank lines."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        content = body.strip()
        if content:
            s = pos + len(body) - len(body.lstrip())
            spans.append((s, s + len(content)))
        else:
            spans.append(None)
        pos += len(line)
    return spans


def _opens_unit(line: str) -> bool:
    """A line that starts a unit of its own even without a blank line before it."""
    return bool(_BULLET.match(line) or _LABEL.match(line) or _DASH_QUOTE.match(line) or _TIMESTAMP.match(line)
                or _BOILERPLATE.match(line) or _TAIL_MARKER.match(line) or _NUMBERED.match(line))


def _stands_alone(line: str) -> bool:
    """A line that ends its unit: a heading, a timestamp, a byline, a finished sentence."""
    return bool(_TIMESTAMP.match(line) or _BOILERPLATE.match(line) or _TAIL_MARKER.match(line)
                or _END_PUNCT.search(line) or _looks_like_heading(line))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Block spans: paragraphs, split further at lines that stand on their own.

    A paragraph whose lines run on into each other (a line ends mid-sentence and the next starts in
    lower case: hard-wrapped text) keeps its lines together except before bullets, transcript
    labels, dash quotes and timestamps; otherwise every line that ends a unit closes a block.
    """
    paragraphs: list[list[tuple[int, int]]] = [[]]
    for span in _line_spans(text):
        if span is None:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(span)
    blocks: list[tuple[int, int]] = []
    for lines in paragraphs:
        if not lines:
            continue
        contents = [text[s:e] for s, e in lines]
        wrapped = _hard_wrapped(contents)
        start = lines[0][0]
        for i in range(1, len(lines)):
            prev, line = contents[i - 1], contents[i]
            strong = _BULLET.match(line) or _LABEL.match(line) or _DASH_QUOTE.match(line) or _TIMESTAMP.match(line) \
                or _BOILERPLATE.match(line) or _TIMESTAMP.match(prev) or _BOILERPLATE.match(prev)
            if strong or (not wrapped and (_stands_alone(prev) or _opens_unit(line))):
                blocks.append((start, lines[i - 1][1]))
                start = lines[i][0]
        blocks.append((start, lines[-1][1]))
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one running paragraph broken at a fixed width: a line ends mid-sentence and the
    next goes on in lower case, or the lines are of similar length and only the paragraph's last
    line ends like a sentence (a headline above a subheading ends like neither)."""
    if len(lines) < 2:
        return False
    if any(not _END_PUNCT.search(a) and b[:1].islower() for a, b in zip(lines, lines[1:])):
        return True
    longest = max(len(x) for x in lines)
    return (longest >= 40 and bool(_END_PUNCT.search(lines[-1]))
            and any(not _END_PUNCT.search(x) for x in lines[:-1])
            and all(len(x) >= 0.6 * longest for x in lines[:-1]))


def _looks_like_heading(block: str, max_words: int = 30) -> bool:
    """One line, not too long, not ending like a sentence (a headline, subheading or title)."""
    words = block.split()
    return (0 < len(words) <= max_words and "\n" not in block and not _END_PUNCT.search(block)
            and not block.endswith((",", "–", "—", "-")))


def _is_byline(block: str) -> bool:
    return bool(_BYLINE.match(block)) and len(block.split()) <= 14 and "\n" not in block and not block.endswith(".")


def _byline_names(block: str) -> list[str]:
    """Author names of a byline ("By Daniel Okafor and Irina Petrescu" -> both)."""
    rest = re.sub(r"^.*?\bby\s+", "", block, count=1, flags=re.IGNORECASE)
    rest = re.split(r"\s*[|,–—]\s*", rest)[0]
    return [n.strip() for n in re.split(r"\s+(?:and|&)\s+", rest) if n.strip()]


def _classify(text: str, spans: list[tuple[int, int]]) -> list[_Block]:
    """Kinds of the blocks: header lines, furniture, headings, and statement blocks."""
    blocks = [_Block(s, e, text[s:e]) for s, e in spans]
    body = False
    authors: list[str] = []
    tail = False
    links = False
    standfirst_end = _header_byline(blocks)
    for i, b in enumerate(blocks):
        t = b.text
        if tail:
            b.kind = "boilerplate"
        elif _TIMESTAMP.match(t):
            b.kind = "dateline"
        elif _BOILERPLATE.match(t) and len(t.split()) <= 25:
            b.kind = "boilerplate"
            links = links or bool(_LINKS_MARKER.match(t))
        elif _TAIL_MARKER.match(t) and not t.endswith(".") and (
                body or t.lower().startswith(("-", "–", "—", "ends", "###"))):
            b.kind = "boilerplate"
            tail = True
        elif not body and _is_byline(t):
            b.kind = "byline"
            authors += _byline_names(t)
        elif not body and (_PLACE_DATE.match(t) or _BROADCAST.match(t)):
            b.kind = "dateline"
        elif not body and (_is_title(t, first=i == 0, more=i + 1 < len(blocks)) or i < standfirst_end):
            b.kind = "headline"
        elif body and _looks_like_heading(t, max_words=15):
            # a subheading inside the body, or a link title / sign-off after it (settled below)
            b.kind = "boilerplate" if links else "heading"
        else:
            body = True
            links = False
    # A pull quote: a bare quotation displayed again from the text (without a full stop it looks like a
    # heading). Of two bare quotations with the same words, the later is the display.
    for b in reversed(blocks):
        if b.kind in ("statement", "heading") and _is_pull_quote(b, [x for x in blocks if x is not b]):
            b.kind = "boilerplate"
    # A heading with no statement after it is furniture ("Press Office, Ministry of ...").
    seen_statement = False
    for b in reversed(blocks):
        if b.kind == "statement":
            seen_statement = True
        elif b.kind == "heading":
            b.kind = "headline" if seen_statement else "boilerplate"
    # Trailing author bios and programme notes.
    for b in reversed(blocks):
        if b.kind != "statement" and b.kind != "boilerplate":
            break
        if b.kind == "statement":
            if any(b.text.startswith(a) for a in authors) or _TRAILER.search(b.text) \
                    or _BOILERPLATE_SENTENCE.match(b.text) or _DISCLAIMER.search(b.text):
                b.kind = "boilerplate"
            else:
                break
    return blocks


def _is_pull_quote(block: _Block, others: list[_Block]) -> bool:
    """The block is one quotation with no attribution whose words (at least five) also stand in a
    statement of the body: a display repeat, not a statement. Case and punctuation aside, each of its
    phrases must be found there, which allows for a source quotation split by its attribution ("“Every
    fence has a gate,” she said, “and every gate has a price.”"). A headline quoting the text is no source."""
    if not _is_quote_only(block.text):
        return False
    phrases = [_words(p) for p in re.split(r"[^\w\s’']+", block.text)]
    phrases = [p for p in phrases if len(p.split()) >= 2]
    if sum(len(p.split()) for p in phrases) < 5:
        return False
    return any(all(f" {p} " in f" {_words(b.text)} " for p in phrases) for b in others if b.kind == "statement")


def _words(text: str) -> str:
    """The words of ``text`` in lower case, single-spaced, without punctuation."""
    return " ".join(re.findall(r"\w+(?:[’']\w+)*", text.lower()))


def _header_byline(blocks: list[_Block]) -> int:
    """Index of a byline right under the headlines, or 0 when there is none.

    The lines above such a byline are headlines and standfirsts, even a standfirst of whole
    sentences ("Both sides are bargaining. The deal is already drafted.").
    """
    for i, b in enumerate(blocks[:_MAX_HEADER_BLOCKS + 1]):
        if _is_byline(b.text):
            return i
        if "\n" in b.text or len(b.text.split()) > 40 or _DATELINE.match(b.text):
            return 0  # body text before the byline: the byline is not a header
    return 0


def _is_title(block: str, first: bool, more: bool) -> bool:
    """A headline or subheading line above the body; the first line may end with "?" or "!"."""
    if _looks_like_heading(block):
        return True
    return (first and more and "\n" not in block and len(block.split()) <= 25
            and block.endswith(("?", "!")) and block[:1] not in "“\"‘'–—-")


@lru_cache(maxsize=4)
def _splitter(name: str) -> Callable[[str], list[tuple[int, int]]]:
    """A function returning sentence spans (start, end) of a text, for the named splitter."""
    if name == "pysbd":
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        return lambda text: [(s.start, s.end) for s in seg.segment(text)]
    if name == "syntok":
        from syntok import segmenter

        def split(text: str) -> list[tuple[int, int]]:
            out = []
            for paragraph in segmenter.analyze(text):
                for sentence in paragraph:
                    toks = list(sentence)
                    if toks:
                        out.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
            return out

        return split
    if name == "spacy":
        from .attribution import spacy_pipeline

        nlp = spacy_pipeline()
        return lambda text: [(s.start_char, s.end_char) for s in nlp(text).sents]
    raise ValueError(f"unknown sentence splitter {name!r}; choose one of {SPLITTERS}")


def _sentence_spans(text: str, splitter: str) -> list[tuple[int, int]]:
    """Sentence spans with whitespace trimmed; pieces the splitter leaves out are attached."""
    spans = []
    # lines left inside a block are wrapped lines of one paragraph; splitters would end sentences there
    flat = text.replace("\r", " ").replace("\n", " ")
    for s, e in _splitter(splitter)(flat):
        piece = text[s:e]
        s2 = s + len(piece) - len(piece.lstrip())
        e2 = s + len(piece.rstrip())
        if e2 > s2:
            spans.append((s2, e2))
    spans.sort()
    # a quotation closing a sentence is a break the splitters can miss, and so is a stage direction
    spans = [(s + a, s + b) for s, e in spans for a, b in _cut(text[s:e], _QUOTE_BREAK)]
    spans = [(s + a, s + b) for s, e in spans for a, b in _cut(text[s:e], _STAGE_BREAK)]
    # make the spans cover the text: a gap with content joins the sentence before it
    fixed: list[list[int]] = []
    for s, e in spans:
        if fixed and s < fixed[-1][1]:
            fixed[-1][1] = max(fixed[-1][1], e)
        elif fixed and text[fixed[-1][1]:s].strip():
            fixed[-1][1] = e
        else:
            fixed.append([s, e])
    if fixed and text[fixed[-1][1]:].strip():
        fixed[-1][1] = len(text.rstrip())
    if fixed and text[: fixed[0][0]].strip():
        fixed[0][0] = len(text) - len(text.lstrip())
    return [(s, e) for s, e in fixed]


def _cut(piece: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Non-empty spans of ``piece`` cut at the matches of ``pattern``; the part of a match in its
    ``keep`` group, if the pattern has one, is a span of its own (the rest is whitespace)."""
    out, start = [], 0
    for m in pattern.finditer(piece):
        out.append((start, m.start()))
        if "keep" in pattern.groupindex:
            out.append(m.span("keep"))
        start = m.end()
    out.append((start, len(piece)))
    return [(a, b) for a, b in out if b > a]


def quote_balance(text: str) -> int:
    """Open minus closed quotation marks: curly pairs, straight double quotes by parity, and single
    curly quotes when one is opened (a ’ before a letter is an apostrophe)."""
    single = text.count("‘")
    if single:
        single -= len(re.findall(r"’(?!\w)", text))
    return text.count("“") - text.count("”") + text.count('"') % 2 + max(single, 0)


def _is_quote_only(piece: str) -> bool:
    """The sentence is one quotation and nothing else (``“Nobody should mistake it.”``)."""
    return (piece[:1] in "“\"‘" and piece.rstrip()[-1:] in "”\"’" and quote_balance(piece) == 0
            and not re.search(r"[”\"’]\s+\w", piece[1:-1]))


def _ends_with_attribution(piece: str) -> bool:
    """A quotation followed by its attribution (``“A,” she said.``) or introduced by one with a colon."""
    if piece[:1] in "“\"‘" and _ATTRIBUTION_TAIL.search(piece):
        return True
    return bool(re.search(r":\s*[“\"‘][^“”\"]+[”\"’]$", piece))


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge sentences into statements: open quotations, split-off attributions, quotations
    continued after their attribution, and dash quotes running until their attribution."""
    # 1. a quotation that is still open runs on into the next sentence (if it closes in the block)
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        j = i
        while quote_balance(text[s:e]) > 0 and j + 1 < len(spans):
            j += 1
            e = spans[j][1]
        if quote_balance(text[s:e]) > 0:  # never closed here: keep the sentences apart
            merged.append(spans[i])
            i += 1
            continue
        merged.append((s, e))
        i = j + 1
    # 2. a closing attribution split off as its own sentence ("…?” she asked."); after a quotation
    # closed by a comma ("…by themselves,’” Holub recalled.") whatever follows is its attribution
    out: list[tuple[int, int]] = []
    for s, e in merged:
        prev = text[out[-1][0]:out[-1][1]] if out else ""
        if out and (_SPEECH_TAIL.match(text[s:e]) and prev.endswith(("”", '"', "’"))
                    or _COMMA_CLOSE.search(prev) and text[s] not in "“\"‘"):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    # 3. "“A,” she said. “B.”": the quotation goes on after its attribution
    result: list[tuple[int, int]] = []
    for s, e in out:
        if result and _is_quote_only(text[s:e]) and _ends_with_attribution(text[result[-1][0]:result[-1][1]]):
            result[-1] = (result[-1][0], e)
        else:
            result.append((s, e))
    # 4. "– A. B, Lavrov said.": a dash quote runs until the sentence carrying its attribution
    if result and _DASH_QUOTE.match(text[result[0][0]:]):
        for k, (s, e) in enumerate(result):
            if _ATTRIBUTION_TAIL.search(text[s:e]):
                result = [(result[0][0], e)] + result[k + 1:]
                break
    return result


def split_statements(text: str, splitter: str = DEFAULT_SPLITTER) -> list[Segment]:
    """Split a document into statements and non-statement segments, in document order.

    Args:
        text: The document.
        splitter: Sentence splitter: ``pysbd`` (default), ``syntok`` or ``spacy``.

    Returns:
        Segments covering every non-blank part of ``text`` except list bullets, with
        ``text[s.start:s.end] == s.text`` and no surrounding whitespace.

    Raises:
        TypeError: If ``text`` is not a string.
        ValueError: If ``splitter`` is unknown.

    Example:
        >>> segs = split_statements('Talks stall\\n\\n"We will not move. Not today," she said. Talks end Friday.')
        >>> [(s.kind, s.text) for s in segs]
        [('headline', 'Talks stall'), ('statement', '"We will not move. Not today," she said.'), ('statement', 'Talks end Friday.')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if splitter not in SPLITTERS:
        raise ValueError(f"unknown sentence splitter {splitter!r}; choose one of {SPLITTERS}")
    segments: list[Segment] = []
    first_body = True
    for n, b in enumerate(_classify(text, _blocks(text))):
        if b.kind != "statement":
            segments.append(Segment(b.start, b.end, b.text, b.kind, n))
            continue
        start, block = b.start, b.text
        if first_body:
            first_body = False
            m = _DATELINE.match(block)
            if m and (m.group("place").isupper() or m.group("date") or m.group("agency")):
                segments.append(Segment(start, start + m.end(), block[: m.end()], "dateline", n))
                rest = block[m.end():]
                start += m.end() + len(rest) - len(rest.lstrip())
                block = rest.strip()
        bullet = _BULLET.match(block)
        if bullet:  # list bullets are layout, not part of the statement
            start += bullet.end()
            block = block[bullet.end():]
        for s, e in _merge(block, _sentence_spans(block, splitter)):
            piece = block[s:e]
            kind = "boilerplate" if _BOILERPLATE_SENTENCE.match(piece) else "statement"
            segments.append(Segment(start + s, start + e, piece, kind, n))
    return segments
