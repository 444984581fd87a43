"""Link targets from a source: what is wrong with one, said precisely, and its ASCII form for the PDF.

A PDF's /URI is ASCII (PDF 32000-1, 12.6.4.7): a host written in another script goes in as its
IDNA form (xn--...), and anything else outside ASCII in the path, query or fragment is
percent-encoded as UTF-8, as a browser would send it. Pure: the validator and markup both use it.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

SCHEMES = ("https://", "http://", "mailto:")
# what may stay as written in a URI's path, query and fragment (RFC 3986), '%' for escapes already made
_SAFE = "/:@!$&'()*+,;=-._~%?#[]"


def problem(url: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for a link target, or None for a good one."""
    lower = url.lower()
    scheme = next((s for s in SCHEMES if lower.startswith(s)), None)
    if scheme is None:
        if lower.startswith("www.") or "." in url.split("/")[0] and " " not in url:
            return "a link must start with https://, http:// or mailto:", f"write https://{url}"
        return "a link must start with https://, http:// or mailto:", "e.g. https://www.example.org/policy"
    if not url.startswith(scheme):
        return (f"the link starts with '{url[:len(scheme)]}'", f"write the scheme in lower case: {scheme}{url[len(scheme):]}")
    for i, ch in enumerate(url):
        if ch.isspace():
            return (f"the link contains a space (character {i + 1})",
                    "remove it, or write %20 for a space that belongs in the address")
        if ch in '<>"\\^`{|}':
            return (f"the link contains the character {ch!r} (character {i + 1}), which a link cannot hold",
                    f"write it as %{ord(ch):02X}")
    rest = url[len(scheme):]
    if scheme == "mailto:":
        if "@" not in rest or not rest.split("@", 1)[1]:
            return "a mailto: link needs an address like name@example.org", "e.g. mailto:coding@example.org"
        return None
    host = _host(rest)
    if not host:
        return "the link has no host after " + scheme, "e.g. https://www.example.org/policy"
    if _idna(host) is None:
        return f"the link's host '{host}' is not a valid domain name", "check the part between // and the next /"
    return None


def to_uri(url: str) -> str:
    """The ASCII form of a link target for the PDF: IDNA host, UTF-8 percent-encoded rest.
    Never fails: a host that has no IDNA form is percent-encoded instead."""
    if url.isascii() and not any(ch in url for ch in ' <>"\\^`{|}'):
        return url
    if url.startswith("mailto:"):
        local, at, domain = url[len("mailto:"):].partition("@")
        domain, sep, query = domain.partition("?")
        return ("mailto:" + quote(local, safe=_SAFE) + at + quote(_idna(domain) or domain, safe=_SAFE)
                + sep + quote(query, safe=_SAFE))
    parts = urlsplit(url)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.rpartition(":") if hostport.count(":") == 1 else (hostport, "", "")
    ascii_host = host if host.startswith("[") else quote(_idna(host) or host, safe="-._~!$&'()*+,;=%")
    netloc = (quote(userinfo, safe=_SAFE) + "@" if userinfo else "") + ascii_host + colon + quote(port, safe="")
    out = f"{parts.scheme}://{netloc}{quote(parts.path, safe=_SAFE)}"
    if parts.query:
        out += "?" + quote(parts.query, safe=_SAFE)
    if parts.fragment:
        out += "#" + quote(parts.fragment, safe=_SAFE)
    return out


def _host(rest: str) -> str:
    """The host of 'host:port/path' (after the scheme), without user and port."""
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _idna(host: str) -> str | None:
    """The host's ASCII (IDNA 2003, Python's codec) form, or None if it has none."""
    if host.startswith("[") and host.endswith("]"):
        return host
    try:
        return host.encode("idna").decode("ascii") if host else None
    except UnicodeError:
        return None
