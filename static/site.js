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

  initExitThisPage();
})();
