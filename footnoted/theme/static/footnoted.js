/* footnoted: the theme toggle, sidenotes level with their markers, note popovers.
   Loaded with `defer`: it never blocks parsing or rendering. (The saved theme is applied
   before the first paint by the small inline script in base.html.) Every part is an
   enhancement: without it the system theme applies, sidenotes sit beside their paragraph,
   and markers jump to the endnotes, whose back-links return to the marker. */
(function () {
  "use strict";
  var THEMES = ["auto", "light", "dark"];
  var KEY = "footnoted-theme";
  var root = document.documentElement;

  function savedTheme() {
    try {
      return localStorage.getItem(KEY) || "auto";
    } catch (error) {
      return "auto"; // storage blocked: follow the system
    }
  }

  function applyTheme(theme) {
    if (theme === "light" || theme === "dark") {
      root.setAttribute("data-theme", theme);
    } else {
      root.removeAttribute("data-theme");
    }
  }

  function setUpThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    var show = function (theme) {
      button.textContent = button.getAttribute("data-" + theme); // in the page's language
    };
    show(savedTheme());
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = THEMES[(THEMES.indexOf(savedTheme()) + 1) % THEMES.length];
      try {
        localStorage.setItem(KEY, next);
      } catch (error) {
        /* not saved; still applied to this page */
      }
      applyTheme(next);
      show(next);
    });
  }

  var MARKERS = "a.noteref[id], a.glossary-term[id]";
  var markers = [];
  var popover = null;
  var openMarker = null;

  function sidenotesShown() {
    var aside = document.querySelector(".sidenotes");
    return Boolean(aside && aside.getClientRects().length);
  }

  /* Lower each margin entry to its marker's line; entries that would overlap the one above
     stay below it, because every aside clears the previous one. */
  function alignSidenotes() {
    var entries = document.querySelectorAll(".sidenote[data-ref]");
    entries.forEach(function (entry) {
      entry.style.marginTop = "";
    });
    if (!sidenotesShown()) return;
    entries.forEach(function (entry) {
      var marker = document.getElementById(entry.getAttribute("data-ref"));
      if (!marker) return;
      var drop = marker.getBoundingClientRect().top - entry.getBoundingClientRect().top;
      if (drop > 0) entry.style.marginTop = drop + "px";
    });
  }

  function makePopover() {
    popover = document.createElement("div");
    popover.className = "note-popover";
    popover.setAttribute("popover", "manual");
    popover.setAttribute("role", "dialog");
    popover.tabIndex = -1;
    document.body.appendChild(popover);
  }

  function fillPopover(marker, note) {
    var list = note.closest("[data-entry]"); // says "Source" or "Note" in the page's language
    var term = note.tagName === "DT"; // a glossary term: its definition follows
    var heading = document.createElement("p");
    var link = document.createElement("a");
    link.href = "#" + note.id; // the entry in its list
    link.textContent = term ? note.textContent :
      (list ? list.getAttribute("data-entry") + " " : "") + marker.textContent;
    heading.className = "note-popover-label";
    heading.appendChild(link);
    popover.replaceChildren(heading);
    var body = term ? note.nextElementSibling : note;
    if (!body) return;
    body.childNodes.forEach(function (node) {
      popover.appendChild(node.cloneNode(true));
    });
    popover.querySelectorAll("[id]").forEach(function (element) {
      element.removeAttribute("id");
    });
    popover.querySelectorAll(".backlinks, .glossary-back").forEach(function (element) {
      element.remove();
    });
    popover.setAttribute("aria-label", link.textContent);
  }

  function placePopover(marker) {
    var spot = marker.getBoundingClientRect();
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var left = Math.min(Math.max(8, spot.left - 16), root.clientWidth - width - 8);
    var top = spot.bottom + 6;
    if (top + height > window.innerHeight && spot.top - height - 6 > 0) {
      top = spot.top - height - 6; // no room below: open above the marker
    }
    popover.style.left = Math.max(0, left) + window.scrollX + "px";
    popover.style.top = top + window.scrollY + "px";
  }

  function openPopover(marker) {
    var note = document.getElementById(marker.hash.slice(1));
    if (!note) return false;
    if (openMarker) openMarker.setAttribute("aria-expanded", "false");
    fillPopover(marker, note);
    if (!popover.matches(":popover-open")) {
      try {
        popover.showPopover({ source: marker }); // Tab then goes from the marker into it
      } catch (error) {
        popover.showPopover();
      }
    }
    placePopover(marker);
    openMarker = marker;
    marker.setAttribute("aria-expanded", "true");
    popover.focus({ preventScroll: true });
    return true;
  }

  function closePopover(returnFocus) {
    if (!openMarker) return;
    var marker = openMarker;
    openMarker = null;
    marker.setAttribute("aria-expanded", "false");
    if (popover.matches(":popover-open")) popover.hidePopover();
    if (returnFocus) marker.focus();
  }

  /* Sources and notes open a popover where the margin does not show them; glossary terms,
     which have no margin copy, everywhere. */
  function opensPopover(marker) {
    return markers.indexOf(marker) >= 0 &&
      (marker.classList.contains("glossary-term") || !sidenotesShown());
  }

  function onClick(event) {
    var marker = event.target.closest(MARKERS);
    if (marker && opensPopover(marker)) {
      if (marker === openMarker) {
        event.preventDefault();
        closePopover(true);
      } else if (openPopover(marker)) {
        event.preventDefault();
      }
    } else if (openMarker && !popover.contains(event.target)) {
      closePopover(false);
    } else if (openMarker && event.target.closest("a")) {
      closePopover(false); // a link inside the popover leaves it
    }
  }

  function onKeyDown(event) {
    if (event.key === "Escape" && openMarker) {
      event.preventDefault();
      closePopover(true);
    }
  }

  var pending = false;
  function onResize() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      if (openMarker && !opensPopover(openMarker)) closePopover(false);
      alignSidenotes();
    });
  }

  function setUpNotes() {
    markers = Array.prototype.slice.call(document.querySelectorAll(
      ".article-body a.noteref[id], .article-body a.glossary-term[id]"));
    if (!markers.length) return;
    alignSidenotes();
    window.addEventListener("resize", onResize);
    window.addEventListener("load", alignSidenotes);
    if (!("popover" in HTMLElement.prototype)) return; // older browsers keep the jump links
    makePopover();
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeyDown);
  }

  function start() {
    setUpThemeToggle();
    setUpNotes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
