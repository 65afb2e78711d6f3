import pytest

from stancelib.prediction import Prediction, predictions_to_frame, softmax

import numpy as np


def make(text="We will respond.", stance="threatening"):
    return Prediction(text, {"stance": stance, "sentiment": "negative"},
                      {"stance": {"threatening": 0.7, "neutral": 0.3}, "sentiment": {"negative": 0.6, "neutral": 0.4}})


def test_attributes_and_dict():
    p = make()
    assert p.stance == "threatening" and p.sentiment == "negative"
    assert p.stance_scores == {"threatening": 0.7, "neutral": 0.3}
    assert p.sentiment_confidence == 0.6
    row = p.to_dict()
    assert row["text"] == "We will respond." and row["stance_confidence"] == 0.7
    assert "abstained" not in row
    with pytest.raises(AttributeError):
        _ = p.frame


def test_frozen():
    with pytest.raises(Exception):
        make().text = "x"


def test_frame():
    df = predictions_to_frame([make(), make("b", "neutral")])
    assert list(df["stance"]) == ["threatening", "neutral"]
    assert df.loc[0, "stance_threatening"] == 0.7


def test_softmax_temperature():
    z = np.array([[2.0, 0.0]])
    assert softmax(z).sum() == pytest.approx(1)
    assert softmax(z, 10.0)[0, 0] < softmax(z)[0, 0]
