/* The header search: a drop-in for Material's search worker (the plugin points the theme at this file).
 *
 * It speaks Material's worker messages (SETUP with the site's search_index.json -> READY; QUERY with
 * the typed text -> RESULT with groups of documents) and answers from two sources:
 *
 * - the catalog's entries, from the facet index that /catalog/ also uses (the path is in the search
 *   index's config as `catalog_index`), ranked by search-core.js exactly as /catalog/ ranks them;
 * - the other pages (listings, sources, contacts, hand-written pages) from Material's documents,
 *   whose titles rank like names (exact, pinyin, prefix...) and whose text counts as a mention.
 *
 * A tier's entries come before its pages; an entry named by the query comes before any page that
 * merely mentions it. Material renders a document's title and text as HTML: every piece of entry or
 * page text is escaped here before it goes out, and only <mark> and <p> are added.
 */
/* global CatalogSearch */
importScripts("search-core.js");

(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  var MAX_GROUPS = 50;      // Material renders 10 and more on scrolling; the rest is one link away
  var SNIPPET_CHARS = 120;
  var S = CatalogSearch;

  var entries = null;       // {search: SearchIndex, data: facet index}
  var pages = [];           // one per page: {location, title, docs: [{location, title, text, plainTitle, plainText}]}
  var config = {};
  var tiers = null;

  /* --- text ------------------------------------------------------------------------------- */

  function escapeHtml(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function unescapeHtml(value) {
    return value.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
      .replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, "&");
  }

  function plain(htmlText) {
    return unescapeHtml(String(htmlText || "").replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  }

  // Escaped text with the query's words marked (case-insensitive; text is compared in NFKC form).
  function marked(text, words) {
    var lower = S.normalize(text);
    if (lower.length !== text.length) return escapeHtml(text);  // NFKC changed lengths: mark nothing
    var marks = new Uint8Array(text.length);
    words.forEach(function (word) {
      for (var at = lower.indexOf(word); word && at >= 0; at = lower.indexOf(word, at + word.length)) {
        marks.fill(1, at, at + word.length);
      }
    });
    var out = "", open = false;
    for (var i = 0; i < text.length; i++) {
      if (marks[i] && !open) { out += "<mark>"; open = true; }
      if (!marks[i] && open) { out += "</mark>"; open = false; }
      out += escapeHtml(text[i]);
    }
    return open ? out + "</mark>" : out;
  }

  // Up to SNIPPET_CHARS of text around the first word found, marked.
  function snippet(text, words) {
    var lower = S.normalize(text), at = -1;
    for (var w = 0; w < words.length && at < 0; w++) at = lower.indexOf(words[w]);
    var start = Math.max(0, Math.min(at - 30, text.length - SNIPPET_CHARS));
    var cut = text.slice(start, start + SNIPPET_CHARS);
    return (start > 0 ? "…" : "") + marked(cut, words) + (start + SNIPPET_CHARS < text.length ? "…" : "");
  }

  /* --- set-up ----------------------------------------------------------------------------- */

  function setUpPages(docs, table) {
    var byPage = new Map();
    docs.forEach(function (doc) {
      var path = doc.location.split("#")[0];
      var item = {
        location: doc.location, plainTitle: plain(doc.title), plainText: plain(doc.text)
      };
      item.title = S.compact(item.plainTitle);
      var forms = table ? S.pinyinForms(item.plainTitle, table) : ["", ""];
      item.spoken = [S.compact(forms[0]), S.compact(forms[1])].filter(function (f) { return f && f !== item.title; });
      item.titleHay = S.normalize(item.plainTitle) + "\u0001" + item.title;
      item.textHay = S.normalize(item.plainText);
      if (!byPage.has(path)) byPage.set(path, { location: path, order: byPage.size, docs: [] });
      var page = byPage.get(path);
      // A section is titled by its heading within its page: 河南省 in 联系人目录 answers "河南 联系人".
      if (page.docs.length) item.titleHay += "\u0001" + page.docs[0].titleHay;
      page.docs.push(item);
    });
    pages = Array.from(byPage.values());
  }

  function pageDocTier(doc, query) {
    var T = S.TIER;
    var tier = S.wholeTier([doc.title], query.wholes, T.EXACT, T.PREFIX);
    var spoken = S.wholeTier(doc.spoken, query.wholes, T.SPOKEN, T.SPOKEN_PREFIX);
    tier = Math.min(tier, spoken);
    if (tier !== S.NONE) return tier;
    var spokenHay = doc.spoken.join("\u0001");
    if (S.allSomewhere(query.alts, [doc.titleHay])) return T.NAME;
    if (S.allSomewhere(query.alts, [doc.titleHay, spokenHay])) return T.SPOKEN_PART;
    if (S.allSomewhere(query.alts, [doc.titleHay, spokenHay, doc.textHay])) return T.TEXT;
    return S.NONE;
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
      return response.json();
    });
  }

  function setUp(data) {
    config = data.config || {};
    var done = function (index) {
      if (index) {
        entries = { search: new S.SearchIndex(index), data: index };
        tiers = new Uint8Array(entries.search.total);
      }
      setUpPages(data.docs || [], entries ? entries.search.table : null);
      return { type: READY };
    };
    if (!config.catalog_index) return Promise.resolve(done(null));
    return load(new URL(config.catalog_index, self.location.href).href).then(done, function (error) {
      console.warn("search: the catalog index did not load; searching pages only", error);
      return done(null);
    });
  }

  /* --- search ----------------------------------------------------------------------------- */

  function entryGroup(i, tier, query) {
    var e = entries.data.entries, type = entries.data.types[e.type[i]];
    var typeName = (config.catalog_types || {})[type[0]] || type[0];
    var aliases = e.aliases[i].length
      ? "<p>" + escapeHtml(config.catalog_aliases || "") + marked(e.aliases[i].join("、"), query.marks) + "</p>"
      : "";
    var desc = e.desc[i] ? "<p>" + snippet(e.desc[i], query.marks) + "</p>" : "";
    return [{
      location: type[1] + e.id[i] + "/",
      title: marked(e.name[i], query.marks),
      text: "<p>" + escapeHtml(typeName) + "</p>" + aliases + desc,
      score: S.TIERS - tier,
      terms: termsOf(query)
    }];
  }

  function termsOf(query) {
    var terms = {};
    query.marks.forEach(function (word) { terms[word] = true; });
    return terms;
  }

  // A page's documents that match, the page's own document first (Material shows it as the heading).
  function pageGroup(page, query) {
    var best = S.NONE, matched = [];
    page.docs.forEach(function (doc) {
      var tier = pageDocTier(doc, query);
      if (tier === S.NONE) return;
      best = Math.min(best, tier);
      matched.push(doc);
    });
    if (best === S.NONE) return null;
    var head = page.docs[0];
    // Within a tier: pages named by the query before pages with a section that is, shorter titles first.
    var rank = (pageDocTier(head, query) === best ? 0 : 1e6) + head.plainTitle.length;
    var items = [head].concat(matched.filter(function (doc) { return doc !== head; })).map(function (doc) {
      return {
        location: doc.location,
        title: marked(doc.plainTitle, query.marks),
        text: doc.plainText ? "<p>" + snippet(doc.plainText, query.marks) + "</p>" : "",
        score: S.TIERS - best,
        terms: termsOf(query)
      };
    });
    return { tier: best, rank: rank, items: items };
  }

  function seeAll(count, text) {
    return [{
      location: (config.catalog_page || "catalog/") + "?q=" + encodeURIComponent(text),
      title: escapeHtml((config.catalog_see_all || "{total}").replace("{total}", count)),
      text: "", score: 0, terms: {}
    }];
  }

  // Up to `limit` entries of one tier, in index order (a scan rather than lists of every match: a
  // one-letter query matches most of 25,000 entries, and only the first few are shown).
  function entriesOfTier(tier, limit) {
    var found = [];
    for (var i = 0; i < tiers.length && found.length < limit; i++) if (tiers[i] === tier) found.push(i);
    return found;
  }

  function search(text) {
    var query = entries ? entries.search.query(text) : new S.Query(text);
    if (query.isEmpty()) return { items: [] };
    var matches = entries ? entries.search.rankAll(query, tiers) : 0;
    var pagesByTier = [];
    for (var t = 0; t < S.TIERS; t++) pagesByTier.push([]);
    pages.forEach(function (page) {
      var group = pageGroup(page, query);
      if (group) pagesByTier[group.tier].push(group);
    });
    pagesByTier = pagesByTier.map(function (groups) {
      return groups.sort(function (a, b) { return a.rank - b.rank; }).map(function (g) { return g.items; });
    });
    var items = [], shownEntries = 0;
    for (var tier = 0; tier < S.TIERS && items.length < MAX_GROUPS; tier++) {
      var found = matches ? entriesOfTier(tier, MAX_GROUPS - items.length) : [];
      for (var k = 0; k < found.length; k++, shownEntries++) items.push(entryGroup(found[k], tier, query));
      var level = pagesByTier[tier];
      for (var p = 0; p < level.length && items.length < MAX_GROUPS; p++) items.push(level[p]);
    }
    if (shownEntries < matches) items.push(seeAll(matches, text.trim()));
    return { items: items };
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      setUp(message.data).then(function (reply) { postMessage(reply); });
    } else if (message.type === QUERY) {
      var result, start = performance.now();
      try {
        result = search(message.data);
        result.took = performance.now() - start;  // for bench/search_bench.py; Material ignores it
      } catch (error) {
        console.warn("search:", error);
        result = { items: [] };
      }
      postMessage({ type: RESULT, data: result });
    }
  });
})();
