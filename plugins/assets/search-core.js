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
 *
 * Before matching, `SearchIndex.query` reads the typed text as a person meant it (plugins/search_terms.py
 * gives the tables): traditional characters fold to simplified (學堂在線 -> 学堂在线); a word may be
 * matched by its synonyms (慕课 and mooc); and a run typed without spaces that the index holds nowhere
 * is split into the longest pieces that names and facet words hold (本科医学虚拟仿真 -> 本科 医学 虚拟仿真),
 * and a word found nowhere at all is looked for by its pinyin (智慧数, a homophone typo, finds 智慧树).
 * Facet values match by their aliases, English names and what they cover too (数学 -> 理学, via 数学类).
 */
(function (global) {
  "use strict";

  var TIER = { EXACT: 0, SPOKEN: 1, PREFIX: 2, SPOKEN_PREFIX: 3, NAME: 4, SPOKEN_PART: 5, FACET: 6, TEXT: 7 };
  var TIERS = 8;
  var NONE = 255;
  var SEP = "\u0001";  // joins the fields of a haystack; nobody types it, so no word spans two fields
  var FACET_KEYS = ["discipline", "level", "kind", "region"];
  var LONGEST_PIECE = 12;  // a split piece is at most this long (names and facet words are short)

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
      if (!spec) return null;
      var words = spec.words || [];
      return { column: e[key], names: spec.values.map(function (v) { return normalize(v[1]); }),
               words: spec.values.map(function (_, k) { return SEP + normalize((words[k] || []).join(SEP)) + SEP; }) };
    }).filter(Boolean);
    // A facet value's other words (aliases, English name, what it covers) are looked up once per value,
    // not stored with each of its entries: 理学 covers twelve classes, and 25,000 copies of them would
    // make every scan of `all` slower.
    this.facetWords = facetNames.filter(function (facet) {
      return facet.words.some(function (w) { return w.length > 2; });
    });
    this.fold = foldTable(index.fold);
    this.synonyms = (index.synonyms || []).map(function (group) { return group.map(compact); });
    // What a run typed without spaces may be split into: every name and alias, and every facet word.
    var vocabulary = facetNames.map(function (facet) { return facet.names.join(SEP) + facet.words.join(""); });
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
    for (var n = 0; n < total; n++) vocabulary.push(this.names[n].join(SEP));
    this.vocabulary = SEP + vocabulary.join(SEP) + SEP;
    this.wholeWords = new Set(this.vocabulary.split(SEP));  // the same, looked up whole without a scan
    this.wordFields = new Uint8Array(total);  // scratch for rankAll
  }

  function foldTable(fold) {
    var table = new Map();
    if (!fold) return table;
    var from = Array.from(fold.from), to = Array.from(fold.to);
    for (var k = 0; k < from.length; k++) table.set(from[k], to[k]);
    return table;
  }

  // `words` are strings or lists of alternatives (a query's `alts`): each must be in some haystack.
  function allSomewhere(words, hays) {
    for (var w = 0; w < words.length; w++) {
      var alts = typeof words[w] === "string" ? [words[w]] : words[w];
      var found = false;
      for (var h = 0; h < hays.length && !found; h++) {
        for (var a = 0; a < alts.length && !found; a++) found = hays[h].indexOf(alts[a]) >= 0;
      }
      if (!found) return false;
    }
    return true;
  }

  // The best tier of a list of names (or spoken forms) for the whole query: exact, prefix, or none.
  // `whole` is a string or a list of alternatives (a query's `wholes`).
  function wholeTier(forms, whole, exact, prefix) {
    var wholes = typeof whole === "string" ? [whole] : whole;
    var best = NONE;
    for (var w = 0; w < wholes.length; w++) {
      for (var k = 0; k < forms.length; k++) {
        if (forms[k] === wholes[w]) return exact;
        if (best === NONE && forms[k].lastIndexOf(wholes[w], 0) === 0) best = prefix;
      }
    }
    return best;
  }

  // The word and the words its synonyms make of it (中国大学慕课 -> 中国大学mooc).
  function alternatives(word, synonyms) {
    var alts = [word];
    synonyms.forEach(function (group) {
      group.forEach(function (member) {
        if (!member || word.indexOf(member) < 0) return;
        group.forEach(function (other) {
          var alt = word.split(member).join(other);
          if (other !== member && alts.indexOf(alt) < 0) alts.push(alt);
        });
      });
    });
    return alts;
  }

  /* A parsed query: its words, each word's alternatives (`alts`), the words' concatenation (how a
   * name is compared whole) and its alternatives (`wholes`), and every form worth marking (`marks`).
   * `Query(text)` takes the words as typed; `SearchIndex.query(text)` reads them as meant. */
  function Query(text, words, synonyms) {
    this.words = words || queryWords(text);
    this.whole = this.words.join("");
    this.alts = this.words.map(function (word) { return alternatives(word, synonyms || []); });
    this.wholes = alternatives(this.whole, synonyms || []);
    var marks = [];
    this.alts.forEach(function (alts) { alts.forEach(function (alt) { if (marks.indexOf(alt) < 0) marks.push(alt); }); });
    this.marks = marks;
  }

  SearchIndex.prototype.foldText = function (text) {
    var fold = this.fold;
    if (!fold.size) return text;
    var out = "";
    for (var ch of text) out += fold.has(ch) ? fold.get(ch) : ch;
    return out;
  };

  // Pieces of a run, left to right, or null when it holds no known piece: at each point the longest
  // whole name or facet word (医学), else the longest piece of one (虚拟仿真): a whole word first keeps
  // 医学 from swallowing what follows. What lies between known pieces stays a word of its own (河南联系人
  // -> 河南 联系人: the header search finds 联系人 in page titles).
  SearchIndex.prototype.split = function (word) {
    var pieces = [], chars = Array.from(word), at = 0, unknown = "", known = 0;
    while (at < chars.length) {
      var found = 0, last = Math.min(chars.length, at + LONGEST_PIECE), end;
      for (end = last; end >= at + 2 && !found; end--) {
        if (this.wholeWords.has(chars.slice(at, end).join(""))) found = end;
      }
      for (end = last; end >= at + 2 && !found; end--) {
        if (this.vocabulary.indexOf(chars.slice(at, end).join("")) >= 0) found = end;
      }
      if (!found) { unknown += chars[at++]; continue; }
      if (unknown) { pieces.push(unknown); unknown = ""; }
      pieces.push(chars.slice(at, found).join(""));
      known++;
      at = found;
    }
    if (unknown) pieces.push(unknown);
    return known && pieces.length > 1 ? pieces : null;
  };

  // The full pinyin of a word with Chinese characters, when the index can read every one of them.
  SearchIndex.prototype.spokenOf = function (word) {
    var han = false;
    for (var ch of word) {
      if (!/[\u3400-\u9fff]/.test(ch)) continue;
      if (!this.table.has(ch)) return null;
      han = true;
    }
    return han ? pinyinForms(word, this.table)[0] : null;
  };

  /* The query as meant: folded, and each run found nowhere split into pieces the index holds. */
  SearchIndex.prototype.query = function (text) {
    var self = this, words = [], spokenAlts = [];
    queryWords(this.foldText(String(text).normalize("NFKC"))).forEach(function (word) {
      var found = alternatives(word, self.synonyms).some(function (alt) {
        return self.all.indexOf(alt) >= 0 || self.facetValuesWith(alt).length > 0;
      });
      var pieces = found || Array.from(word).length < 4 ? null : self.split(word);
      // Found nowhere: perhaps a homophone typed with a pinyin input method (智慧数 for 智慧树): its
      // pinyin becomes an alternative (the word itself stays one: page titles may hold it, 联系人).
      var spoken = found ? null : self.spokenOf(word);
      if (spoken && pieces && self.all.indexOf(spoken) < 0) spoken = null;  // pieces, unless read aloud it is a name
      (spoken ? [word] : pieces || [word]).forEach(function (w) {
        words.push(w);
        spokenAlts.push(spoken);
      });
    });
    var query = new Query(text, words, this.synonyms);
    spokenAlts.forEach(function (spoken, k) { if (spoken) query.alts[k].push(spoken); });
    if (words.length === 1 && spokenAlts[0]) query.wholes.push(spokenAlts[0]);
    return query;
  };


  Query.prototype.isEmpty = function () { return this.words.length === 0; };

  var FIELD_TIERS = [TIER.NAME, TIER.SPOKEN_PART, TIER.FACET, TIER.TEXT];

  // fields[i] = the best field any of the word's alternatives is in, in entry i, or NONE.
  SearchIndex.prototype.findAny = function (alts, fields) {
    this.findWord(alts[0], fields);
    this.findFacetWords(alts[0], fields);
    if (alts.length < 2) return;
    var more = this.altFields || (this.altFields = new Uint8Array(this.total));
    for (var a = 1; a < alts.length; a++) {
      this.findWord(alts[a], more);
      this.findFacetWords(alts[a], more);
      for (var i = 0; i < this.total; i++) if (more[i] < fields[i]) fields[i] = more[i];
    }
  };

  var FACET_FIELD = 2;  // where a facet value sits among an entry's fields (names, pinyin, facets, text)

  // [facet, hit] for each facet with values whose other words (aliases, English name, covers) have one
  // beginning with the word (数学 begins 数学类, lab an English word; 学 alone begins no subject), unless
  // the word is part of a value's own name: 医学 means the discipline 医学, not 农学 for its 动物医学类.
  SearchIndex.prototype.facetValuesWith = function (word) {
    var found = [];
    for (var f = 0; f < this.facetWords.length; f++) {
      var facet = this.facetWords[f], hit = null;
      if (facet.names.some(function (name) { return name.indexOf(word) >= 0; })) continue;
      for (var v = 0; v < facet.words.length; v++) {
        if (facet.words[v].indexOf(SEP + word) < 0 && facet.words[v].indexOf(" " + word) < 0) continue;
        hit = hit || new Uint8Array(facet.words.length);
        hit[v] = 1;
      }
      if (hit) found.push([facet, hit]);
    }
    return found;
  };

  // Entries with such a value count the word as found in their facets.
  SearchIndex.prototype.findFacetWords = function (word, fields) {
    var found = this.facetValuesWith(word);
    for (var f = 0; f < found.length; f++) {
      var hit = found[f][1], column = found[f][0].column;
      for (var i = 0; i < this.total; i++) {
        if (fields[i] <= FACET_FIELD) continue;
        var values = column[i];
        for (var k = 0; k < values.length; k++) if (hit[values[k]]) { fields[i] = FACET_FIELD; break; }
      }
    }
  };

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
    var words = query.alts || query.words.map(function (word) { return [word]; });
    var total = this.total, count = 0;
    if (!words.length) { tiers.fill(NONE); return 0; }
    this.findAny(words[0], tiers);  // tiers holds the worst field found so far, then the tier
    for (var w = 1; w < words.length; w++) {
      var fields = this.wordFields;
      this.findAny(words[w], fields);
      for (var j = 0; j < total; j++) if (tiers[j] !== NONE && (fields[j] === NONE || fields[j] > tiers[j])) tiers[j] = fields[j];
    }
    for (var i = 0; i < total; i++) {
      var field = tiers[i];
      if (field === NONE) continue;
      count++;
      var tier = NONE;
      if (field <= 1) {  // a whole name or its pinyin can only match when every word is in them
        var wholes = query.wholes || query.whole;
        tier = wholeTier(this.names[i], wholes, TIER.EXACT, TIER.PREFIX);
        if (tier !== TIER.EXACT) {
          var spoken = wholeTier(this.spoken[i], wholes, TIER.SPOKEN, TIER.SPOKEN_PREFIX);
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
    allSomewhere: allSomewhere, wholeTier: wholeTier, alternatives: alternatives
  };
})(typeof globalThis !== "undefined" ? globalThis : self);
