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

  initExitThisPage();
  initPresenter();
})();
