"""Differences between the supported markdown-it-py versions (3.0 to 4.x), in one place.

Bare URLs (``https://…``, ``www.…``, ``mailto:``/``xmpp:`` and e-mail addresses) become links through
mdit-py-plugins' GFM autolink plugin, which needs markdown-it-py >= 4.1 (a hook to stop the text rule
at ``w``). markdown-it-py 3 (what myst-parser 3 and 4, hence Jupyter Book 1, require) has no such hook
and mdit-py-plugins before 0.5 has no such plugin, so :func:`use_own_autolinks` implements the same
GFM rules as three inline rules plus a text rule that also stops at ``w``. The test suite checks that
both give the same tokens for a set of inputs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["HAS_GFM_AUTOLINK", "use_autolinks", "use_own_autolinks"]

try:
    from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

    _upstream_plugin: Callable[[MarkdownIt], None] | None = gfm_autolink_plugin
except ImportError:  # mdit-py-plugins < 0.5
    _upstream_plugin = None

#: Whether the upstream plugin can run here (markdown-it-py >= 4.1 and mdit-py-plugins >= 0.5).
HAS_GFM_AUTOLINK: bool = _upstream_plugin is not None and hasattr(MarkdownIt().inline, "add_terminator_char")


def use_autolinks(md: MarkdownIt) -> None:
    """Link bare URLs the GFM way: the upstream plugin when it can run, else our own rules."""
    if HAS_GFM_AUTOLINK and _upstream_plugin is not None:  # (the second test is implied by the first)
        md.use(_upstream_plugin)
    else:
        use_own_autolinks(md)


def use_own_autolinks(md: MarkdownIt) -> None:
    """The GFM autolink extension on any markdown-it-py (public so tests can compare it)."""
    md.inline.ruler.at("text", _text_rule)
    md.inline.ruler.push("arxivdigest_autolink_www", _www_rule)
    md.inline.ruler.push("arxivdigest_autolink_protocol", _protocol_rule)
    md.inline.ruler.push("arxivdigest_autolink_email", _email_rule)


# markdown-it's own stop characters (the same in 3.x and 4.x) plus "w", where a www. link may start.
_STOP = re.compile("[" + re.escape("\n!#$%&*+-:<=>@[\\]^_`{}~w") + "]")
_SPACE = " \t\r\n\x00\x0b\x0c"
_BEFORE_LINK = " \t\r\n*_~("  # GFM: a link starts a line or follows one of these
_TRIMMED = "?!.,:*_~'\"[]"
_PROTOCOL = re.compile(r"(https?|mailto|xmpp)$")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9.+\-_]+$")


def _text_rule(state: StateInline, silent: bool) -> bool:
    """Plain text up to the next character some rule may start at."""
    stop = _STOP.search(state.src, state.pos, state.posMax)
    end = stop.start() if stop else state.posMax
    if end == state.pos:
        return False
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _host_char(ch: str) -> bool:
    return not ch.isspace() and not unicodedata.category(ch).startswith("P")


def _domain_length(text: str, allow_short: bool) -> int | None:
    """Length of the valid domain at the start of ``text``: no ``_`` in its last two labels and,
    unless ``allow_short``, at least one dot."""
    dots = underscores_before = underscores = 0
    for index, ch in enumerate(text):
        if ch == "_":
            underscores += 1
        elif ch == ".":
            underscores_before, underscores, dots = underscores, 0, dots + 1
        elif ch != "-" and not _host_char(ch):
            ok = not underscores_before and not underscores and (allow_short or dots > 0)
            return index if ok else None
    if (underscores_before or underscores) and dots <= 10:
        return None
    return len(text) if text and (allow_short or dots > 0) else None


def _trim_end(text: str, end: int) -> int:
    """GFM's end of a link: not past ``<``, without trailing punctuation, an unbalanced ``)`` or a
    trailing entity reference."""
    less = text.find("<", 0, end)
    if less >= 0:
        end = less
    while end > 0:
        last = text[end - 1]
        if last in _TRIMMED:
            end -= 1
        elif last == ";":
            start = end - 2
            while start > 0 and text[start].isalpha():
                start -= 1
            end = start if start < end - 2 and text[start] == "&" else end - 1
        elif last == ")" and text.count(")", 0, end) > text.count("(", 0, end):
            end -= 1
        else:
            break
    return end


def _url_length(text: str, start: int, allow_short: bool) -> int | None:
    """Length of the URL ``text`` whose domain begins at ``start``."""
    domain = _domain_length(text[start:], allow_short)
    if domain is None:
        return None
    end = start + domain
    while end < len(text) and text[end] not in _SPACE:
        end += 1
    return _trim_end(text, end)


def _email_length(text: str, start: int, protocol: str | None) -> int | None:
    """Length of the e-mail address (``mailto:``/``xmpp:`` prefix included) whose local part
    begins at ``start``."""
    at = start
    while at < len(text) and text[at] != "@":
        ch = text[at]
        if not (ch.isascii() and (ch.isalnum() or ch in ".+-_")):
            return None
        at += 1
    if at == start or at == len(text):
        return None
    end, dots, slashes = at + 1, 0, 0
    while end < len(text):
        ch = text[end]
        following = text[end + 1] if end + 1 < len(text) else ""
        if ch == "@":
            if protocol != "xmpp":
                return None
        elif ch == "." and end < len(text) - 1 and following.isascii() and following.isalnum():
            dots += 1
        elif ch == "/" and protocol == "xmpp" and slashes == 0:
            slashes += 1
        elif not (ch.isascii() and ch.isalnum()) and ch not in "-_":
            break
        end += 1
    last = text[end - 1]
    if end < 2 or dots == 0 or (not (last.isascii() and last.isalpha()) and last != "."):
        return None
    return end


def _may_start(state: StateInline, start: int) -> bool:
    return start <= 0 or state.src[start - 1] in _BEFORE_LINK


def _push_link(state: StateInline, href: str, label: str) -> bool:
    url = state.md.normalizeLink(href)
    if not state.md.validateLink(url):
        return False
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": url}
    token.markup, token.info = "autolink", "auto"
    state.push("text", "", 0).content = state.md.normalizeLinkText(label)
    token = state.push("link_close", "a", -1)
    token.markup, token.info = "autolink", "auto"
    return True


def _www_rule(state: StateInline, silent: bool) -> bool:
    pos, src = state.pos, state.src
    if silent or state.linkLevel > 0 or not src.startswith("www.", pos) or pos + 4 > state.posMax:
        return False
    before = state.pending[-1:] or (src[pos - 1] if pos > 0 else "")
    if before and before not in _BEFORE_LINK:
        return False
    text = src[pos : state.posMax]
    length = _url_length(text, 4, False)
    if length is None or not _push_link(state, "http://" + text[:length], text[:length]):
        return False
    state.pos += length
    return True


def _protocol_rule(state: StateInline, silent: bool) -> bool:
    """At ``:``, the protocol name is the end of the pending text."""
    pos = state.pos
    rest = state.src[pos : state.posMax]
    if silent or state.linkLevel > 0 or len(rest) < 4 or rest[0] != ":":
        return False
    found = _PROTOCOL.search(state.pending)
    if found is None:
        return False
    protocol = found.group(1)
    if not _may_start(state, pos - len(protocol)):
        return False
    text = protocol + rest
    if protocol in ("mailto", "xmpp"):
        length = _email_length(text, len(protocol) + 1, protocol)
        href = text[:length] if length else ""
    else:
        length = _url_length(text, len(protocol) + 3, True) if text[len(protocol) :].startswith("://") else None
        href = text[:length] if length else ""
    if not length:
        return False
    return _replace_pending(state, len(protocol), length, href, text[:length])


def _email_rule(state: StateInline, silent: bool) -> bool:
    """At ``@``, the local part is the end of the pending text."""
    pos, src = state.pos, state.src
    if silent or state.linkLevel > 0 or pos + 1 >= state.posMax or src[pos] != "@":
        return False
    local = _EMAIL_LOCAL.search(state.pending)
    if local is None or not _may_start(state, pos - len(local.group())):
        return False
    end, dots = pos + 1, 0
    while end < state.posMax:
        ch = src[end]
        following = src[end + 1] if end + 1 < state.posMax else ""
        if ch == "@":
            return False
        if ch == "." and following.isascii() and following.isalnum():
            dots += 1
        elif not (ch.isascii() and ch.isalnum()) and ch not in "-_":
            break
        end += 1
    if end == pos + 1 or dots == 0:
        return False
    last = src[end - 1]
    if not (last.isascii() and last.isalnum()) and last != ".":
        return False
    address = local.group() + src[pos:end]
    return _replace_pending(state, len(local.group()), len(address), "mailto:" + address, address)


def _replace_pending(state: StateInline, taken: int, length: int, href: str, label: str) -> bool:
    """The last ``taken`` characters of the pending text start a link of ``length`` characters."""
    pending = state.pending
    state.pending = pending[:-taken]
    if not _push_link(state, href, label):
        state.pending = pending
        return False
    state.pos += length - taken
    return True
