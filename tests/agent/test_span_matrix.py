"""The span tagger's training matrix, written straight into float32 CSR (s30: the contextual
tagger's first training peaked at 7.2 GB through a float64 stack and a COO `hstack`; 2.4 GB
now): the same numbers as the feature names' ones beside each token's vector."""

from __future__ import annotations

import numpy as np

from mcc.agent.span_tagger.model import _matrix


def test_each_row_is_its_feature_names_then_its_tokens_vector() -> None:
    rows = [[2, 0], [1], [], [0, 1, 2]]  # feature-name columns of four tokens
    columns = [c for row in rows for c in row]
    pointers = np.cumsum([0] + [len(row) for row in rows]).tolist()
    vectors = [np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([[0.25, 3.0], [-0.5, 1.5]])]
    matrix = _matrix(columns, pointers, 3, vectors)
    expected = np.zeros((4, 5))
    for number, row in enumerate(rows):
        expected[number, row] = 1.0
    expected[:, 3:] = np.vstack(vectors)
    assert matrix.dtype == np.float32
    assert matrix.shape == (4, 5)
    np.testing.assert_array_equal(matrix.toarray(), expected.astype(np.float32))
    assert matrix.has_sorted_indices


def test_without_vectors_the_lexical_matrix_keeps_float64() -> None:
    matrix = _matrix([1, 0], [0, 1, 2], 2, None)
    assert matrix.dtype == np.float64
    np.testing.assert_array_equal(matrix.toarray(), [[0.0, 1.0], [1.0, 0.0]])
