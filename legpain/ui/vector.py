"""The changing part of a live demo's figure as drawing instructions the browser carries out (no picture drawn in
Python).

A live demo's figure that updates in place (``fig.legpain_update``, ``fig.legpain_animated``: see
:mod:`legpain.ui.demos`) is shown as two layers: its unchanging rest, drawn once by matplotlib (Agg) and sent as PNG,
and the artists that change, which :func:`record` turns into a short list of drawing instructions in the picture's
pixels: filled or stroked outlines (SVG path data), markers (one outline and where it goes) and text (its glyph
outlines, from the font matplotlib uses). The browser draws them onto a canvas over the rest (``static/screen.js``).

Why: for the simulation demos of lessons 04 and 05, rasterizing the changing artists and compressing the picture took
25-80 ms a setting in the kernel, against 0.1-23 ms to compute the setting itself. Recording the instructions takes
3-20 ms (mostly matplotlib's own artist code; ``benchmarks/kernel_frames.py`` times both ways), the browser draws them
in a few ms, and they are small (2-60 KB), so more settings can be sent ahead.

What is recorded is what matplotlib itself draws: every artist is drawn by its own ``draw`` method onto a
:class:`Recorder`, a matplotlib renderer whose text measures are Agg's (so the layout is the one of the PNG), and
whose line widths, dashes and marker sizes are converted to pixels at the same resolution. Hatching is one tile of the
pattern, repeated as Agg repeats it. Anything the recorder does not know how to describe (images, clip paths other
than rectangles, sketched lines, TeX) raises :class:`Unsupported`, and the live demo sends the setting as a PNG
instead: a figure is never drawn partly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib import _path
from matplotlib.backend_bases import RendererBase
from matplotlib.colors import to_hex
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

__all__ = ["Recorder", "Unsupported", "Cancelled", "record", "rasterize", "parse_path", "PRECISION"]

PRECISION = 2  # decimals of a pixel coordinate (a hundredth of a pixel: finer than any screen shows)
_CODES = [b"M", b"L", b"Q", b"C", b"Z"]
_CAPS = {"butt": "butt", "round": "round", "projecting": "square"}


class Unsupported(Exception):
    """The figure uses something the browser cannot be told to draw: the live demo sends a PNG instead."""


def _colour(rgba, alpha: float | None = None) -> str | None:
    """A CSS colour (``#rrggbb`` or ``rgba(...)``), or None for a fully transparent one."""
    r, g, b = rgba[:3]
    a = rgba[3] if len(rgba) > 3 and alpha is None else (1.0 if alpha is None else alpha)
    if a <= 0:
        return None
    if a >= 1:
        return to_hex((r, g, b))
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},{round(a, 4)})"


class Recorder(RendererBase):
    """A matplotlib renderer that records drawing instructions instead of drawing (see the module docstring).

    ``agg`` is the figure's Agg renderer at the resolution of the picture: text is measured by it, so that every
    label sits where the PNG puts it."""

    def __init__(self, agg, width: float, height: float):
        super().__init__()
        self.agg = agg
        self.width, self.height = width, height
        self.dpi = agg.dpi
        self.ops: list[dict[str, Any]] = []
        self._flip = Affine2D().scale(1, -1).translate(0, height)
        self._texts: dict[tuple, tuple] = {}  # a text's glyphs and their places, kept: tick labels repeat
        self._measures: dict[tuple, tuple] = {}  # a text's width, height and descent (Agg's), kept
        self.glyph_map: dict[str, Any] = {}  # every glyph outline this recorder has met (matplotlib's glyph map)
        self.new_glyphs: dict[str, str] = {}  # outlines met since :meth:`take_glyphs` last handed them on

    def take_glyphs(self) -> dict[str, str]:
        """The outlines of glyphs met since the last call (they go with the frame being sent)."""
        glyphs, self.new_glyphs = self.new_glyphs, {}
        return glyphs

    # -- what matplotlib asks of a renderer ----------------------------------------------------------------------

    def flipy(self) -> bool:
        return True

    def get_canvas_width_height(self):
        return self.width, self.height

    def points_to_pixels(self, points):
        return points * self.dpi / 72

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath == "TeX":
            raise Unsupported("TeX text")
        key = (s, hash(prop), ismath)
        size = self._measures.get(key)
        if size is None:
            size = self._measures[key] = self.agg.get_text_width_height_descent(s, prop, ismath)
        return size

    def option_image_nocomposite(self):
        return True

    def draw_image(self, gc, x, y, im, transform=None):
        raise Unsupported("an image")

    def draw_gouraud_triangles(self, gc, triangles_array, colors_array, transform):
        raise Unsupported("a colour gradient")

    # -- recording -----------------------------------------------------------------------------------------------

    def _style(self, gc, rgbFace) -> dict[str, Any] | None:
        if gc.get_clip_path()[0] is not None:
            raise Unsupported("a clip path")
        if gc.get_sketch_params() is not None:
            raise Unsupported("a sketch style")
        forced = gc.get_forced_alpha()
        op: dict[str, Any] = {}
        if rgbFace is not None:
            fill = _colour(rgbFace, gc.get_alpha() if forced else None)
            if fill:
                op["fill"] = fill
        lw = gc.get_linewidth()
        stroke = _colour(gc.get_rgb()) if lw > 0 else None
        if stroke:
            op["stroke"] = stroke
            op["lw"] = round(self.points_to_pixels(lw), 3)
            op["cap"] = _CAPS.get(gc.get_capstyle(), "butt")
            op["join"] = gc.get_joinstyle() or "miter"
            offset, dashes = gc.get_dashes()
            if dashes is not None and len(dashes):
                op["dash"] = [round(self.points_to_pixels(d), 3) for d in dashes]
                op["dash_offset"] = round(self.points_to_pixels(offset or 0), 3)
        if gc.get_hatch():
            op["hatch"] = self._hatch(gc)
        if not op:
            return None  # nothing visible
        box = gc.get_clip_rectangle()
        if box is not None:
            x0, y0, x1, y1 = box.extents
            op["clip"] = [round(x0, 2), round(self.height - y1, 2), round(x1 - x0, 2), round(y1 - y0, 2)]
        return op

    def _hatch(self, gc) -> dict[str, Any]:
        """Hatching as Agg draws it: the pattern's lines in a tile one inch (``dpi`` pixels) square, repeated from
        the picture's top left corner, in the hatch colour and width (``pattern``: matplotlib's hatch string)."""
        size = int(self.dpi)
        path = gc.get_hatch_path()
        colour = _colour(gc.get_hatch_color())
        if path is None or colour is None:
            raise Unsupported("a hatch without lines")
        tile = Affine2D().scale(1, -1).translate(0, 1).scale(size)  # (Agg's hatch buffer, top row first)
        d = _path.convert_to_string(path, tile, None, False, None, PRECISION, _CODES, False).decode("ascii")
        return {"pattern": gc.get_hatch(), "size": size, "d": d, "stroke": colour,
                "lw": round(self.points_to_pixels(gc.get_hatch_linewidth()), 3)}

    def _d(self, path, transform, clip: bool, simplify: bool) -> str:
        box = (0.0, 0.0, self.width, self.height) if clip else None
        data = _path.convert_to_string(path, transform + self._flip, box, simplify, None, PRECISION, _CODES,
                                       False)
        return data.decode("ascii")

    def draw_path(self, gc, path, transform, rgbFace=None):
        op = self._style(gc, rgbFace)
        if op is None:
            return
        op["t"] = "path"
        open_line = rgbFace is None
        op["d"] = self._d(path, transform, clip=open_line, simplify=open_line and path.should_simplify)
        self.ops.append(op)

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        op = self._style(gc, rgbFace)
        if op is None or not len(path.vertices):
            return
        op["t"] = "markers"
        op["d"] = _path.convert_to_string(marker_path, marker_trans + Affine2D().scale(1, -1), None, False, None,
                                          PRECISION, _CODES, False).decode("ascii")
        points = [vertices[-2:] for vertices, code in path.iter_segments(trans, simplify=False)
                  if code != Path.CLOSEPOLY]
        if not points:
            return
        at = np.asarray(points, dtype=float)
        at[:, 1] = self.height - at[:, 1]
        keep = (at[:, 0] > -50) & (at[:, 0] < self.width + 50) & (at[:, 1] > -50) & (at[:, 1] < self.height + 50)
        op["at"] = np.round(at[keep], PRECISION).ravel().tolist()
        self.ops.append(op)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath == "TeX":
            raise Unsupported("TeX text")
        colour = _colour(gc.get_rgb(), gc.get_alpha() if gc.get_forced_alpha() else None)
        if colour is None or not s.strip():
            return
        op = self._style(gc, None) or {}  # only its clip: text is filled in its colour
        glyphs, rects, sx = self._layout(s, prop, ismath)
        text = {"t": "text", "x": round(x, PRECISION), "y": round(y, PRECISION), "fill": colour,  # (y from the top:
                # matplotlib's Text turns it round for a renderer whose y axis points down, as this one says)
                "scale": round(self.points_to_pixels(prop.get_size_in_points()) / self._text2path.FONT_SCALE, 6),
                "g": glyphs}
        if sx != 1:
            text["sx"] = sx
        if rects:
            text["rects"] = rects
        if angle:
            text["angle"] = round(angle, 3)
        if "clip" in op:
            text["clip"] = op["clip"]
        self.ops.append(text)

    def _layout(self, s, prop, ismath) -> tuple[list, list, float]:
        """A text's glyphs (id, x, y, scale, in the font's units at matplotlib's FONT_SCALE), rules (a fraction's
        bar) and horizontal spread, kept; the outline of a glyph met for the first time goes into
        :attr:`new_glyphs`.

        The spread: Agg draws text hinted, with advances rounded to whole pixels, so at small sizes it is wider than
        the outlines' own layout. The glyphs are spread to the width Agg measured (the layout is Agg's: a centred
        label stays centred), not resized."""
        key = (s, hash(prop), bool(ismath))
        kept = self._texts.get(key)
        if kept is not None:
            return kept
        t2p = self._text2path
        if ismath:
            info, new, rects = t2p.get_glyphs_mathtext(prop, s, glyph_map=self.glyph_map,
                                                      return_new_glyphs_only=True)
        else:
            info, new, rects = t2p.get_glyphs_with_font(t2p._get_font(prop), s, glyph_map=self.glyph_map,
                                                       return_new_glyphs_only=True)
        for name, (verts, codes) in new.items():
            self.glyph_map[name] = (verts, codes)
            self.new_glyphs[name] = _path.convert_to_string(
                Path(np.asarray(verts, dtype=float), codes), Affine2D().scale(1, -1), None, False, None, PRECISION,
                _CODES, False).decode("ascii")
        glyphs = [[name, round(float(gx), 3), round(float(gy), 3), round(float(size), 6)]
                  for name, gx, gy, size in info]
        outlines = [_path.convert_to_string(Path(np.asarray(v, dtype=float), c), Affine2D().scale(1, -1), None,
                                            False, None, PRECISION, _CODES, False).decode("ascii")
                    for v, c in rects]
        sx = 1
        if not ismath:
            wide = self.get_text_width_height_descent(s, prop, ismath)[0]
            own = t2p.get_text_width_height_descent(s, prop, ismath)[0] * self.dpi / 72
            if own > 0 and abs(wide / own - 1) > 1e-3:
                sx = round(wide / own, 5)
        self._texts[key] = (glyphs, outlines, sx)
        return glyphs, outlines, sx


def recorder_for(fig, recorder: Recorder | None = None) -> Recorder:
    """``recorder`` if it records for ``fig``'s Agg renderer as it is (resolution, size), else a new one that keeps
    its glyphs (the browser holds them, or will with the next frame)."""
    agg = fig.canvas.get_renderer()
    if recorder is None or recorder.agg is not agg or (recorder.width, recorder.height) != (agg.width, agg.height):
        fresh = Recorder(agg, agg.width, agg.height)
        if recorder is not None:
            fresh.glyph_map, fresh.new_glyphs = recorder.glyph_map, recorder.new_glyphs
        recorder = fresh
    return recorder


class Cancelled(Exception):
    """:func:`record` was told to stop (the student moved on while a setting was drawn ahead)."""


def record(fig, artists, recorder: Recorder | None = None, cancel=None) -> tuple[list[dict[str, Any]], Recorder]:
    """The drawing instructions of ``artists`` (in ``fig``, already laid out and drawn once by Agg at its current
    resolution) in drawing order, and the recorder. Pass the recorder of the previous call to keep its glyphs and
    text measures (the browser keeps the glyphs it was sent); a new one is made if it is missing or was made for
    another resolution or size. The outlines of glyphs met for the first time wait in the recorder until
    :meth:`Recorder.take_glyphs` hands them on with a frame. ``cancel()``, asked before each artist, stops the
    recording with :class:`Cancelled`."""
    recorder = recorder_for(fig, recorder)
    recorder.ops = []
    for artist in artists:
        if cancel is not None and cancel():
            raise Cancelled
        if artist.get_visible():
            artist.draw(recorder)
    ops, recorder.ops = recorder.ops, []
    return ops, recorder


# -- drawing the instructions in Python (the tests' check of what the browser draws) -----------------------------

_COMMANDS = {"M": (Path.MOVETO, 1), "L": (Path.LINETO, 1), "Q": (Path.CURVE3, 2), "C": (Path.CURVE4, 3),
             "Z": (Path.CLOSEPOLY, 1)}


def parse_path(d: str) -> Path:
    """SVG path data as written by :class:`Recorder` (absolute M, L, Q, C and Z only) back into a matplotlib path."""
    tokens = d.split()
    verts, codes = [], []
    i = 0
    last_move = (0.0, 0.0)
    while i < len(tokens):
        cmd = tokens[i]
        code, points = _COMMANDS[cmd]
        i += 1
        if cmd == "Z":
            verts.append(last_move)
            codes.append(code)
            continue
        for _ in range(points):
            xy = (float(tokens[i]), float(tokens[i + 1]))
            i += 2
            verts.append(xy)
            codes.append(code)
        if cmd == "M":
            last_move = verts[-1]
    if not verts:
        return Path(np.empty((0, 2)))
    return Path(np.asarray(verts, dtype=float), codes)


def _rgba(css: str) -> tuple[float, float, float, float]:
    if css.startswith("rgba("):
        r, g, b, a = (float(v) for v in css[5:-1].split(","))
        return r / 255, g / 255, b / 255, a
    from matplotlib.colors import to_rgba

    return to_rgba(css)


def rasterize(ops: list[dict], glyphs: dict[str, str], background) -> np.ndarray:
    """The picture the instructions draw over ``background`` (an RGBA array, the kept picture), drawn by Agg: what
    the browser's canvas shows, up to anti-aliasing. The tests compare it with matplotlib's own PNG of the setting,
    and with the browser's canvas."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.transforms import Bbox

    h, w = background.shape[:2]
    # Agg draws a hatch tile one inch square: draw at the resolution the hatches were recorded at (widths and
    # dashes, which the instructions give in pixels, are handed to Agg in points at that resolution)
    dpi = next((op["hatch"]["size"] for op in ops if "hatch" in op), 72)
    pt = 72 / dpi
    renderer = RendererAgg(w, h, dpi)
    np.asarray(renderer.buffer_rgba())[:] = background
    flip = Affine2D().scale(1, -1).translate(0, h)

    def gc_for(op):
        gc = renderer.new_gc()
        if "clip" in op:
            x, y, cw, ch = op["clip"]
            gc.set_clip_rectangle(Bbox.from_bounds(x, h - y - ch, cw, ch))
        if "stroke" in op:
            gc.set_foreground(_rgba(op["stroke"]), isRGBA=True)
            gc.set_linewidth(op["lw"] * pt)
            gc.set_capstyle({"square": "projecting"}.get(op.get("cap", "butt"), op.get("cap", "butt")))
            gc.set_joinstyle(op.get("join", "miter"))
            if op.get("dash"):
                gc.set_dashes(op.get("dash_offset", 0) * pt, [d * pt for d in op["dash"]])
        else:
            gc.set_linewidth(0)
        if "hatch" in op:
            gc.set_hatch(op["hatch"]["pattern"])
            gc.set_hatch_color(_rgba(op["hatch"]["stroke"]))
            gc.set_hatch_linewidth(op["hatch"]["lw"] * pt)
        return gc

    for op in ops:
        gc = gc_for(op)
        if op["t"] == "text":
            gc.set_snap(False)  # (Agg would snap a glyph's thin straight strokes to whole pixels, or lose them)
        fill = _rgba(op["fill"]) if "fill" in op else None
        if op["t"] == "path":
            renderer.draw_path(gc, parse_path(op["d"]), flip, fill)
        elif op["t"] == "markers":
            marker = parse_path(op["d"])
            at = op["at"]
            for x, y in zip(at[0::2], at[1::2]):
                renderer.draw_path(gc, marker, Affine2D().translate(x, y) + flip, fill)
        elif op["t"] == "text":
            gc.set_linewidth(0)
            place = Affine2D().scale(op["scale"]).rotate_deg(-op.get("angle", 0)).translate(op["x"], op["y"])
            colour = _rgba(op["fill"])
            sx = op.get("sx", 1)
            for name, gx, gy, size in op["g"]:
                if name in glyphs:
                    glyph = Affine2D().scale(size).translate(gx * sx, -gy)
                    renderer.draw_path(gc, parse_path(glyphs[name]), glyph + place + flip, colour)
            for d in op.get("rects", ()):
                renderer.draw_path(gc, parse_path(d), place + flip, colour)
        gc.restore()
    return np.asarray(renderer.buffer_rgba()).copy()
