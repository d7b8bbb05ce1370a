/* The catalog page: filter by facets (AND across facets, OR within one) and search as one types;
 * search-core.js (loaded first) matches and ranks, as it does for the header search.
 *
 * Reads the facet index (plugins/facets.py describes its JSON) from the URL in #cc-catalog's
 * data-index. The view lives in the URL query, ?level=ID&discipline=ID&kind=ID&region=ID&free=now&q=TEXT
 * (a facet repeated for OR), read on load and kept up to date with history.replaceState.
 * Entry text is only ever put in the page as text nodes (textContent), never as HTML.
 */
(function () {
  "use strict";

  var FACET_KEYS = ["level", "discipline", "kind", "region", "free"];
  var PAGE_SIZE = 50;
  var URL_DELAY_MS = 250;

  var root = document.getElementById("cc-catalog");
  if (!root) return;
  var form = document.getElementById("cc-form");
  var input = document.getElementById("cc-q");
  var status = document.getElementById("cc-status");
  var list = document.getElementById("cc-results");
  var more = document.getElementById("cc-more");
  var wayOut = document.getElementById("cc-way-out");
  var text = root.dataset;
  var typeNames = (text.textTypes || "").split("|");

  // Material's own search opens itself for a `?q=` in the address; here `q` is the catalog's search.
  // Keep the view from the address, and hide `q` from Material until this script writes it back.
  var initialQuery = window.location.search;
  hideQueryFromThemeSearch();
  // Say that the catalog is loading (the facet lists were folded on phones by the page's inline script).
  status.textContent = text.textLoading;

  var index, entries, total;
  var facets = [];          // {key, spec, column, selected: Uint8Array, counts: Int32Array, boxes: [], items: []}
  var facetByKey = {};
  var searchHits = null;    // Uint8Array of entries matching the current query, or null for no query
  var searchMatches = 0;    // how many entries the query matches, before the facets
  var queryMarks = [];      // the query's words as the search read them: marked in the cards
  var results = new Int32Array(0), resultCount = 0;  // the matching entries, in index order
  var hitBuffer = null;     // reused between keystrokes: no garbage to collect while typing
  var shown = 0;

  /* --- search (search-core.js: the same ranking as the header search) ---------------------- */

  var Search = window.CatalogSearch;
  var searchIndex, tiers, orderScratch;

  function setUpSearch() {
    searchIndex = new Search.SearchIndex(index);
    tiers = new Uint8Array(total);
    orderScratch = new Int32Array(total);
  }

  function setUpFacets() {
    index.facets.forEach(function (spec) {
      if (FACET_KEYS.indexOf(spec.key) < 0) return;
      var byId = {};
      spec.values.forEach(function (value, i) { byId[value[0]] = i; });
      var facet = {
        key: spec.key, spec: spec, column: entries[spec.key], byId: byId,
        selected: new Uint8Array(spec.values.length), counts: new Int32Array(spec.values.length),
        boxes: new Array(spec.values.length), items: new Array(spec.values.length), active: false
      };
      var boxes = form.querySelectorAll('input[type="checkbox"][name="' + spec.key + '"]');
      for (var b = 0; b < boxes.length; b++) {
        var position = byId[boxes[b].value];
        if (position === undefined) continue;
        facet.boxes[position] = boxes[b];
        facet.items[position] = { li: boxes[b].closest("li"), count: boxes[b].parentNode.querySelector(".cc-count") };
      }
      flatten(facet);
      facetByKey[spec.key] = facet;
    });
    // The order of the URL's keys: level, discipline, kind, region, free.
    facets = FACET_KEYS.filter(function (key) { return facetByKey[key]; })
      .map(function (key) { return facetByKey[key]; });
  }

  // The facet's values per entry as one typed array (entry i: flat[start[i]] .. flat[start[i + 1] - 1]):
  // the filter loop reads them 25,000 times per keystroke.
  function flatten(facet) {
    var column = facet.column, start = new Int32Array(total + 1), size = 0;
    for (var i = 0; i < total; i++) { start[i] = size; size += column[i].length; }
    start[total] = size;
    var flat = new Int32Array(size);
    for (var j = 0, k = 0; j < total; j++) {
      for (var v = 0; v < column[j].length; v++) flat[k++] = column[j][v];
    }
    facet.start = start;
    facet.flat = flat;
  }

  /* --- "stated only": values a rule inferred leave the filters -------------------------- */

  var statedBox = document.getElementById("cc-stated");
  var statedOnly = false;

  // Swap each facet's column for one without the values `index.inferred` lists for it (and back),
  // so matching, counts and the cards' tags all see the same values.
  function useStatedOnly(on) {
    if (on === statedOnly) return;
    statedOnly = on;
    var inferred = index.inferred || {};
    facets.forEach(function (facet) {
      var drop = inferred[facet.key];
      if (!drop) return;
      facet.column = !on ? entries[facet.key] : entries[facet.key].map(function (values, i) {
        return drop[i].length ? values.filter(function (v) { return drop[i].indexOf(v) < 0; }) : values;
      });
      flatten(facet);
    });
  }

  /* --- the URL ---------------------------------------------------------------------------- */

  function hideQueryFromThemeSearch() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("q")) return;
    params.delete("q");
    var rest = params.toString();
    window.history.replaceState(window.history.state, "",
      window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
  }

  function readUrl(search) {
    var params = new URLSearchParams(search);
    if (statedBox) statedBox.checked = params.get("stated") === "1";
    facets.forEach(function (facet) {
      var wanted = params.getAll(facet.key);
      facet.boxes.forEach(function (box) {
        if (!box) return;
        box.checked = wanted.indexOf(box.value) >= 0;
        var details = box.closest("details");
        if (box.checked && details) details.open = true;
      });
    });
    input.value = params.get("q") || "";
  }

  // The address follows the view a moment later: history.replaceState costs milliseconds, too many
  // for every keystroke on a slow phone, and a link is shared after typing, not during it.
  var urlTimer = 0;
  function writeUrlSoon() {
    window.clearTimeout(urlTimer);
    urlTimer = window.setTimeout(writeUrl, URL_DELAY_MS);
  }

  // Before leaving for a result: the address must hold the view now, or Back returns to an older one.
  function writeUrlNow() {
    window.clearTimeout(urlTimer);
    writeUrl();
  }

  function writeUrl() {
    var parts = [];
    facets.forEach(function (facet) {
      facet.spec.values.forEach(function (value, i) {
        if (facet.selected[i]) parts.push(encodeURIComponent(facet.key) + "=" + encodeURIComponent(value[0]));
      });
    });
    if (statedOnly) parts.push("stated=1");
    var q = input.value.trim();
    if (q) parts.push("q=" + encodeURIComponent(q));
    var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  /* --- filtering -------------------------------------------------------------------------- */

  function readSelection() {
    useStatedOnly(Boolean(statedBox && statedBox.checked));
    facets.forEach(function (facet) {
      facet.active = false;
      for (var i = 0; i < facet.boxes.length; i++) {
        var on = facet.boxes[i] ? facet.boxes[i].checked : false;
        facet.selected[i] = on ? 1 : 0;
        if (on) facet.active = true;
      }
    });
  }

  // searchHits[i] is 1 for the entries the query matches; tiers[i] says how well (search-core.js).
  function updateSearch() {
    var query = searchIndex.query(input.value);
    queryMarks = query.marks;
    if (query.isEmpty()) { searchHits = null; return; }
    searchMatches = searchIndex.rankAll(query, tiers);
    for (var i = 0; i < total; i++) hitBuffer[i] = tiers[i] !== Search.NONE ? 1 : 0;
    searchHits = hitBuffer;
  }

  // With a query, the best matches first: exact names and aliases, then pinyin, prefixes, mentions.
  function orderResults() {
    if (searchHits) Search.orderByTier(results, resultCount, tiers, orderScratch);
  }

  function matchesFacet(facet, i) {
    var flat = facet.flat, selected = facet.selected;
    for (var k = facet.start[i], end = facet.start[i + 1]; k < end; k++) if (selected[flat[k]]) return true;
    return false;
  }

  function countValues(facet, i) {
    var flat = facet.flat, counts = facet.counts;
    for (var k = facet.start[i], end = facet.start[i + 1]; k < end; k++) counts[flat[k]]++;
  }

  // One pass: the results, and for each facet value how many entries the other facets (and the
  // search) leave that have it -- the number a teacher gets by ticking it.
  function filter() {
    var active = facets.filter(function (f) { return f.active; });
    facets.forEach(function (f) { f.counts.fill(0); });
    resultCount = 0;
    for (var i = 0; i < total; i++) {
      if (searchHits && !searchHits[i]) continue;
      var failed = null, failures = 0;
      for (var a = 0; a < active.length && failures < 2; a++) {
        if (!matchesFacet(active[a], i)) { failed = active[a]; failures++; }
      }
      if (failures === 0) {
        results[resultCount++] = i;
        for (var f = 0; f < facets.length; f++) countValues(facets[f], i);
      } else if (failures === 1) {
        countValues(failed, i);
      }
    }
  }

  function showCounts() {
    facets.forEach(function (facet) {
      for (var i = 0; i < facet.items.length; i++) {
        var item = facet.items[i];
        if (!item) continue;
        var count = String(facet.counts[i]);
        if (item.count.textContent !== count) item.count.textContent = count;
        var zero = facet.counts[i] === 0 && !facet.selected[i];
        if (item.li.classList.contains("cc-zero") !== zero) item.li.classList.toggle("cc-zero", zero);
      }
    });
  }

  /* --- rendering (text nodes only) -------------------------------------------------------- */

  function valueNames(key, i) {
    var facet = facetByKey[key];
    if (!facet) return [];
    return facet.column[i].map(function (v) { return facet.spec.values[v][1]; });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  // The text with the query's words in <mark> elements, as text nodes (compared in NFKC lower case;
  // where that changes the length, nothing is marked rather than the wrong characters).
  function withMarks(node, content) {
    var lower = Search.normalize(content);
    var on = new Uint8Array(content.length);
    if (lower.length === content.length) {
      queryMarks.forEach(function (word) {
        for (var at = lower.indexOf(word); word && at >= 0; at = lower.indexOf(word, at + word.length)) {
          on.fill(1, at, at + word.length);
        }
      });
    }
    for (var start = 0; start < content.length;) {
      var end = start;
      while (end < content.length && on[end] === on[start]) end++;
      var piece = content.slice(start, end);
      node.appendChild(on[start] ? element("mark", null, piece) : document.createTextNode(piece));
      start = end;
    }
    return node;
  }

  // The card's status marks ([code, text]; plugins/status.py), when the index carries them.
  function hasMarks() { return Boolean(entries.mark && index.marks); }

  function marks(i) {
    return hasMarks() ? entries.mark[i].map(function (m) { return index.marks[m]; }) : [];
  }

  function card(i) {
    var e = entries;
    var li = element("li", "cc-card");
    var heading = element("h3", "cc-name");
    var link = withMarks(element("a"), e.name[i]);
    link.setAttribute("href", text.root + index.types[e.type[i]][1] + e.id[i] + "/");
    heading.appendChild(link);
    li.appendChild(heading);
    var tags = element("p", "cc-tags");
    [typeNames[e.type[i]] || index.types[e.type[i]][0]].concat(valueNames("kind", i), valueNames("level", i))
      .forEach(function (name) { tags.appendChild(withMarks(element("span", "cc-tag"), name)); });
    var shownMarks = marks(i);
    if (!hasMarks() && e.free[i].length) tags.appendChild(element("span", "cc-tag cc-free", text.textFree));
    li.appendChild(tags);
    if (shownMarks.length) {
      var line = element("p", "cc-marks");
      shownMarks.forEach(function (mark) {
        var free = mark[0] === "active" || mark[0] === "ending-soon";
        line.appendChild(element("span", "cc-mark cc-mark-" + mark[0] + (free ? " cc-free" : ""), mark[1]));
      });
      li.appendChild(line);
    }
    if (e.aliases[i].length) li.appendChild(withMarks(element("p", "cc-aliases"), e.aliases[i].join("、")));
    if (e.desc[i]) li.appendChild(withMarks(element("p", "cc-desc"), e.desc[i]));
    var places = valueNames("discipline", i).concat(valueNames("region", i));
    if (places.length) li.appendChild(withMarks(element("p", "cc-meta"), places.join(" · ")));
    return li;
  }

  function renderMore(limit) {
    var fragment = document.createDocumentFragment();
    var end = Math.min(resultCount, limit);
    for (var r = shown; r < end; r++) fragment.appendChild(card(results[r]));
    list.appendChild(fragment);
    shown = end;
    more.hidden = shown >= resultCount;
  }

  /* --- a way out of an empty result ------------------------------------------------------ */

  // The conditions now in force: each ticked facet (its values ORed) and the search words.
  function conditions() {
    var found = facets.filter(function (f) { return f.active; }).map(function (f) { return { facet: f }; });
    if (searchHits) found.push({ search: true });
    return found;
  }

  function passes(condition, i) {
    return condition.search ? searchHits[i] === 1 : matchesFacet(condition.facet, i);
  }

  // For each condition, how many entries every other condition lets through: what dropping it gives.
  function dropCounts(found) {
    var counts = new Int32Array(found.length);
    for (var i = 0; i < total; i++) {
      var failed = -1, failures = 0;
      for (var c = 0; c < found.length && failures < 2; c++) {
        if (!passes(found[c], i)) { failed = c; failures++; }
      }
      if (failures === 1) counts[failed]++;
    }
    return counts;
  }

  function conditionName(condition) {
    if (condition.search) return text.textDropSearch.replace("{q}", input.value.trim());
    var facet = condition.facet, names = [];
    facet.spec.values.forEach(function (value, v) { if (facet.selected[v]) names.push(value[1]); });
    return facet.spec.name + text.textColon + names.join(text.textOr);
  }

  function searchWithout(condition) {
    var parts = [];
    facets.forEach(function (facet) {
      if (facet === condition.facet) return;
      facet.spec.values.forEach(function (value, v) {
        if (facet.selected[v]) parts.push(encodeURIComponent(facet.key) + "=" + encodeURIComponent(value[0]));
      });
    });
    if (statedOnly) parts.push("stated=1");  // an option, not a condition: dropping one keeps it
    var q = input.value.trim();
    if (q && !condition.search) parts.push("q=" + encodeURIComponent(q));
    return parts.length ? "?" + parts.join("&") : "";
  }

  // When no entry holds the words at all: other ways to say them, and the rest of the site (contacts,
  // sources and help pages are not entries; the header search, opened by `?q=`, finds them).
  function showElsewhere() {
    var q = input.value.trim();
    wayOut.appendChild(element("p", null, text.textElsewhere));
    var ul = element("ul", "cc-way-out-list");
    var site = element("a", "cc-search-site", text.textSearchSite.replace("{q}", q));
    site.setAttribute("href", text.root + "?q=" + encodeURIComponent(q));
    var item = element("li");
    item.appendChild(site);
    ul.appendChild(item);
    ul.appendChild(element("li", null, text.textTryWords));
    wayOut.appendChild(ul);
  }

  var wayOutFor = null;  // the view the suggestions were made for: rebuilt only when it changes, so
                        // that a link being clicked is never replaced under the pointer
  function showWayOut() {
    var found = resultCount === 0 ? conditions() : [];
    var view = found.length ? searchWithout({}) : "";
    if (view === wayOutFor) return;
    wayOutFor = view;
    wayOut.textContent = "";
    wayOut.hidden = found.length === 0;
    if (!found.length) return;
    var counts = dropCounts(found);
    var order = found.map(function (_, c) { return c; }).filter(function (c) {
      return counts[c] > 0 && !(found[c].search && found.length === 1);  // "drop the search" alone is no help
    });
    order.sort(function (a, b) { return counts[b] - counts[a]; });
    if (searchHits && !searchMatches) showElsewhere();
    if (!order.length) {
      if (!(searchHits && !searchMatches)) wayOut.appendChild(element("p", null, text.textNoWay));
      return;
    }
    wayOut.appendChild(element("p", null, text.textWayOut));
    var ul = element("ul", "cc-way-out-list");
    order.forEach(function (c) {
      var link = element("a", "cc-drop", text.textDrop.replace("{condition}", conditionName(found[c]))
        .replace("{count}", counts[c]));
      var search = searchWithout(found[c]);
      link.setAttribute("href", window.location.pathname + search);
      link.dataset.search = search;
      var item = element("li");
      item.appendChild(link);
      ul.appendChild(item);
    });
    wayOut.appendChild(ul);
  }

  function showStatus() {
    var message = resultCount ? text.textCount.replace("{total}", resultCount) : text.textNone;
    if (resultCount > shown) message += text.textShown.replace("{shown}", shown);
    status.textContent = message;
    root.dataset.results = String(resultCount);
  }

  function update() {
    var start = performance.now();
    readSelection();
    updateSearch();
    filter();
    orderResults();
    showCounts();
    list.textContent = "";
    shown = 0;
    renderMore(PAGE_SIZE);
    showStatus();
    showWayOut();
    writeUrlSoon();
    root.dataset.updateMs = (performance.now() - start).toFixed(2);
  }

  /* --- start ------------------------------------------------------------------------------ */

  function start(data) {
    index = data;
    entries = data.entries;
    total = entries.id.length;
    results = new Int32Array(total);
    hitBuffer = new Uint8Array(total);
    setUpSearch();
    setUpFacets();
    readUrl(initialQuery);
    form.addEventListener("change", function (event) {
      if (event.target !== input) update();  // typing is handled as it happens ("input")
    });
    input.addEventListener("input", update);
    // Enter in the search box: the results, without tabbing through every filter on the way.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
      writeUrlNow();
      var first = list.querySelector("a");
      (first || status).focus();
    });
    list.addEventListener("click", writeUrlNow, true);  // a card's link, by pointer or by Enter
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    more.addEventListener("click", function () {
      var before = shown;
      renderMore(shown + PAGE_SIZE);
      showStatus();
      var first = list.children[before];  // keyboard users carry on from the first new card
      if (first) first.querySelector("a").focus();
    });
    window.addEventListener("popstate", function () { readUrl(window.location.search); update(); });
    wayOut.addEventListener("click", function (event) {
      var link = event.target.closest("a.cc-drop");
      if (!link) return;
      event.preventDefault();
      readUrl(link.dataset.search);
      update();
      writeUrl();
      status.focus();
    });
    update();
    root.dataset.ready = "true";
  }

  fetch(text.index, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      status.textContent = text.textFailed;
      root.dataset.ready = "failed";
      window.history.replaceState(window.history.state, "",  // give the shared link its q back
        window.location.pathname + initialQuery + window.location.hash);
      if (window.console) console.error("catalog:", error);
    });
})();
