// Search without a server: fetch search-index.json once, answer every keystroke from it.
// Terms are normalised exactly as footnoted/search.py does when it builds the index.
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root");
  var index = null;
  var sortedTerms = null;

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .match(/[\p{L}\p{N}]+/gu) || [];
  }

  // Terms starting with `prefix`, found by binary search in the sorted term list.
  function withPrefix(prefix) {
    var low = 0, high = sortedTerms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (sortedTerms[middle] < prefix) low = middle + 1; else high = middle;
    }
    var found = [];
    while (low < sortedTerms.length && sortedTerms[low].lastIndexOf(prefix, 0) === 0) {
      found.push(sortedTerms[low++]);
    }
    return found;
  }

  // Scores of the documents holding any of `terms`: {doc: weight}.
  function scores(terms) {
    var result = {};
    terms.forEach(function (term) {
      var postings = index.terms[term];
      for (var i = 0; i < postings.length; i += 2) {
        result[postings[i]] = (result[postings[i]] || 0) + postings[i + 1];
      }
    });
    return result;
  }

  // Every query word must match; the last may be a prefix, since the reader is still typing.
  function search(query) {
    var terms = words(query);
    var total = null;
    terms.forEach(function (term, position) {
      var matching = position === terms.length - 1 ? withPrefix(term) :
        (index.terms[term] ? [term] : []);
      var found = scores(matching);
      if (total === null) { total = found; return; }
      var both = {};
      Object.keys(total).forEach(function (doc) {
        if (doc in found) both[doc] = total[doc] + found[doc];
      });
      total = both;
    });
    return Object.keys(total || {}).map(Number).sort(function (a, b) {
      return total[b] - total[a] || a - b;
    });
  }

  function show(query) {
    var started = performance.now();
    var docs = query.trim() ? search(query) : [];
    list.replaceChildren.apply(list, docs.slice(0, 50).map(result));
    var elapsed = performance.now() - started;
    form.setAttribute("data-ms", elapsed.toFixed(1));
    status.textContent = !query.trim() ? "" :
      docs.length === 0 ? "No articles match." :
      docs.length === 1 ? "1 article matches." : docs.length + " articles match.";
  }

  function result(number) {
    var doc = index.docs[number];
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = root + doc[0];
    link.textContent = doc[1];
    heading.appendChild(link);
    var summary = document.createElement("p");
    summary.textContent = doc[2];
    var date = document.createElement("time");
    date.dateTime = doc[3];
    date.textContent = doc[3];
    item.append(heading, summary, date);
    return item;
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      index = data;
      sortedTerms = Object.keys(index.terms).sort();
      form.setAttribute("data-ready", "");
      input.addEventListener("input", function () { show(input.value); });
      var query = new URLSearchParams(location.search).get("q");
      if (query) { input.value = query; show(query); }
    })
    .catch(function () { status.textContent = "The search index could not be loaded."; });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (index) show(input.value);
  });
})();
