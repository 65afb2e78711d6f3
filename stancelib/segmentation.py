"""Splitting a document into statements, with character offsets into the original text.

A document is cut into blocks (paragraphs; a transcript turn or a dash-introduced quote starts a
new block), blocks that are not statements are recognised (headline, byline, dateline, boilerplate
such as "Related Articles"), and the rest is split into sentences by an offline splitter. Sentences
that sit inside one quotation are merged, so a quote spanning sentences stays one statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

SPLITTERS = ("pysbd", "syntok", "spacy")
DEFAULT_SPLITTER = "pysbd"


@dataclass(frozen=True)
class Segment:
    """A piece of a document: ``text == document[start:end]``.

    ``kind`` is ``statement``, ``headline``, ``byline``, ``dateline`` or ``boilerplate``;
    ``block`` numbers the paragraph (or transcript turn) the segment lies in.
    """

    start: int
    end: int
    text: str
    kind: str
    block: int


_LABEL = re.compile(r"^(?:Q|A|[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3})\s*:\s+\S")
_DASH_QUOTE = re.compile(r"^[–—-]\s+\S")
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+)*(?:\s*(?:,|and|&)\s*[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+)*)*\s*(?:[,|–—-].{0,60})?$")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’\-]+(?:[ ,/]+[A-Z][A-Za-z.'’\-]+)*"     # GENEVA / SAN JOSE, Costa Rica / KYIV/BRUSSELS
    r"(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^)]{1,40}\))?"
    r"\s*[–—-]{1,2}\s+)(?=\S)"
)
_BOILERPLATE = re.compile(
    r"^(?:related(?: articles| stories| coverage| content)?|back to top(?: button)?|advertisement|"
    r"read (?:more|also|next)\b.*|share (?:this|on)\b.*|subscribe\b.*|sign up\b.*|follow us\b.*|"
    r"reporting by\b.*|editing by\b.*|writing by\b.*|additional reporting\b.*|image:.*|photo:.*|"
    r"picture:.*|video:.*|watch:.*|listen:.*|©.*|copyright\b.*|all rights reserved.*|"
    r"for (?:media|press) (?:enquiries|inquiries)\b.*|media contact\b.*|press contact\b.*|contact:.*|"
    r"click here\b.*|comments?|leave a comment|print|email|most read|trending|topics?:.*|tags?:.*|"
    r"###|-?\s*ends\s*-?|note to editors:?.*|notes to editors:?.*|about [A-Z].{0,60}:?|"
    r"this (?:story|article) (?:has been|was) (?:updated|corrected)\b.*)$",
    re.IGNORECASE,
)
_END_PUNCT = re.compile(r"[.!?…]['’\"”)\]]*\s*$|[.!?…]\s*['’\"”]\s*$")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans; a line starting a transcript turn or a dash quote opens a new block."""
    spans: list[tuple[int, int]] = []
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        line_start = pos + (len(line) - len(line.lstrip()))
        if not content:
            if start is not None:
                spans.append((start, pos))
                start = None
        elif start is None:
            start = line_start
        elif _LABEL.match(content) or _DASH_QUOTE.match(content):
            spans.append((start, pos))
            start = line_start
        pos += len(line)
    if start is not None:
        spans.append((start, len(text)))
    # trim trailing whitespace of each block
    return [(s, s + len(text[s:e].rstrip())) for s, e in spans if text[s:e].strip()]


def _is_boilerplate(block: str) -> bool:
    first = block.strip().splitlines()[0].strip()
    return len(block.split()) <= 25 and bool(_BOILERPLATE.match(first))


def _looks_like_heading(block: str) -> bool:
    words = block.split()
    return 0 < len(words) <= 30 and "\n" not in block.strip() and not _END_PUNCT.search(block)


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
                        start = toks[0].offset - len(toks[0].spacing) + len(toks[0].spacing)
                        out.append((start, toks[-1].offset + len(toks[-1].value)))
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
    for s, e in _splitter(splitter)(text):
        piece = text[s:e]
        s2 = s + len(piece) - len(piece.lstrip())
        e2 = s + len(piece.rstrip())
        if e2 > s2:
            spans.append((s2, e2))
    spans.sort()
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


def _quote_balance(text: str) -> int:
    """Open minus closed quotation marks (curly pairs; straight double quotes by parity)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly + straight


def _merge_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences while a quotation opened in them is still open."""
    merged: list[tuple[int, int]] = []
    open_quote = False
    for s, e in spans:
        if merged and open_quote:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
        open_quote = _quote_balance(text[merged[-1][0]:merged[-1][1]]) > 0
    # A closing attribution split off as its own sentence ("…” she said.") belongs to the quote.
    out: list[tuple[int, int]] = []
    for s, e in merged:
        piece = text[s:e]
        if out and re.match(r"^[a-z][^“”\"]{0,60}\b(?:said|says|added|asked|told|wrote|replied)\b[^“”\"]{0,60}[.!?]?$", piece) \
                and text[out[-1][0]:out[-1][1]].rstrip().endswith(("”", '"')):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def split_statements(text: str, splitter: str = DEFAULT_SPLITTER) -> list[Segment]:
    """Split a document into statements and non-statement segments, in document order.

    Args:
        text: The document.
        splitter: Sentence splitter: ``pysbd`` (default), ``syntok`` or ``spacy``.

    Returns:
        Segments covering every non-blank part of ``text``; ``text[s.start:s.end] == s.text``.

    Example:
        >>> segs = split_statements('Talks stall\\n\\n"We will not move. Not today," she said. Talks end Friday.')
        >>> [(s.kind, s.text) for s in segs]
        [('headline', 'Talks stall'), ('statement', '"We will not move. Not today," she said.'), ('statement', 'Talks end Friday.')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    blocks = _blocks(text)
    segments: list[Segment] = []
    seen_body = False
    for b, (start, end) in enumerate(blocks):
        block = text[start:end]
        if _is_boilerplate(block):
            segments.append(Segment(start, end, block, "boilerplate", b))
            continue
        if not seen_body and _BYLINE.match(block.strip()) and len(block.split()) <= 14:
            segments.append(Segment(start, end, block, "byline", b))
            continue
        if not seen_body and _looks_like_heading(block):
            segments.append(Segment(start, end, block, "headline", b))
            continue
        if seen_body and _looks_like_heading(block) and len(block.split()) <= 6 and not _LABEL.match(block):
            segments.append(Segment(start, end, block, "boilerplate", b))  # section labels, "More on this story"
            continue
        if not seen_body:
            m = _DATELINE.match(block)
            if m:
                segments.append(Segment(start, start + m.end(), block[: m.end()], "dateline", b))
                start += m.end()
                block = text[start:end]
        seen_body = True
        for s, e in _merge_quotes(block, _sentence_spans(block, splitter)):
            segments.append(Segment(start + s, start + e, block[s:e], "statement", b))
    return segments
