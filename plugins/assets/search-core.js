/* One search for the whole site: the header search (search-worker.js) and /catalog/ (catalog.js) both
 * rank entries with this file, so the two boxes agree.
 *
 * Input is the catalog page's facet index (plugins/facets.py describes its JSON). A query matches an
 * entry when every word of it is found in the entry's names, their pinyin or initials, its facet values
 * (学科、学段、类型、地区) or its short description. Matches are ranked in tiers, best first:
 *
 *   0 EXACT          a name or alias is the query (spaces and case ignored): 智慧树, 爱课程, icourse163
 *   1 SPOKEN         a name's full pinyin or initials is the query: zhihuishu, zhs
 *   2 PREFIX         a name or alias starts with the query: 中国大学
 *   3 SPOKEN_PREFIX  a name's pinyin or initials starts with the query: zhihui, zh
 *   4 NAME           every word is inside some name or alias
 *   5 SPOKEN_PART    every word is inside the names, pinyin or initials
 *   6 FACET          every word is found once facet values count (医学 finds the 医学 entries)
 *   7 TEXT           every word is found once the description counts: the entry merely mentions it
 *
 * Within a tier the index order stands (platforms first, then by pinyin). Works in a page and in a
 * worker: it only defines the global `CatalogSearch`.
 */
(function (global) {
  "use strict";

  var TIER = { EXACT: 0, SPOKEN: 1, PREFIX: 2, SPOKEN_PREFIX: 3, NAME: 4, SPOKEN_PART: 5, FACET: 6, TEXT: 7 };
  var TIERS = 8;
  var NONE = 255;
  var SEP = "\u0001";  // joins the fields of a haystack; nobody types it, so no word spans two fields
  var FACET_KEYS = ["discipline", "level", "kind", "region"];

  function normalize(value) {
    return String(value).normalize("NFKC").toLowerCase();
  }

  // Spaces and apostrophes carry no meaning in a name: "中国大学 MOOC" is 中国大学MOOC, xi'an is xian.
  function compact(value) {
    return normalize(value).replace(/[\s'’]+/g, "");
  }

  function queryWords(value) {
    return normalize(value).replace(/['’]/g, "").split(/\s+/).filter(Boolean);
  }

  // Pinyin and initials of a name, character by character through the index's table (plugins/facets.py,
  // forms_by_table): 智慧树 -> ["zhihuishu", "zhs"]; other characters pass through, without spaces.
  function pinyinForms(text, table) {
    var full = "", initials = "", run = "";
    for (var ch of text) {
      var reading = table.get(ch);
      if (reading === undefined) { run += ch; continue; }
      if (run) { run = run.replace(/\s+/g, "").toLowerCase(); full += run; initials += run; run = ""; }
      full += reading;
      initials += reading.charAt(0);
    }
    if (run) { run = run.replace(/\s+/g, "").toLowerCase(); full += run; initials += run; }
    return [full, initials];
  }

  function readingTable(pinyin) {
    var table = new Map();
    var chars = Array.from(pinyin.chars), readings = pinyin.readings.split(" ");
    for (var c = 0; c < chars.length; c++) table.set(chars[c], readings[c]);
    return table;
  }

  // Spoken forms of each name: [full1, full2, ...] and [initials1, ...], from the entry's own cell when
  // the table would read it wrongly (重庆 is chong), else through the table.
  function spokenForms(names, cell, table) {
    if (cell) {
      var parts = cell.split("|");
      return [parts[0].split(" "), parts[1].split(" ")];
    }
    var full = [], initials = [];
    names.forEach(function (name) {
      var forms = pinyinForms(name, table);
      full.push(forms[0]);
      initials.push(forms[1]);
    });
    return [full, initials];
  }

  /* The searchable form of every entry of a facet index. `index` is the parsed facets.json. */
  function SearchIndex(index) {
    var e = index.entries;
    var total = e.id.length;
    var table = readingTable(index.pinyin);
    var facetNames = FACET_KEYS.map(function (key) {
      var spec = index.facets.filter(function (f) { return f.key === key; })[0];
      return spec ? { column: e[key], names: spec.values.map(function (v) { return normalize(v[1]); }) } : null;
    }).filter(Boolean);
    this.total = total;
    this.table = table;
    this.names = new Array(total);    // compact names and aliases
    this.spoken = new Array(total);   // compact full pinyin and initials of each name
    // All entries in one string, each entry's fields in tier order: names | pinyin | facet values |
    // description. A word's first occurrence in an entry tells the best field it is in, and one
    // indexOf over the whole string finds the entries that have it: far faster than an indexOf per
    // entry (V8 skips through one long string; most entries do not contain the word).
    var parts = new Array(total);
    this.starts = new Int32Array(total + 1);  // where entry i begins in `all`
    this.ends = new Int32Array(3 * total);    // where its names, pinyin and facet fields end
    var at = 0;
    for (var i = 0; i < total; i++) {
      var names = [e.name[i]].concat(e.aliases[i]);
      var forms = spokenForms(names, e.pinyin[i], table);
      this.names[i] = names.map(compact);
      this.spoken[i] = forms[0].concat(forms[1]).map(compact).filter(Boolean);
      var nameField = names.map(normalize).join(SEP) + SEP + this.names[i].join(SEP) + SEP;
      var spokenField = this.spoken[i].join(SEP) + SEP;
      var facetField = facetNames.map(function (facet) {
        return facet.column[i].map(function (v) { return facet.names[v]; }).join(SEP);
      }).join(SEP) + SEP;
      parts[i] = nameField + spokenField + facetField + normalize(e.desc[i] || "") + SEP;
      this.starts[i] = at;
      this.ends[3 * i] = at + nameField.length;
      this.ends[3 * i + 1] = at + nameField.length + spokenField.length;
      this.ends[3 * i + 2] = at + nameField.length + spokenField.length + facetField.length;
      at += parts[i].length;
    }
    this.starts[total] = at;
    this.all = parts.join("");
    this.wordFields = new Uint8Array(total);  // scratch for rankAll
  }

  function allSomewhere(words, hays) {
    for (var w = 0; w < words.length; w++) {
      var found = false;
      for (var h = 0; h < hays.length && !found; h++) found = hays[h].indexOf(words[w]) >= 0;
      if (!found) return false;
    }
    return true;
  }

  // The best tier of a list of names (or spoken forms) for the whole query: exact, prefix, or none.
  function wholeTier(forms, whole, exact, prefix) {
    var best = NONE;
    for (var k = 0; k < forms.length; k++) {
      if (forms[k] === whole) return exact;
      if (best === NONE && forms[k].lastIndexOf(whole, 0) === 0) best = prefix;
    }
    return best;
  }

  /* A parsed query: its words and their concatenation (how a name is compared whole). */
  function Query(text) {
    this.words = queryWords(text);
    this.whole = this.words.join("");
  }

  Query.prototype.isEmpty = function () { return this.words.length === 0; };

  var FIELD_TIERS = [TIER.NAME, TIER.SPOKEN_PART, TIER.FACET, TIER.TEXT];

  // fields[i] = the field of the word's first occurrence in entry i (0 names .. 3 description), or NONE.
  SearchIndex.prototype.findWord = function (word, fields) {
    fields.fill(NONE);
    var all = this.all, starts = this.starts, ends = this.ends, total = this.total, entry = 0;
    for (var at = all.indexOf(word); at >= 0; at = all.indexOf(word, starts[entry + 1])) {
      while (starts[entry + 1] <= at) entry++;
      var base = 3 * entry;
      fields[entry] = at < ends[base] ? 0 : at < ends[base + 1] ? 1 : at < ends[base + 2] ? 2 : 3;
      if (entry + 1 >= total) break;
    }
  };

  /* Tiers of every entry into `tiers` (a Uint8Array of `total`), NONE where the query does not match.
   * Returns how many entries match. */
  SearchIndex.prototype.rankAll = function (query, tiers) {
    var words = query.words, total = this.total, count = 0;
    if (!words.length) { tiers.fill(NONE); return 0; }
    this.findWord(words[0], tiers);  // tiers holds the worst field found so far, then the tier
    for (var w = 1; w < words.length; w++) {
      var fields = this.wordFields;
      this.findWord(words[w], fields);
      for (var j = 0; j < total; j++) if (tiers[j] !== NONE && (fields[j] === NONE || fields[j] > tiers[j])) tiers[j] = fields[j];
    }
    for (var i = 0; i < total; i++) {
      var field = tiers[i];
      if (field === NONE) continue;
      count++;
      var tier = NONE;
      if (field <= 1) {  // a whole name or its pinyin can only match when every word is in them
        tier = wholeTier(this.names[i], query.whole, TIER.EXACT, TIER.PREFIX);
        if (tier !== TIER.EXACT) {
          var spoken = wholeTier(this.spoken[i], query.whole, TIER.SPOKEN, TIER.SPOKEN_PREFIX);
          if (spoken < tier) tier = spoken;
        }
      }
      tiers[i] = tier !== NONE ? tier : FIELD_TIERS[field];
    }
    return count;
  };

  /* Reorder positions[0..count) by tier, keeping their order within a tier (a counting sort: no
   * comparisons, so 25,000 results order in well under a millisecond). `scratch` is an Int32Array at
   * least `count` long. */
  function orderByTier(positions, count, tiers, scratch) {
    var starts = new Int32Array(TIERS + 1);
    for (var r = 0; r < count; r++) starts[tiers[positions[r]] + 1]++;
    for (var t = 1; t <= TIERS; t++) starts[t] += starts[t - 1];
    for (var s = 0; s < count; s++) scratch[starts[tiers[positions[s]]]++] = positions[s];
    for (var c = 0; c < count; c++) positions[c] = scratch[c];
  }

  global.CatalogSearch = {
    TIER: TIER, TIERS: TIERS, NONE: NONE,
    SearchIndex: SearchIndex, Query: Query, orderByTier: orderByTier,
    normalize: normalize, compact: compact, pinyinForms: pinyinForms, readingTable: readingTable,
    allSomewhere: allSomewhere, wholeTier: wholeTier
  };
})(typeof globalThis !== "undefined" ? globalThis : self);
