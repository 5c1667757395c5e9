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
     index.json and lists the pages holding every word of ?q=. The live site searches on the
     server and needs no script. Words are folded as app/search.py fold() does. */
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\u0111/g, "d");
  }

  function searchScore(page, terms) {
    var title = " " + fold(page.title) + " ";
    var words = " " + page.words + " ";
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      if (words.indexOf(terms[i]) < 0 && title.indexOf(terms[i]) < 0) return 0;
      score += title.indexOf(terms[i]) >= 0 ? 4 : words.indexOf(" " + terms[i]) >= 0 ? 2 : 1;
    }
    return score;
  }

  function showResults(root, pages, terms) {
    var found = [];
    pages.forEach(function (page, order) {
      var score = searchScore(page, terms);
      if (score) found.push({ page: page, score: score, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
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
    var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 12);
    if (!terms.length) return;
    window.fetch(root.getAttribute("data-index"), { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("search index: " + response.status);
        return response.json();
      })
      .then(function (index) { showResults(root, index.pages, terms); })
      .catch(function () { message.hidden = false; });
  }
  /* == end of static export search == */

  initExitThisPage();
  initPresenter();
  initStaticSearch();
})();
