"""Thresholds and calibrated scores for linear models, learned on held-out recommendations."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
THRESHOLDS = np.arange(-1.0, 0.61, 0.05)


def best_threshold(decision: Floats, truth: NDArray[np.bool_]) -> float:
    """The decision threshold with the best F1 on held-out data (0 where the label never occurs)."""
    if not truth.any():
        return 0.0
    best_f1, best = -1.0, 0.0
    for threshold in THRESHOLDS:
        predicted = decision > threshold
        tp = int((predicted & truth).sum())
        f1 = 2 * tp / (predicted.sum() + truth.sum()) if tp else 0.0
        if f1 > best_f1:
            best_f1, best = f1, float(threshold)
    return best


def platt(decision: Floats, truth: NDArray[np.bool_]) -> tuple[float, float]:
    """(a, b) of P(label) = 1 / (1 + exp(-(a·d + b))), fitted by Newton's method on held-out data,
    with Platt's smoothed targets so that a label seen a few times does not get scores of 0 or 1."""
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if positives == 0 or negatives == 0:
        return 2.0, 0.0
    target = np.where(truth, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    a, b = 2.0, 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(a * decision + b)))
        gradient = np.array([((p - target) * decision).sum(), (p - target).sum()])
        weight = p * (1 - p) + 1e-12
        hessian = np.array(
            [
                [(weight * decision * decision).sum(), (weight * decision).sum()],
                [(weight * decision).sum(), weight.sum()],
            ]
        )
        try:
            step = np.linalg.solve(hessian + 1e-9 * np.eye(2), gradient)
        except np.linalg.LinAlgError:
            break
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-7:
            break
    return float(a), float(b)


def sigmoid(values: Floats) -> Floats:
    result: Floats = 1 / (1 + np.exp(-values))
    return result


def softmax_temperature(decision: Floats, truth: NDArray[np.int64]) -> float:
    """The temperature that makes softmax(decision / T) best calibrated (least log loss) on held-out data."""
    best_loss, best = np.inf, 1.0
    for temperature in np.geomspace(0.05, 5, 40):
        scaled = decision / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        loss = -log_p[np.arange(len(truth)), truth].mean()
        if loss < best_loss:
            best_loss, best = loss, float(temperature)
    return best
