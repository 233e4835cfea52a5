"""The search index in shards that search.js fetches only as a query needs them (as Pagefind
does), so the search page of a 10,000-article site loads a few hundred KB, not 15 MB.

    search/index.json        {"terms": [[first term, file], ...], "docs": [file, ...],
                              "docs_per_file": 10}
    search/terms/HASH.json   {term: [doc, weight, doc gap, weight, ...], ...}: a run of terms
    search/docs/HASH.json    [[url, title, summary, date], ...]: ten documents in order

Terms are in the order JavaScript compares strings (UTF-16 code units), so search.js finds a
term's shard by binary search over the first terms, and the shards of every term starting
with a prefix as one run. Document numbers in a term's postings are stored as gaps from the
previous one: a word found in most articles then costs a few bytes an article. A file is
named by a hash of its content, so a browser never mixes the shards of two builds.
"""

from __future__ import annotations

import hashlib
import json

TERMS_PER_FILE_BYTES = 20_000  # a term shard's postings, before a new shard begins
DOCS_PER_FILE = 10  # a page of 10 results fetches at most 10 small files


def search_files(docs: list[list[str]], postings: dict[str, list[int]]) -> dict[str, bytes]:
    """The index's files by path from the site root; `postings` maps each term to its
    [doc, weight, doc, weight, ...] with documents in ascending order."""
    return index_files([doc_entry(doc) for doc in docs],
                       [(term, coded_postings(found)) for term, found in postings.items()])


def index_files(entries: list[bytes], coded: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """The index's files from each document's `doc_entry` in order and each term's
    `coded_postings` (in any order): what an incremental build keeps between builds."""
    files: dict[str, bytes] = {}
    terms = []
    for shard in _term_runs(coded):
        terms.append([shard[0][0], _add_encoded(files, "terms", _json_object(shard))])
    doc_files = [_add_encoded(files, "docs", b"[" + b",".join(entries[start:start + DOCS_PER_FILE])
                              + b"]")
                 for start in range(0, len(entries), DOCS_PER_FILE)]
    manifest = {"terms": terms, "docs": doc_files, "docs_per_file": DOCS_PER_FILE}
    files["search/index.json"] = _json(manifest)
    return files


def doc_entry(doc: list[str]) -> bytes:
    """One document as its docs file holds it: [url, title, summary, date] in JSON."""
    return _json(doc)


def coded_postings(postings: list[int]) -> bytes:
    """A term's [doc, weight, ...] as its shard holds it: JSON, documents as gaps."""
    return _json(gaps(postings))


def js_order(term: str) -> bytes:
    """A sort key giving JavaScript's order of strings (by UTF-16 code unit)."""
    return term.encode("utf-16-be")


def gaps(postings: list[int]) -> list[int]:
    """[doc, weight, ...] with each document after the first given as the gap from the one
    before (search.js adds them up again)."""
    documents = postings[0::2]
    coded = postings[:]
    coded[2::2] = [later - earlier
                   for earlier, later in zip(documents, documents[1:], strict=False)]
    return coded


Run = list[tuple[str, bytes]]  # (term, its coded postings as JSON) in JavaScript's order


def _term_runs(coded: list[tuple[str, bytes]]) -> list[Run]:
    """The terms in shards of about TERMS_PER_FILE_BYTES of postings, in JavaScript's order;
    each shard is put together from its terms' encoded postings (_json_object)."""
    runs: list[Run] = [[]]
    size = 0
    for term, postings in sorted(coded, key=lambda pair: js_order(pair[0])):
        cost = len(term) + len(postings)
        if size and size + cost > TERMS_PER_FILE_BYTES:
            runs.append([])
            size = 0
        runs[-1].append((term, postings))
        size += cost
    return [run for run in runs if run]


def _json_object(run: Run) -> bytes:
    """The bytes _json() gives the dict {term: postings} of `run`."""
    return b"{" + b",".join(_json(term) + b":" + coded for term, coded in run) + b"}"


def _add_encoded(files: dict[str, bytes], folder: str, content: bytes) -> str:
    name = f"{folder}/{hashlib.sha1(content).hexdigest()[:10]}.json"
    files[f"search/{name}"] = content
    return name


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
