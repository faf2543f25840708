from __future__ import annotations

import numpy as np
import pytest

from mcc.knowledge.index import FusionConfig, convex_fusion, reciprocal_rank_fusion

INF = np.inf


def test_rrf_by_hand() -> None:
    bm25 = np.array([3.0, 0.0, 1.0, 2.0], dtype=np.float32)  # ranks: 0→1, 3→2, 2→3; 1 no match
    dense = np.array([0.1, 0.9, 0.5, 0.2], dtype=np.float32)  # ranks: 1, 2, 3, 0
    fused = reciprocal_rank_fusion(bm25, dense, FusionConfig(method="rrf", rrf_k=10, depth=10))
    expected = [1 / 11 + 1 / 14, 1 / 11, 1 / 13 + 1 / 12, 1 / 12 + 1 / 13]
    np.testing.assert_allclose(fused, expected, rtol=1e-6)


def test_rrf_depth_and_weights() -> None:
    bm25 = np.array([3.0, 2.0, 1.0], dtype=np.float32)
    dense = np.array([0.1, 0.2, 0.3], dtype=np.float32)
    config = FusionConfig(method="rrf", rrf_k=0, depth=1, bm25_weight=2.0, dense_weight=1.0)
    np.testing.assert_allclose(reciprocal_rank_fusion(bm25, dense, config), [2.0, 0.0, 1.0])


def test_convex_by_hand() -> None:
    bm25 = np.array([4.0, 0.0, 2.0], dtype=np.float32)
    dense = np.array([0.2, 0.6, 0.4], dtype=np.float32)
    fused = convex_fusion(bm25, dense, FusionConfig(method="convex", alpha=0.25, depth=10))
    # bm25' = s / max over matches (fewer than depth, floor 0): [1, 0, .5];
    # dense' = min-max over the candidates: [0, 1, .5]
    np.testing.assert_allclose(fused, [0.25, 0.75, 0.5], rtol=1e-6)


@pytest.mark.parametrize("method", ["rrf", "convex"])
def test_filtered_chunks_stay_excluded(method: str) -> None:
    bm25 = np.array([1.0, -INF, 2.0], dtype=np.float32)
    dense = np.array([0.5, -INF, 0.1], dtype=np.float32)
    fuse = convex_fusion if method == "convex" else reciprocal_rank_fusion
    fused = fuse(bm25, dense, FusionConfig(method=method))  # type: ignore[arg-type]
    assert fused[1] == -INF
    assert np.isfinite(fused[[0, 2]]).all()
