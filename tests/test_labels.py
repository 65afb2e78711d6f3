import pytest

from stancelib.labels import DEFAULT_TASKS, STANCE, TaskSpec, parse_tasks, tasks_from_config, tasks_to_config


def test_task_ids_and_roundtrip():
    assert STANCE.label2id["denying"] == 2 and STANCE.id2label[1] == "threatening"
    assert tasks_from_config(tasks_to_config(DEFAULT_TASKS)) == DEFAULT_TASKS


@pytest.mark.parametrize("name,labels,match", [
    ("bad name", ("a", "b"), "identifier"), ("t", ("a",), "at least two"), ("t", ("a", "a"), "repeated"),
    ("t", ("a", ""), "non-empty"),
])
def test_invalid_tasks(name, labels, match):
    with pytest.raises(ValueError, match=match):
        TaskSpec(name, labels)


def test_parse_tasks():
    assert parse_tasks(None) == DEFAULT_TASKS
    assert [t.name for t in parse_tasks("stance")] == ["stance"]
    custom = parse_tasks("frame=economic,security;stance")
    assert custom[0].labels == ("economic", "security") and custom[1] == STANCE
    with pytest.raises(ValueError, match="unknown task"):
        parse_tasks("frame")
    with pytest.raises(ValueError, match="twice"):
        parse_tasks("stance stance")


def test_config_errors():
    with pytest.raises(ValueError, match="no 'tasks'"):
        tasks_from_config({})
    with pytest.raises(ValueError, match="0..n-1"):
        tasks_from_config({"t": {"id2label": {"0": "a", "2": "b"}}})
