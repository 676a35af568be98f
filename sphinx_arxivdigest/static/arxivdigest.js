/* sphinx-arxivdigest: progressive enhancements of the cards. Without JavaScript the page works:
   every card is visible, and the filter field and copy buttons stay hidden. */
(function () {
  "use strict";

  /* :filter-box: shows its field and hides the cards of the grid right after it that do not
     contain every typed word (in title, authors or abstract). */
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
    var items = Array.prototype.map.call(grid.querySelectorAll(".arxiv-paper"), function (card) {
      return { item: card.closest(".sd-col") || card, text: cardText(card) };
    });
    var template = count.getAttribute("data-template") || "{shown} of {total}";

    function update() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (entry) {
        var keep = words.every(function (word) { return entry.text.indexOf(word) !== -1; });
        entry.item.hidden = !keep;
        if (keep) { shown += 1; }
      });
      count.textContent = template.replace("{shown}", shown).replace("{total}", items.length);
    }

    input.addEventListener("input", update);
    box.hidden = false;
    update();
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

  function init() {
    document.querySelectorAll(".arxiv-filter").forEach(bindFilter);
    document.querySelectorAll(".arxiv-bibtex-copy").forEach(bindCopy);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
