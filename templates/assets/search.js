// Starts Pagefind's search on /search/ (only that page loads it), with the query the header's
// search box sent as ?q=. A result shows its title, the source's domain and the curator's
// insight (or Pagefind's excerpt with the matched words, when there is no insight).
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: root.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    // The domain goes beside the title and the insight in place of the excerpt; neither is
    // shown again as one of Pagefind's tags.
    processResult: function (result) {
      var meta = result.meta || {};
      if (meta.domain) meta.title = meta.title + " · " + meta.domain;
      if (meta.insight) result.excerpt = escape(meta.insight);
      delete meta.domain;
      delete meta.insight;
      return result;
    },
  });
  // Pagefind's box is labelled by the page's heading ("Search"), which screen readers announce.
  var input = root.querySelector("input");
  if (input) input.setAttribute("aria-labelledby", "search-heading");
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
