/* Open Safety Lessons: the site's one small script. Everything works without it. */
(function () {
  "use strict";

  /* Exit this page (GOV.UK pattern): Shift pressed 3 times within 5 seconds leaves the page. */
  function initExitThisPage() {
    var root = document.querySelector("[data-exit-this-page]");
    if (!root) return;
    var button = root.querySelector("a");
    var status = root.querySelector("[data-exit-status]");
    var presses = 0;
    var timer = null;
    var combined = false; // Shift used with another key (typing a capital) does not count

    function exit(event) {
      if (event) event.preventDefault();
      // Hide the page at once, then replace it in history so Back does not return here.
      document.documentElement.classList.add("is-exiting");
      var overlay = document.createElement("div");
      overlay.className = "exit-this-page__overlay";
      document.body.appendChild(overlay);
      if (status) status.textContent = status.getAttribute("data-leaving");
      window.location.replace(button.href);
    }

    function reset(announce) {
      presses = 0;
      if (timer) window.clearTimeout(timer);
      timer = null;
      if (announce && status) status.textContent = status.getAttribute("data-reset");
    }

    button.addEventListener("click", exit);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) combined = false;
        return;
      }
      if (event.shiftKey) combined = true;
      reset(false);
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      if (combined) {
        combined = false;
        return;
      }
      presses += 1;
      if (!timer) timer = window.setTimeout(function () { reset(true); }, 5000);
      if (presses >= 3) {
        reset(false);
        exit();
      } else if (status) {
        status.textContent = status.getAttribute("data-press-" + presses);
      }
    });
  }

  /* == Classroom presenter view: one step per screen (app/templates/classroom/present.html) ==
     Without JS every step is a section with #step-N links. Nothing is stored. */
  function initPresenter() {
    var deck = document.querySelector("[data-presenter]");
    if (!deck) return;
    var slides = deck.querySelectorAll("section[id^='step-']");
    if (!slides.length) return;
    var keys = deck.querySelector("[data-presenter-keys]");
    if (keys) keys.hidden = false;
    deck.classList.add("is-presenting");

    function fromHash() {
      var match = /^#step-(\d+)$/.exec(window.location.hash);
      return match ? Math.min(parseInt(match[1], 10), slides.length - 1) : 0;
    }
    function show(index, focus) {
      for (var i = 0; i < slides.length; i++) slides[i].hidden = i !== index;
      // Hiding the other slides moved this one: bring it back into view.
      if (focus || window.location.hash) slides[index].scrollIntoView();
      if (focus) slides[index].focus({ preventScroll: true });
    }
    function go(index) {
      index = Math.max(0, Math.min(index, slides.length - 1));
      if (index !== fromHash() || !window.location.hash) window.location.hash = "#step-" + index;
      show(index, true); // at once: hashchange comes later, and shows the same step again
    }

    window.addEventListener("hashchange", function () { show(fromHash(), true); });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(event.target.tagName)) return;
      var current = fromHash();
      var moves = { ArrowRight: current + 1, PageDown: current + 1, " ": current + 1,
        ArrowLeft: current - 1, PageUp: current - 1, Home: 0, End: slides.length - 1 };
      if (!(event.key in moves) || (event.key === " " && event.shiftKey)) return;
      event.preventDefault();
      go(moves[event.key]);
    });
    show(fromHash(), false);
  }

  /* == Static export search (app/views/search.py, templates/search.html) ==
     Only on the frozen site's search page: it has no server, so this loads the same-origin
     index.json and ranks its pages as app/search/index.py does: by how many places of the query
     a page matches, then how many of them in its title or summary, then FTS5's bm25. Words are
     folded as app/search/text.py does; index.json gives each word's stem. */
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase()
      .replace(/\u0111/g, "d").replace(/\u0671/g, "\u0627").replace(/\u0629/g, "\u0647")
      .replace(/\u0649/g, "\u064a").replace(/\u0640/g, "");
  }

  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : ""; }

  function loadIndex(index) {
    index.masks = Object.create(null);
    index.stems = Object.create(null);
    index.terms.split("|").forEach(function (line) {
      var parts = line.split(" ");
      index.masks[parts[0]] = (parts[1] || "").split(",");
      for (var i = 2; i < parts.length; i++) index.stems[parts[i].replace("*", parts[0])] = parts[0];
    });
    return index;
  }

  function pieces(index) { // runs of Han and kana, or of other letters and digits
    var paired = index.paired;
    return new RegExp("[" + paired + "]+|(?:(?![" + paired + "])[\\p{L}\\p{N}])+", "gu");
  }

  function grams(text) {
    if (text.length < 2) return [text];
    var found = [];
    for (var i = 0; i + 1 < text.length; i++) found.push(text.slice(i, i + 2));
    return found;
  }

  function queryGroups(index, query) { // app/search/text.py Language.groups
    var found = Object.create(null), order = [], folded = fold(query), match;
    function add(term, places) {
      if (!term) return;
      if (!found[term]) { found[term] = {}; order.push(term); }
      places.forEach(function (place) { found[term][place] = true; });
    }
    if (!index.paired) {
      (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) {
        return index.stop.indexOf(word) < 0;
      }).forEach(function (word, number) {
        add(index.stems[word] || own(index.forms, word) || word, [number]);
      });
    }
    var paired = new RegExp("[" + index.paired + "]"), runs = pieces(index);
    while (index.paired && (match = runs.exec(folded))) {
      var piece = match[0], start = match.index, places = [];
      if (!paired.test(piece)) {
        var ending = index.particles.filter(function (p) { return piece.endsWith(p); })[0] || "";
        if (ending && piece.length - ending.length >= 2) piece = piece.slice(0, -ending.length);
        if (index.stop.indexOf(piece) >= 0) continue;
        for (var i = 0; i < piece.length; i++) places.push(start + i);
        add(piece, places);
        continue;
      }
      index.stop.forEach(function (word) { piece = piece.split(word).join(" ".repeat(word.length)); });
      var part, parts = /\S+/g;
      while ((part = parts.exec(piece))) {
        grams(part[0]).forEach(function (gram, offset) {
          var at = start + part.index + offset;
          add(gram, [at, at + gram.length - 1]);
        });
      }
    }
    return order.slice(0, index.rank.terms).map(function (term) {
      var extra = own(index.synonyms, term).split(" ").filter(function (t) { return t && t !== term; });
      return { terms: [term].concat(extra), places: Object.keys(found[term]) };
    });
  }

  function pagesOf(digits, count) { // a base-32 mask of pages -> [true, false, ...]
    var has = [];
    for (var page = 0; page < count; page++) {
      var digit = (digits || "").length - 1 - Math.floor(page / 5);
      has.push(digit >= 0 && ((parseInt(digits.charAt(digit), 32) >> (page % 5)) & 1) === 1);
    }
    return has;
  }

  function stored(index, term) { // [title, summary, body]: the pages index.json lists for a term
    var masks = index.masks[term] || [], count = index.pages.length;
    return [pagesOf(masks[1], count), pagesOf(masks[2], count), pagesOf(masks[0], count)];
  }

  function columns(index, term) { // Chinese, Japanese, Korean: substrings, from pairs of characters
    if (!index.paired || term.length === 2) return stored(index, term);
    var long = term.length >= index.rank.trigram; // all its pairs; else any pair holding it
    var parts = !long ? Object.keys(index.masks).filter(function (gram) {
      return gram.indexOf(term) >= 0;
    }) : (term.match(pieces(index)) || []).reduce(function (all, piece) {
      return all.concat(grams(piece));
    }, []);
    var found = stored(index, "").map(function (column) {
      return column.map(function () { return long; });
    });
    parts.forEach(function (gram) {
      stored(index, gram).forEach(function (column, c) {
        column.forEach(function (has, page) {
          found[c][page] = long ? found[c][page] && has : found[c][page] || has;
        });
      });
    });
    return found;
  }

  function rankPages(index, query) {
    var pages = index.pages, rank = index.rank, weights = rank.weights, count = pages.length;
    var average = pages.reduce(function (sum, page) { return sum + page.n; }, 0) / Math.max(count, 1);
    var hits = pages.map(function (page, order) {
      return { page: page, order: order, places: {}, head: {}, score: 0 };
    });
    queryGroups(index, query).forEach(function (group) {
      var scores = {};
      group.terms.forEach(function (term) {
        var c = columns(index, term), holding = [];
        for (var page = 0; page < count; page++) if (c[0][page] || c[1][page] || c[2][page]) holding.push(page);
        var idf = Math.log((count - holding.length + 0.5) / (holding.length + 0.5));
        if (!(idf > 0)) idf = 1e-6;
        holding.forEach(function (page) {
          var freq = (c[0][page] ? weights[0] : 0) + (c[1][page] ? weights[1] : 0) + (c[2][page] ? weights[2] : 0);
          var score = scores[page] || (scores[page] = [0, false]);
          score[0] += idf * (freq * (rank.k1 + 1) / (freq + rank.k1 * (1 - rank.b + rank.b * pages[page].n / average)));
          score[1] = score[1] || c[0][page] || c[1][page];
        });
      });
      Object.keys(scores).forEach(function (page) {
        var hit = hits[page];
        group.places.forEach(function (place) {
          hit.places[place] = true;
          if (scores[page][1]) hit.head[place] = true;
        });
        hit.score += scores[page][0];
      });
    });
    hits.forEach(function (hit) {
      hit.matched = Object.keys(hit.places).length;
      hit.headline = Object.keys(hit.head).length;
    });
    return hits.filter(function (hit) { return hit.matched; }).sort(function (a, b) {
      return b.matched + b.headline - a.matched - a.headline || b.score - a.score || a.order - b.order;
    });
  }

  function showResults(root, found) {
    var heading = document.createElement(found.length ? "h2" : "p");
    heading.textContent = root.getAttribute(found.length ? "data-found" : "data-none");
    root.appendChild(heading);
    if (!found.length) return;
    var list = document.createElement("ol");
    list.className = "lesson-list search-results__list";
    found.slice(0, 50).forEach(function (item) {
      var entry = document.createElement("li");
      if (item.page.lang !== document.documentElement.lang) {
        entry.lang = item.page.lang;
        entry.dir = "ltr";
      }
      var link = document.createElement("a");
      link.href = item.page.url;
      link.textContent = item.page.title;
      entry.appendChild(link);
      [[item.page.section, "meta"], [item.page.summary, ""]].forEach(function (part) {
        if (!part[0]) return;
        var text = document.createElement("p");
        text.textContent = part[0];
        if (part[1]) text.className = part[1];
        entry.appendChild(text);
      });
      list.appendChild(entry);
    });
    root.appendChild(list);
  }

  function initStaticSearch() {
    var root = document.querySelector("[data-static-search]");
    if (!root || !window.fetch || !window.URLSearchParams) return;
    var message = root.querySelector("[data-static-search-message]");
    var query = (new URLSearchParams(window.location.search).get("q") || "").slice(0, 200);
    var input = document.getElementById("site-search-q");
    if (input) input.value = query;
    message.hidden = true;
    if (!/[\p{L}\p{N}]/u.test(query)) return;
    window.fetch(root.getAttribute("data-index"), { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("search index: " + response.status);
        return response.json();
      })
      .then(function (index) { showResults(root, rankPages(loadIndex(index), query)); })
      .catch(function () { message.hidden = false; });
  }
  /* == end of static export search == */

  if (typeof document === "undefined") { // node: tests/content/test_search.py runs the ranker
    module.exports = { loadIndex: loadIndex, rankPages: rankPages };
    return;
  }
  initExitThisPage();
  initPresenter();
  initStaticSearch();
})();
