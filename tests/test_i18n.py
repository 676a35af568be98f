"""Translations: the labels the extension writes go through Sphinx's i18n, with a zh_CN catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import sphinx_arxivdigest

PACKAGE = Path(sphinx_arxivdigest.__file__).parent
LOCALE = PACKAGE / "locale"
DIGEST = """\
# arxiv 2025-12-22

| 标题 | 作者 | PDF链接 | 摘要 |
|---|---|---|---|
| 灵巧世界模型 | Byungjun Kim, Ann Lee | [PDF](https://arxiv.org/pdf/2512.17907v1) | 三维重建技术的最新进展。 |
| RadarGen：汽车雷达点云生成 | Tomer Borreda et.al. | [PDF](https://arxiv.org/pdf/2512.17897v1) | 扩散模型。 |
"""
PAGE = "论文\n====\n\n.. arxiv-digest:: digests/d.md\n   :filter-box:\n   :abstract: collapsed\n\n.. arxiv-index::\n"


def _source_messages() -> set[str]:
    found: set[str] = set()
    for source in PACKAGE.glob("**/*.py"):
        found.update(re.findall(r"""\b_\((["'])(.+?)\1\)""", source.read_text(encoding="utf-8")))
    return {message for _quote, message in found}


def _plural_messages() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for source in PACKAGE.glob("**/*.py"):
        pattern = r"""\bngettext\((["'])(.+?)\1,\s*(["'])(.+?)\3"""
        found.update((m[1], m[3]) for m in re.findall(pattern, source.read_text(encoding="utf-8")))
    return found


def test_template_lists_every_message_in_the_code() -> None:
    with (LOCALE / "sphinx_arxivdigest.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert _source_messages() <= template
    assert _plural_messages()
    with (LOCALE / "sphinx_arxivdigest.pot").open("rb") as handle:
        plurals = {tuple(m.id) for m in read_po(handle) if isinstance(m.id, (list, tuple))}
    assert _plural_messages() <= plurals
    assert len(template) >= 10


def _hashable(value: object) -> object:
    """A plural message's id and strings are lists (from a .mo) or tuples (from a .po): tuples."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_zh_cn_catalog_is_complete_and_compiled() -> None:
    folder = LOCALE / "zh_CN" / "LC_MESSAGES"
    with (folder / "sphinx_arxivdigest.po").open("rb") as handle:
        po = {_hashable(m.id): _hashable(m.string) for m in read_po(handle) if m.id}
    with (folder / "sphinx_arxivdigest.mo").open("rb") as handle:
        mo = {_hashable(m.id): _hashable(m.string) for m in read_mo(handle) if m.id}
    assert po == mo, "the .mo is stale: recompile it from the .po"
    assert _source_messages() <= {message for message, text in po.items() if text}
    assert _plural_messages() <= {message for message, text in po.items() if isinstance(text, tuple) and all(text)}


ZH_CONF = (
    'extensions = ["sphinx_arxivdigest"]\nlanguage = "zh_CN"\n'
    'source_suffix = {".rst": "restructuredtext"}\nexclude_patterns = ["_build", "digests"]\n'
)


def test_zh_cn_project_shows_chinese_labels(project) -> None:
    app = project.build({"conf.py": ZH_CONF, "digests/d.md": DIGEST, "index.rst": PAGE})
    assert project.warnings(app) == ""
    soup = project.html(app)
    summaries = [s.get_text(strip=True) for s in soup.select("details.arxiv-paper-abstract summary")]
    assert summaries == ["摘要", "摘要"]
    assert soup.select_one(".arxiv-filter-input")["aria-label"] == "筛选论文"
    assert soup.select_one(".arxiv-filter-count")["data-template"] == "显示 {shown} / {total} 篇论文"
    assert soup.select(".arxiv-paper-authors")[1].get_text() == "Tomer Borreda 等"
    assert [fold.get("data-l") for fold in soup.select("details.arxiv-bibtex")] == ["复制|已复制"] * 2
    assert [th.get_text(strip=True) for th in soup.select("table.arxiv-index th")] == ["日期", "标题", "第一作者", "页面"]


def test_english_project_keeps_english_labels(project) -> None:
    app = project.build({"digests/d.md": DIGEST, "index.rst": PAGE})
    soup = project.html(app)
    assert soup.select_one("details.arxiv-paper-abstract summary").get_text(strip=True) == "Abstract"
    assert soup.select(".arxiv-paper-authors")[1].get_text() == "Tomer Borreda et al."


def test_search_finds_papers_by_chinese_title_on_a_zh_cn_site(project) -> None:
    app = project.build({"conf.py": ZH_CONF, "index.rst": PAGE, "digests/d.md": DIGEST})
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    terms = index["terms"]
    # Sphinx's Chinese splitter (jieba) indexes words of the card titles and abstracts.
    for word in ("灵巧", "世界", "模型", "雷达", "三维重建"):
        assert word in terms, word
    # ... each paper's title is an object of the arxiv domain pointing at its card (the search
    # matches any part of it), its authors and id are index entries pointing there too.
    objects = {entry[4]: entry[3] for entries in index["objects"].values() for entry in entries}
    assert objects["灵巧世界模型"] == "arxiv-2512-17907"
    assert index["indexentries"]["byungjun kim"][0][1] == "arxiv-2512-17907"
    assert index["indexentries"]["2512.17907v1"][0][1] == "arxiv-2512-17907"


ARCHIVE_DAY = """\
# Daily digest 2025-12-01

## 机器人

| Title | Authors | PDF | Abstract |
|---|---|---|---|
| Paper One | Alice | [PDF](https://arxiv.org/pdf/2512.00001v1) | One. |
| Paper Two | Bob | [PDF](https://arxiv.org/pdf/2512.00002v1) | Two. |
"""


def test_zh_cn_archive_headings_and_month_names(project) -> None:
    conf = ZH_CONF + 'arxivdigest_archive = {"digests": "digests/*.md"}\nhtml_baseurl = "https://example.org/"\n'
    files = {"conf.py": conf, "index.rst": "首页\n====\n\n.. toctree::\n\n   archive/index\n",
             "digests/2025-12-01.md": ARCHIVE_DAY}
    app = project.build(files)
    assert project.warnings(app) == ""
    index = project.html(app, "archive/index")
    assert index.h1.get_text(strip=True).startswith("归档")
    headings = [h.get_text(strip=True).rstrip("¶#") for h in index.select("section h2, section h3")]
    assert headings == ["2025", "2025年12月", "主题"]
    assert "2 篇论文" in index.get_text()
