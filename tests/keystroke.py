"""One keystroke in the ``:filter-box:`` field, timed in the page: from the ``input`` event to the next
frame (a ``requestAnimationFrame``, then a task, so the frame's style, layout and paint are done).

Shared by ``tests/test_browser_weight.py`` and ``benchmarks/browser_weight.py`` so both measure
the same thing; plain data, no imports, so the benchmark can load it without pytest.
"""

from __future__ import annotations

__all__ = ["KEYSTROKE_JS", "SETTLED_JS"]

#: ``page.evaluate(KEYSTROKE_JS, value)``: sets the field to ``value`` and returns the milliseconds
#: from the input event to the next frame.
KEYSTROKE_JS = """async (value) => {
  const input = document.querySelector('.arxiv-filter-input');
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}"""

#: ``page.evaluate(SETTLED_JS, value)``: the same keystroke, timed until every card has changed (the
#: filter changes a bounded number of cards a frame and marks the grid ``aria-busy`` until done)
#: and the frame after that is drawn.
SETTLED_JS = """async (value) => {
  const input = document.querySelector('.arxiv-filter-input');
  const grid = document.querySelector('.arxiv-digest');
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  do {
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  } while (grid.hasAttribute('aria-busy'));
  return performance.now() - t0;
}"""
