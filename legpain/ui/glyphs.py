"""Text drawn faster in a live demo's figure, pixel for pixel as matplotlib draws it.

matplotlib's Agg renderer lays out and rasterizes every glyph of every text each time a figure is drawn, in a Python
loop (about 50 µs a glyph): in a demo's in-place update, drawing its few changing texts (a legend, a title, value
labels) takes half the time of the whole picture. Yet the same glyphs come back at the same sizes again and again.

:func:`speed_up` gives a renderer two caches (shared by every renderer given them: the canvases of the pictures a
live demo sends, and of its static gallery, both drawn by :func:`legpain.ui.demos.figure_png` or blitting):

* **glyph pictures**: FreeType renders a glyph for its size, resolution, transform and the position of its origin
  *within a pixel* (in 1/64 px); moved by whole pixels, the picture is the same, only placed elsewhere. So a picture
  is kept by (font, size, dpi, glyph, flags, transform, origin mod 1 px) and placed by the whole-pixel part;
* **text layouts**: the glyphs and advances of a string in a font at a size (what ``FT2Font._layout`` returns).

Both are exact (the tests compare whole figures, pixel for pixel, with matplotlib's own drawing). They are bounded
(a few thousand entries) and step aside for what they do not cover (mathtext with rules, TeX), or if matplotlib's
private interface is not the one they were written for: then the renderer draws as before.
"""

from __future__ import annotations

import math
import types

import numpy as np

__all__ = ["speed_up", "MAX_GLYPHS", "MAX_LAYOUTS"]

MAX_GLYPHS = 4000   # glyph pictures kept (a few KB each)
MAX_LAYOUTS = 1000  # text layouts kept
_GLYPHS: dict = {}
_LAYOUTS: dict = {}


def _supported() -> bool:
    try:
        from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag  # noqa: F401
        from matplotlib.ft2font import FT2Font, RenderMode  # noqa: F401
    except ImportError:  # pragma: no cover - another matplotlib
        return False
    return all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform")) and \
        hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")


def speed_up(renderer) -> bool:
    """Give this Agg renderer the glyph and layout caches (once). False where they cannot apply (then it draws as
    matplotlib does)."""
    if getattr(renderer, "_legpain_glyphs", None) is not None:
        return True
    if not _supported():
        return False
    renderer._legpain_glyphs = _GLYPHS  # shared by every renderer: a glyph's picture does not depend on the canvas
    renderer._legpain_layouts = _LAYOUTS
    renderer.draw_text = types.MethodType(_draw_text, renderer)
    renderer._draw_text_glyphs_and_boxes = types.MethodType(_draw_text_glyphs_and_boxes, renderer)
    return True


def _draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    """``RendererAgg.draw_text`` with the layout of a string kept."""
    from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag

    if ismath:
        return RendererAgg.draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)
    font = self._prepare_font(prop)
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    size = prop.get_size_in_points()
    flags = get_hinting_flag()
    key = (font, s, size, self.dpi, flags,
           tuple(features) if isinstance(features, (list, tuple)) else features,
           language if isinstance(language, (str, type(None))) else repr(language))
    items = self._legpain_layouts.get(key)
    if items is None:
        items = [(item.ft_object, item.glyph_index, item.x, item.y)
                 for item in font._layout(s, flags=flags, features=features, language=language)]
        if len(self._legpain_layouts) >= MAX_LAYOUTS:
            self._legpain_layouts.clear()
        self._legpain_layouts[key] = items
    self._draw_text_glyphs_and_boxes(
        gc, x, y, angle, ((ft, size, glyph, 0, 1, gx, gy) for ft, glyph, gx, gy in items), [])


def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
    """``RendererAgg._draw_text_glyphs_and_boxes`` with each glyph's picture kept (see the module docstring)."""
    from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
    from matplotlib.ft2font import RenderMode

    if boxes:  # mathtext's rules: matplotlib's own drawing
        return RendererAgg._draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes)
    cos = math.cos(math.radians(angle))
    sin = math.sin(math.radians(angle))
    load_flags = get_hinting_flag()
    antialiased = gc.get_antialiased()
    mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
    cache = self._legpain_glyphs
    height = self.height
    rotation = np.array([[cos, -sin], [sin, cos]])
    matrices = {}
    for font, size, glyph_index, slant, extend, dx, dy in glyphs:
        m = matrices.get((slant, extend))
        if m is None:
            m = (0x10000 * rotation @ [[extend, extend * slant], [0, 1]]).round().astype(int)
            matrices[(slant, extend)] = m
        px = round(0x40 * (x + dx * cos - dy * sin))
        py = round(0x40 * (height - y + dx * sin + dy * cos))
        key = (font, size, self.dpi, glyph_index, load_flags, mode, m.tobytes(), px & 63, py & 63)
        hit = cache.get(key)
        if hit is None:
            font.set_size(size, self.dpi)
            font._set_transform(m, [px, py])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = np.array(bitmap.buffer, copy=True)
            if not antialiased:
                buffer *= 0xff
            hit = (buffer, bitmap.left - (px >> 6), bitmap.top - (py >> 6))
            if len(cache) >= MAX_GLYPHS:
                cache.clear()
            cache[key] = hit
        buffer, left, top = hit
        self._renderer.draw_text_image(buffer, left + (px >> 6), int(height) - (top + (py >> 6)) + buffer.shape[0],
                                       0, gc)
