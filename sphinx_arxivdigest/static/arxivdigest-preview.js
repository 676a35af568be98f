/* sphinx-arxivdigest: a preview of a referenced paper (title, authors, date, start of the abstract)
   when a link marked data-arxiv-id is hovered, focused or tapped.

   A file of its own, added by the build only to pages that reference papers (with their data in a
   <script type="application/json" class="arxiv-preview-data">): pages without references load
   nothing more. Nothing is done per link at start-up: listeners on the document, one popup element
   made on first use, the data parsed on first use. Without JavaScript the links are plain links
   and no popup markup exists. Digest text is hostile input: it is only ever set with textContent.

   Mouse: shown after a short pause over a link (so that moving across an index table does not
   flash a popup per row), kept while the pointer is over the link or the popup, hidden shortly
   after it leaves. Keyboard: shown on focus, hidden on blur and by Escape; the link is described
   by the popup (aria-describedby) while it is shown. Touch: the first tap on a link shows its
   preview instead of following it; a second tap on the same link, or a tap on the title in the
   preview, follows it; a tap elsewhere hides it. */
(function () {
  "use strict";

  var SHOW_DELAY = 120;  /* ms of hover before the popup shows (well under 300 ms) */
  var HIDE_DELAY = 200;  /* ms to move the pointer from the link into the popup */
  var GAP = 6;           /* px between the link and the popup */
  var MARGIN = 8;        /* px kept free at the viewport's edges */

  var data = null;
  var popup = null;
  var parts = null;
  var current = null;    /* the link whose preview is shown */
  var shownBy = "";      /* "hover", "focus" or "tap" */
  var tapped = null;     /* the link previewed by a tap: a second tap follows it */
  var pointer = "";      /* the type of the last pointer pressed ("touch", "mouse", "pen") */
  var showTimer = 0;
  var hideTimer = 0;
  var frame = 0;

  function papers() {
    if (data === null) {
      data = Object.create(null);
      document.querySelectorAll("script.arxiv-preview-data").forEach(function (element) {
        try {
          var parsed = JSON.parse(element.textContent);
          Object.keys(parsed).forEach(function (id) { data[id] = parsed[id]; });
        } catch (error) { /* a damaged page: its links stay plain links */ }
      });
    }
    return data;
  }

  function linkOf(target) {
    return target && target.closest ? target.closest("a[data-arxiv-id]") : null;
  }

  function inPopup(target) {
    return !!(popup && target && target.nodeType === 1 && popup.contains(target));
  }

  function build() {
    popup = document.createElement("div");
    popup.className = "arxiv-preview";
    popup.id = "arxivdigest-preview-popup";  /* not a name a section title would give */
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    parts = {};
    var heading = document.createElement("p");
    heading.className = "arxiv-preview-title";
    parts.title = document.createElement("a");
    parts.title.tabIndex = -1;  /* reached by pointer or tap; keyboard users have the link itself */
    heading.appendChild(parts.title);
    popup.appendChild(heading);
    ["authors", "meta", "abstract"].forEach(function (name) {
      parts[name] = document.createElement("p");
      parts[name].className = "arxiv-preview-" + name;
      popup.appendChild(parts[name]);
    });
    document.body.appendChild(popup);
  }

  function setText(element, text) {
    element.textContent = text || "";
    element.hidden = !text;
  }

  function fill(link, id, paper) {
    parts.title.textContent = paper.t || id;
    parts.title.setAttribute("href", link.getAttribute("href") || "#");
    setText(parts.authors, paper.a);
    setText(parts.meta, "arXiv:" + id + (paper.d ? " \u00b7 " + paper.d : ""));
    setText(parts.abstract, paper.x);
  }

  /* Below the link when it fits, else above it (the side with more room when neither does);
     horizontally clamped into the viewport. A link broken over two lines is measured by the
     line box nearest the pointer (its first line for focus). */
  function place(link, x, y) {
    var boxes = link.getClientRects();
    var box = boxes.length ? boxes[0] : link.getBoundingClientRect();
    if (typeof y === "number") {
      for (var i = 0; i < boxes.length; i++) {
        if (y >= boxes[i].top && y <= boxes[i].bottom) { box = boxes[i]; break; }
      }
    }
    var width = document.documentElement.clientWidth;
    var height = document.documentElement.clientHeight;
    popup.style.left = "0px";
    popup.style.top = "0px";
    var w = popup.offsetWidth;
    var h = popup.offsetHeight;
    var below = height - box.bottom - GAP - MARGIN;
    var above = box.top - GAP - MARGIN;
    var under = h <= below || (h > above && below >= above);
    var top = under ? box.bottom + GAP : box.top - GAP - h;
    top = Math.max(MARGIN, Math.min(top, height - MARGIN - h));
    var left = typeof x === "number" && boxes.length > 1 ? x - w / 2 : box.left;
    left = Math.max(MARGIN, Math.min(left, width - MARGIN - w));
    popup.style.left = Math.round(left) + "px";
    popup.style.top = Math.round(top) + "px";
    popup.setAttribute("data-side", under ? "below" : "above");
  }

  function show(link, how, x, y) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    var id = link.getAttribute("data-arxiv-id");
    var paper = papers()[id];
    if (!paper) { return false; }
    if (!popup) { build(); }
    if (current !== link) {
      if (current) { current.removeAttribute("aria-describedby"); }
      fill(link, id, paper);
      tapped = null;
    }
    current = link;
    shownBy = how;
    /* The browser's own tooltip (the link's title) would cover the preview. */
    if (link.hasAttribute("title")) { link.removeAttribute("title"); }
    link.setAttribute("aria-describedby", popup.id);
    popup.hidden = false;
    place(link, x, y);
    return true;
  }

  function focusVisible(element) {
    try { return element.matches(":focus-visible"); } catch (error) { return true; }
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!current) { return; }
    popup.hidden = true;
    current.removeAttribute("aria-describedby");
    current = null;
    tapped = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      /* A preview the keyboard asked for stays while its link has the focus. */
      if (current && !(shownBy === "focus" && document.activeElement === current)) { hide(); }
    }, HIDE_DELAY);
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") { return; }
    if (inPopup(event.target)) { clearTimeout(hideTimer); return; }
    var link = linkOf(event.target);
    if (!link) { return; }
    clearTimeout(hideTimer);
    if (link === current) { return; }
    clearTimeout(showTimer);
    var x = event.clientX, y = event.clientY;
    showTimer = setTimeout(function () { show(link, "hover", x, y); }, SHOW_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch") { return; }
    var to = event.relatedTarget;
    var from = linkOf(event.target) || (inPopup(event.target) ? popup : null);
    if (!from || (to && (from.contains(to) || inPopup(to) || (current && current.contains(to))))) { return; }
    clearTimeout(showTimer);
    if (current) { hideSoon(); }
  });

  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (link) {
      /* Keyboard focus only: a link focused by a click or a tap is handled as hovered or tapped
         (a clicked link would otherwise keep its preview over the rows below it). */
      if (focusVisible(link)) { show(link, "focus"); }
    } else if (!inPopup(event.target)) {
      hide();
    }
  });

  document.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (current && linkOf(event.target) === current && !inPopup(to) && to !== current) { hide(); }
  });

  document.addEventListener("keydown", function (event) {
    pointer = "";
    if ((event.key === "Escape" || event.key === "Esc") && current) {
      hide();
    }
  });

  document.addEventListener("pointerdown", function (event) {
    pointer = event.pointerType || "";
    if (current && !inPopup(event.target) && linkOf(event.target) !== current) { hide(); }
  }, true);

  /* Touch: the first tap previews, the second follows. */
  document.addEventListener("click", function (event) {
    var link = linkOf(event.target);
    if (!link || pointer !== "touch" || inPopup(event.target)) { return; }
    if (tapped === link && current === link) { return; }  /* the second tap: follow the link */
    if (show(link, "tap")) {
      event.preventDefault();
      tapped = link;
    }
  });

  /* A shown preview follows its link when the page scrolls, and goes when the window is resized. */
  function follow() {
    frame = 0;
    if (!current) { return; }
    var box = current.getBoundingClientRect();
    if (box.bottom < 0 || box.top > document.documentElement.clientHeight) { hide(); } else { place(current); }
  }

  window.addEventListener("scroll", function () {
    if (current && !frame) { frame = requestAnimationFrame(follow); }
  }, { passive: true, capture: true });

  window.addEventListener("resize", hide, { passive: true });
})();
