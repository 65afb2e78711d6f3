import json

import pytest

from stancelib.analysis import analyze, analyze_path, read_documents

pytest.importorskip("spacy")

ARTICLE = """Border talks stall

“We are ready to meet them halfway,” Foreign Minister Ana Ruiz said on Tuesday. She added that the offer would not stay open forever.

The ministry rejected reports of troop movements as fabricated.

Tensions have risen along the frontier this week.

Related Articles
"""


def test_document_statements_speakers_and_offsets(tiny_model):
    doc = analyze(ARTICLE, tiny_model, doc_id="a1")
    texts = [s.text for s in doc.statements]
    assert len(texts) == 4 and texts[0].startswith("“We are ready")
    for s in doc.statements:
        assert ARTICLE[s.start:s.end] == s.text
        assert s.stance in {"conciliatory", "threatening", "denying", "neutral"}
    assert [s.speaker for s in doc.statements][:2] == ["Ana Ruiz", "Ana Ruiz"]
    assert doc.statements[-1].speaker is None and doc.statements[-1].quote_type == "narration"
    assert {s.kind for s in doc.skipped} == {"headline", "boilerplate"}


def test_summary_and_exports(tiny_model, tmp_path):
    doc = analyze(ARTICLE, tiny_model, doc_id="a1")
    summary = doc.summary()
    ruiz = summary["speakers"]["Ana Ruiz"]
    assert ruiz["statements"] == 2 and sum(ruiz["stance"].values()) == 2
    assert abs(sum(ruiz["stance_share"].values()) - 1) < 1e-6
    assert "most_threatening" in ruiz and "most_conciliatory" in ruiz
    assert "null" in summary["speakers"]
    rows = doc.to_rows()
    assert [r["doc_id"] for r in rows] == ["a1"] * 4 and "stance_scores" in rows[0]
    frame = doc.to_frame()
    assert len(frame) == 4 and "stance_threatening" in frame.columns
    doc.to_csv(tmp_path / "s.csv")
    assert (tmp_path / "s.csv").read_text().count("\n") >= 5
    data = json.loads(doc.to_json(tmp_path / "d.json"))
    assert data["summary"]["doc_id"] == "a1" and len(data["statements"]) == 4
    assert "Ana Ruiz" in doc.render()


def test_many_documents_and_paths(tiny_model, tmp_path):
    docs = analyze([ARTICLE, "Short note. Another sentence here."], tiny_model)
    assert [len(d.statements) for d in docs] == [4, 2]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b.txt").write_text(ARTICLE)
    (folder / "a.txt").write_text("One statement only.")
    assert [d["id"] for d in read_documents(folder)] == ["a", "b"]
    jl = tmp_path / "docs.jsonl"
    jl.write_text(json.dumps({"id": "x", "text": ARTICLE}) + "\n" + json.dumps({"text": "No id here."}) + "\n")
    out = analyze_path(jl, tiny_model)
    assert [d.doc_id for d in out] == ["x", "2"]
    jl.write_text(json.dumps({"id": "x"}) + "\n")
    with pytest.raises(ValueError, match="row 1: field 'text'"):
        read_documents(jl)
