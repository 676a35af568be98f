/* sphinx-arxivdigest: progressive enhancements of the cards. Without JavaScript the page works:
   every card is visible, links are links, and the filter field, BibTeX folds and copy buttons stay
   hidden. The script is deferred and does no per-card work at start-up: what a card needs is
   read from the card the first time it is needed. */
(function () {
  "use strict";

  document.documentElement.classList.add("arxiv-js");

  /* -- :filter-box: ------------------------------------------------------------------------------
     Shows its field and hides the cards of the grid right after it that do not contain every typed
     word (in title, authors or abstract). The count is announced at once (aria-live). The cards
     change in document order, at most SHOW_BATCH shown and HIDE_BATCH hidden a frame: the first
     ones in the keystroke itself (the top of the grid), the rest after each following frame, so a
     keystroke that shows or hides thousands of cards (clearing the field) still answers within a
     frame; meanwhile the grid is aria-busy. Each browser frame restyles and lays out what changed,
     so the batches bound a frame's work. Hiding a card costs less than showing one and makes the
     following frames cheaper (fewer cards to lay out), hence the larger batch. The lower-cased
     texts are read in idle time after the page has loaded (or on the first keystroke, whichever
     comes first), never during load. */
  var SHOW_BATCH = 150;
  var HIDE_BATCH = 500;
  var idle = window.requestIdleCallback || function (run) {
    var start = Date.now();
    return setTimeout(function () { run({ timeRemaining: function () { return 10 - (Date.now() - start); } }); }, 1);
  };

  function cardText(card) {
    var parts = [];
    card.querySelectorAll(".arxiv-paper-title, .arxiv-paper-authors, .arxiv-paper-abstract")
      .forEach(function (el) { parts.push(el.textContent); });
    return parts.join("\n").toLowerCase();
  }

  function bindFilter(box) {
    var grid = box.nextElementSibling;
    while (grid && !grid.classList.contains("arxiv-digest")) {
      grid = grid.nextElementSibling;
    }
    if (!grid) { return; }
    var input = box.querySelector(".arxiv-filter-input");
    var count = box.querySelector(".arxiv-filter-count");
    var template = count.getAttribute("data-template") || "{shown} of {total}";
    var items = null;
    var read = 0;      /* items[0..read) have their text */
    var cursor = 0;    /* items[0..cursor) show what the query wants */
    var scheduled = false;
    var last = "";

    function entries() {
      if (items === null) {
        items = Array.prototype.map.call(grid.querySelectorAll(".arxiv-paper"), function (card) {
          var item = card.closest(".sd-col") || card;
          return { card: card, item: item, text: "", shown: !item.hidden, want: !item.hidden };
        });
      }
      return items;
    }

    function readTexts(limit) {
      var list = entries();
      var end = Math.min(list.length, limit);
      for (; read < end; read++) { list[read].text = cardText(list[read].card); }
    }

    function readInIdleTime() {
      idle(function (deadline) {
        do { readTexts(read + 100); } while (read < items.length && deadline.timeRemaining() > 2);
        if (read < items.length) { readInIdleTime(); }
      });
    }

    function announce(shown, total) {
      var text = template.replace("{shown}", shown).replace("{total}", total);
      if (count.textContent !== text) { count.textContent = text; }
    }

    function applySome() {
      var list = entries();
      var shown = 0;
      var hid = 0;
      while (cursor < list.length && shown < SHOW_BATCH && hid < HIDE_BATCH) {
        var entry = list[cursor++];
        if (entry.want !== entry.shown) {
          entry.item.hidden = !entry.want;
          entry.shown = entry.want;
          if (entry.want) { shown += 1; } else { hid += 1; }
        }
      }
      if (cursor < list.length) {
        if (!scheduled) {
          scheduled = true;
          grid.setAttribute("aria-busy", "true");
          requestAnimationFrame(function () {
            setTimeout(function () { scheduled = false; applySome(); }, 0);
          });
        }
      } else if (!scheduled) {
        grid.removeAttribute("aria-busy");
      }
    }

    function update() {
      var query = input.value.toLowerCase();
      if (query === last && items !== null) { return; }
      last = query;
      var words = query.split(/\s+/).filter(Boolean);
      var list = entries();
      readTexts(list.length);
      var shown = 0;
      for (var i = 0; i < list.length; i++) {
        var entry = list[i];
        var keep = true;
        for (var w = 0; w < words.length; w++) {
          if (entry.text.indexOf(words[w]) === -1) { keep = false; break; }
        }
        entry.want = keep;
        if (keep) { shown += 1; }
      }
      announce(shown, list.length);
      cursor = 0;
      applySome();
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { readTexts(entries().length); });
    box.hidden = false;
    var total = count.getAttribute("data-total");
    if (total !== null && input.value === "") {
      announce(total, total);
    } else {
      update();
    }
    if (document.readyState === "complete") {
      readInIdleTime();
    } else {
      window.addEventListener("load", readInIdleTime);
    }
  }

  /* A row whose card has an opened abstract or BibTeX entry lets its cards keep their own heights
     (the stylesheet does it with :has() only without JavaScript: :has() on the grid makes every
     change of the filter dearer). */
  function onToggle(event) {
    var fold = event.target;
    var row = fold.closest && fold.closest(".arxiv-digest > .sd-row");
    if (row) { row.classList.toggle("arxiv-opened", !!row.querySelector(".arxiv-paper details[open]")); }
  }

  /* -- BibTeX ------------------------------------------------------------------------------------
     Written when its fold is first opened, from what the card shows: title, authors, the id and
     date badges and the title's link (plus data-l, the button's labels when translated; data-c,
     the primary category; data-etal, truncated authors; data-a, the authors one a line when the
     visible line cannot be split on commas), as papers.bib writes it. */
  var SPECIALS = {
    "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}", "&": "\\&", "%": "\\%",
    "$": "\\$", "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}"
  };
  var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  function latex(text) {
    return text.replace(/[\\{}&%$#_~^]/g, function (c) { return SPECIALS[c]; });
  }

  function balanced(text) {
    var depth = 0;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "{") { depth += 1; } else if (text[i] === "}") { depth -= 1; if (depth < 0) { return false; } }
    }
    return depth === 0;
  }

  function mathText(content) {
    if (!content.trim() || !balanced(content) || content.indexOf("\n") !== -1) { return latex("$" + content + "$"); }
    return "$" + content.replace(/(^|[^\\])([%#&])/g, "$1\\$2") + "$";
  }

  /* The title as LaTeX: math (MathJax's \( \) source, or its rendered element's source) kept as math. */
  function titleLatex(el) {
    var out = "";
    el.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        out += node.nodeValue.replace(/\\\((.*?)\\\)/g, "\u0000$1\u0001");
      } else if (node.classList && node.classList.contains("math")) {
        var source = node.getAttribute("data-latex") || node.textContent;
        out += "\u0000" + source.replace(/^\\\(|\\\)$/g, "") + "\u0001";
      } else {
        out += titleLatex(node);
      }
    });
    return out;
  }

  function escapeTitle(raw) {
    return raw.split(/(\u0000[^\u0001]*\u0001)/).map(function (part) {
      return part.charAt(0) === "\u0000" ? mathText(part.slice(1, -1)) : latex(part);
    }).join("");
  }

  function field(text) { return text.replace(/\s+/g, " ").trim(); }

  function bibName(name) {
    name = latex(field(name));
    var cjkSpaced = name.indexOf(" ") !== -1 && /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(name);
    if (name.indexOf(",") !== -1 || /\sand\s/i.test(name) || name.toLowerCase() === "others" || cjkSpaced) {
      return "{" + name + "}";
    }
    return name;
  }

  function bibtexOf(fold) {
    var card = fold.closest(".arxiv-paper");
    var text = function (selector) { var el = card.querySelector(selector); return el ? el.textContent : ""; };
    var id = text(".arxiv-paper-id").replace(/^arXiv:/, "").replace(/v\d+$/, "");
    var lines = ["@misc{arxiv:" + id.replace(/[^A-Za-z0-9.\-]/g, "-") + ","];
    var title = card.querySelector(".arxiv-paper-title");
    lines.push("  title = {" + field(escapeTitle(title ? titleLatex(title) : id)) + "},");
    var names = fold.hasAttribute("data-a") ? fold.getAttribute("data-a").split("\n")
      : (text(".arxiv-paper-authors") ? text(".arxiv-paper-authors").split(", ") : []);
    names = names.filter(function (n) { return n.trim(); }).map(bibName);
    if (fold.hasAttribute("data-etal")) { names.push("others"); }
    if (names.length) { lines.push("  author = {" + names.join(" and ") + "},"); }
    var date = /^(\d{4})-(\d{2})/.exec(text(".arxiv-paper-date"));
    if (date) {
      lines.push("  year = {" + date[1] + "},", "  month = " + MONTHS[Number(date[2]) - 1] + ",");
    }
    lines.push("  eprint = {" + latex(id) + "},", "  archivePrefix = {arXiv},");
    if (fold.getAttribute("data-c")) { lines.push("  primaryClass = {" + latex(fold.getAttribute("data-c")) + "},"); }
    var link = card.querySelector(".arxiv-paper-title > a");
    if (link) { lines.push("  url = {" + link.getAttribute("href").replace(/\{/g, "%7B").replace(/\}/g, "%7D") + "},"); }
    lines.push("}");
    return lines.join("\n") + "\n";
  }

  function fillBibtex(fold) {
    if (fold.querySelector(".arxiv-bibtex-entry")) { return; }
    var labels = (fold.getAttribute("data-l") || "Copy|Copied").split("|");
    var entry = document.createElement("pre");
    entry.className = "arxiv-bibtex-entry";
    entry.textContent = bibtexOf(fold);
    fold.appendChild(entry);
    var button = document.createElement("button");
    button.className = "arxiv-bibtex-copy";
    button.type = "button";
    button.textContent = labels[0];
    button.setAttribute("data-copied", labels[1] || labels[0]);
    button.hidden = true;
    fold.appendChild(button);
    bindCopy(button);
  }

  /* Copy buttons of the cards' BibTeX entries (shown only where a clipboard is available). */
  function bindCopy(button) {
    var entry = button.parentElement.querySelector(".arxiv-bibtex-entry");
    if (!entry || !navigator.clipboard) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(entry.textContent).then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  }

  function onClick(event) {
    var summary = event.target.closest && event.target.closest("details.arxiv-bibtex > summary");
    if (summary) { fillBibtex(summary.parentElement); }
  }

  function init() {
    document.querySelectorAll(".arxiv-filter").forEach(bindFilter);
    /* Entries written into the page (a notebook's cards, older builds) keep their buttons. */
    document.querySelectorAll("details.arxiv-bibtex > button").forEach(bindCopy);
    document.addEventListener("click", onClick, true);
    document.addEventListener("toggle", function (event) {
      onToggle(event);
      var fold = event.target;
      if (fold.matches && fold.matches("details.arxiv-bibtex") && fold.open) { fillBibtex(fold); }
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
