"""The article citable: its citation as CSL-JSON, BibTeX and RIS, written next to its page.

Reference managers read these files as they are (no script needed): `cite.json` (CSL-JSON,
what Zotero, Mendeley and pandoc's citeproc read), `cite.bib` (BibTeX, for LaTeX) and
`cite.ris` (RIS, for EndNote and the rest). `sources.json` holds the article's sources as
CSL-JSON, with what `sources` found on their pages. The page's "Cite this article" block
links them; the Highwire `citation_*` tags in its head say the same to Zotero's connector.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from ..article.resolve import Article, Source
from ..content.schema import Moment
from ..settings import Settings

FILES = {"json": "cite.json", "bib": "cite.bib", "ris": "cite.ris", "sources": "sources.json"}


def site_citation_files(articles: Iterable[Article], settings: Settings
                        ) -> Iterator[tuple[str, bytes]]:
    """Every published article's citation files (each article with its sources), one
    (path, bytes) at a time."""
    for article in articles:
        yield from citation_files(article, settings).items()


def citation_files(article: Article, settings: Settings) -> dict[str, bytes]:
    """The article's citation files, by their path in the site."""
    item = article_csl(article, settings)
    texts = {"json": _json([item]), "bib": bibtex(item), "ris": ris(item),
             "sources": _json([source_csl(source) for source in article.sources
                               if source.url and not source.lost])}
    return {f"{article.slug}/{FILES[kind]}": text.encode("utf-8") for kind, text in texts.items()}


def article_csl(article: Article, settings: Settings) -> dict:
    """The article as one CSL-JSON item (CSL 1.0.2): a newspaper article when it first
    appeared in a publication, else a web page of this site."""
    meta = article.meta
    item = {
        "id": article.slug.replace("/", "-"),
        "type": "article-newspaper" if meta.publication else "webpage",
        "title": meta.title,
        "author": [_person(author.name) for author in meta.authors],
        "issued": _date_parts(meta.date),
        "container-title": meta.publication.name if meta.publication else settings.title,
        "publisher": settings.title,
        "URL": settings.base_url + article.url,
        "language": article.lang,
        "abstract": article.summary or None,
        "section": meta.section,
    }
    return {key: value for key, value in item.items() if value not in (None, [], "")}


def source_csl(source: Source) -> dict:
    """One source as a CSL-JSON item, with what the editor typed and `sources` found."""
    item = {
        "id": source.key or f"source-{source.number}",
        "type": "webpage",
        "title": source.title,
        "author": [{"literal": name.strip()} for name in (source.author or "").split(",")
                   if name.strip()],
        "issued": _date_parts(source.date) if source.date else None,
        "accessed": _date_parts(source.accessed) if source.accessed else None,
        "container-title": source.publisher,
        "URL": source.url,
        "archive_location": source.archived,
        "language": source.lang,
        "note": source.note,
    }
    return {key: value for key, value in item.items() if value not in (None, [], "")}


def bibtex(item: dict) -> str:
    """One biblatex `@online` (or `@article`) entry; names "Family, Given" joined by "and"."""
    kind = "article" if item["type"] == "article-newspaper" else "online"
    parts = item["issued"]["date-parts"][0]
    text = {name: _bib_escape(item[name]) if item.get(name) else None
            for name in ("title", "container-title", "language", "abstract")}
    fields = {
        "title": text["title"],
        "author": " and ".join(_bib_name(person, _bib_escape)
                               for person in item.get("author", [])),
        "date": "-".join(f"{part:02d}" for part in parts),
        "year": str(parts[0]),
        "journaltitle" if kind == "article" else "organization": text["container-title"],
        "url": item["URL"],
        "langid": text["language"],
        "abstract": text["abstract"],
    }
    lines = [f"@{kind}{{{item['id']},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "\n".join(lines) + "\n}\n"


def ris(item: dict) -> str:
    """One RIS record (the tags EndNote and Zotero read), lines ending CR LF as RIS wants."""
    parts = item["issued"]["date-parts"][0]
    tags = [("TY", "NEWS" if item["type"] == "article-newspaper" else "ELEC"),
            ("TI", item["title"])]
    tags += [("AU", person.get("literal") or _bib_name(person))
             for person in item.get("author", [])]
    tags += [("PY", str(parts[0])), ("DA", "/".join(f"{part:02d}" for part in parts)),
             ("T2", item["container-title"]), ("PB", item.get("publisher")),
             ("UR", item["URL"]), ("LA", item.get("language")), ("AB", item.get("abstract")),
             ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in tags if value or
                   tag == "ER")


def _person(name: str) -> dict:
    """"Ann Lee" -> family Lee, given Ann; a single word or an organisation stays literal."""
    given, _, family = name.strip().rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name.strip()}


def _bib_name(person: dict, escape=lambda text: text) -> str:
    """"Family, Given"; an organisation in braces, so that BibTeX keeps it whole."""
    if "literal" in person:
        return f"{{{escape(person['literal'])}}}"
    return f"{escape(person['family'])}, {escape(person['given'])}"


def _date_parts(moment: Moment) -> dict:
    day = moment.value.date()
    count = {"year": 1, "month": 2}.get(moment.precision, 3)
    return {"date-parts": [[day.year, day.month, day.day][:count]]}


_BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib_escape(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    return _one_line(_BIB_SPECIAL.sub(r"\\\1", text).replace(r"\textbackslash\{\}",
                                                             r"\textbackslash{}"))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
