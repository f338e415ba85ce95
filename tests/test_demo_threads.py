"""Stress: every lesson demo driven from two threads at once never shows a wrong picture (issue 28).

In a kernel the live update (a control moved) and drawing ahead (the settings around it) can draw at the same
moment, and they share one figure and its kept background: two drawings in one canvas print over each other
(lesson 04 showed doubled tick labels and two sets of boxes). Here one thread moves the demo's controls (the live
path: update, flush, draw) while a second draws other settings ahead into the same live demo; every picture either
thread produced is then compared, pixel for pixel, with a fresh draw of its setting by a new live demo that has only
ever drawn that picture (built for the same starting setting, then updated to it: the live path, one thread).
"""

from __future__ import annotations

import io
import random
import threading

import numpy as np
import pytest
from matplotlib.image import imread

from legpain.ui import demos
from legpain.ui.screen import key_of, plan, spec_of, values_of
from helpers import frame_difference
from test_frames import _lesson_demos

DEMOS = _lesson_demos()
PER_THREAD = 4  # settings each thread draws


def _pixels(png: bytes) -> np.ndarray:
    return imread(io.BytesIO(png), format="png")


def _settings(d, seed: str) -> list[tuple[int, ...]]:
    """Settings of this demo, near and far: a sample of what drawing ahead would draw around the start."""
    controls = list(d.controls.values())
    specs = [spec_of(c) for c in controls]
    at = [int(k) for k in key_of(controls, specs).split(",")]
    around = list(plan([s["size"] for s in specs], at, limit=120))
    rng = random.Random(seed)
    return rng.sample(around, min(2 * PER_THREAD, len(around)))


def _reference(live, base: dict | None, values: dict) -> dict:
    """What a fresh live demo shows for ``values`` having built its figure for ``base`` (one thread)."""
    fresh = demos._LiveDemo(live.demo, live.screen, live.resets, live.fig_height)
    if base is not None and base != values:
        fresh.frame_for(base)
    return fresh.frame_for(values)


@pytest.mark.parametrize("lesson, d", DEMOS, ids=[f"{lesson}-{k}" for k, (lesson, _d) in enumerate(DEMOS)])
def test_two_threads_never_print_two_pictures_over_each_other(lesson, d):
    """One thread moves the controls, another draws ahead, at the same time, into the same live demo: each picture
    sent is, pixel for pixel, a fresh draw of its setting (and its alt text is that setting's)."""
    import matplotlib.pyplot as plt

    box = d.widget()
    live = box.legpain_live
    screen = live.screen
    sent: list[tuple[str, dict]] = []
    screen.send = lambda content, buffers=None: None  # no browser here
    show = screen.show

    def record(key, frame, current=True):
        sent.append((key, dict(frame)))
        show(key, frame, current=current)

    screen.show = record
    settings = _settings(d, f"{lesson}{d.title}")
    moves, ahead = settings[:PER_THREAD], settings[PER_THREAD:]
    controls = list(d.controls.values())
    start = threading.Barrier(2)
    failures = []

    def move():
        try:
            start.wait()
            for indices in moves:
                for c, v in zip(controls, values_of(controls, live.specs, indices)):
                    c.value = v  # no event loop in this thread: the change is drawn at once (update -> flush)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    def draw_ahead():
        try:
            start.wait()
            for indices in ahead:
                key = ",".join(map(str, indices))
                screen.show(key, live.frame_for(live.setting(indices)), current=False)
        except Exception as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=move), threading.Thread(target=draw_ahead)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    assert len(sent) >= len(ahead)
    for key, frame in sent:
        values = live.setting([int(k) for k in key.split(",")])
        if -1 in map(int, key.split(",")):
            continue
        ref = _reference(live, frame.get("drawn_from"), values)
        why = frame_difference(frame, ref)
        assert not why, f"{d.title} {key}: {why}"
    plt.close("all")
