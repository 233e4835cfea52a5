// Search without a server: search/index.json names the shards of the index (see
// footnoted/search_shards.py); a query fetches only the shards of its words, and the
// documents of the results it shows. Terms are normalised exactly as footnoted/search.py does.
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.createElement("button");
  var root = form.getAttribute("data-root");
  var manifestUrl = new URL(form.getAttribute("data-index"), location.href);
  var manifest = null, files = {}, latest = 0, shown = [];
  var PAGE = 10;  // results shown at a time, each needing its document's shard
  // ms without a keystroke before searching; four times that after one or two letters of a
  // word, which are most often the start of a longer one (and whose shards are large)
  var PAUSE = 150;

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .match(/[\p{L}\p{N}]+/gu) || [];
  }

  // A file of the index, fetched once (relative to index.json, so any path prefix works).
  function load(name) {
    return files[name] || (files[name] = fetch(new URL(name, manifestUrl)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }));
  }

  // The shard that would hold `term`: the last whose first term is not after it.
  function shardOf(term) {
    var low = 0, high = manifest.terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (manifest.terms[middle][0] <= term) low = middle + 1; else high = middle;
    }
    return Math.max(low - 1, 0);
  }

  // Scores of the documents holding `term`, or any term starting with it: {doc: weight}.
  function scores(term, asPrefix) {
    var last = asPrefix ? shardOf(term + "\uffff") : shardOf(term);
    var shards = manifest.terms.slice(shardOf(term), last + 1);
    return Promise.all(shards.map(function (shard) { return load(shard[1]); }))
      .then(function (loaded) {
        var result = {};
        loaded.forEach(function (shard) {
          Object.keys(shard).forEach(function (found) {
            if (found !== term && !(asPrefix && found.lastIndexOf(term, 0) === 0)) return;
            for (var i = 0, doc = 0; i < shard[found].length; i += 2) {
              doc += shard[found][i];  // documents are stored as gaps from the one before
              result[doc] = (result[doc] || 0) + shard[found][i + 1];
            }
          });
        });
        return result;
      });
  }

  // Every query word must match; the last, from three letters on, may be the beginning of
  // a word, since the reader is still typing. Documents best first.
  function search(query) {
    var terms = words(query);
    return Promise.all(terms.map(function (term, position) {
      return scores(term, position === terms.length - 1 && term.length >= 3);
    })).then(function (found) {
      var total = found.length ? found[0] : {};
      found.slice(1).forEach(function (next) {
        var both = {};
        Object.keys(total).forEach(function (doc) {
          if (doc in next) both[doc] = total[doc] + next[doc];
        });
        total = both;
      });
      return Object.keys(total).map(Number).sort(function (a, b) {
        return total[b] - total[a] || a - b;
      });
    });
  }

  function show(query) {
    var started = performance.now(), asked = ++latest;
    search(query).then(function (docs) {
      return documents(docs.slice(0, PAGE)).then(function (first) {
        if (asked !== latest) return;  // a later keystroke has asked again
        shown = docs;
        list.replaceChildren.apply(list, first.map(result));
        more.hidden = first.length >= docs.length;
        form.setAttribute("data-ms", (performance.now() - started).toFixed(1));
        form.setAttribute("data-shown", query);
        status.textContent = !docs.length ? (query.trim() ? said("none") : "") :
          docs.length === 1 ? said("one") : said("many").replace("{n}", docs.length);
      });
    }).catch(failed);
  }

  function showMore() {
    var asked = latest;
    documents(shown.slice(list.children.length, list.children.length + PAGE))
      .then(function (next) {
        if (asked !== latest) return;
        list.append.apply(list, next.map(result));
        more.hidden = list.children.length >= shown.length;
      }).catch(failed);
  }

  // The documents numbered `numbers`, once the files holding them are here.
  function documents(numbers) {
    var per = manifest.docs_per_file;
    return Promise.all(numbers.map(function (number) {
      return load(manifest.docs[Math.floor(number / per)]).then(function (docs) {
        return docs[number % per];
      });
    }));
  }

  function result(doc) {
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
    date.textContent = humanDate(doc[3]);
    item.append(heading, summary, date);
    return item;
  }

  function failed() { status.textContent = said("failed"); }

  // The interface's words in the page's language, as the page wrote them on the form.
  function said(what) { return form.getAttribute("data-" + what); }

  // "2023-04-06" as the page's language writes a date ("April 6, 2023", "6 апреля 2023 г."),
  // as footnoted/content/languages.py does on every other page; "2023-04" and "2023" too.
  function humanDate(iso) {
    var parts = iso.slice(0, 10).split("-").map(Number); // a time, if any, is not shown
    var options = { timeZone: "UTC", year: "numeric" };
    if (parts.length > 1) options.month = "long";
    if (parts.length > 2) options.day = "numeric";
    var day = new Date(Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1));
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang, options).format(day);
    } catch (error) {
      return iso; // a language the browser does not know
    }
  }

  more.type = "button";
  more.hidden = true;
  more.textContent = said("more");
  more.addEventListener("click", showMore);
  list.after(more);
  load(manifestUrl.href).then(function (data) {
    manifest = data;
    form.setAttribute("data-ready", "");
    var typing = null;  // search once typing pauses: each prefix on the way may need shards
    input.addEventListener("input", function () {
      var last = words(input.value).pop() || "";
      clearTimeout(typing);
      typing = setTimeout(function () { show(input.value); }, last.length < 3 ? 4 * PAUSE : PAUSE);
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; show(query); }
  }).catch(failed);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (manifest) show(input.value);
  });
})();
