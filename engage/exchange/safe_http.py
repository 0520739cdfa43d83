"""Opening other cities' addresses without server-side request forgery.

`opener()` connects only to public addresses: the host is resolved and every address it
resolves to is checked (private, loopback, link-local, multicast, reserved and
unspecified ranges are refused, also as IPv4-mapped IPv6) when the connection is made,
so the address checked is the address connected to (no DNS rebinding between a check and
the connection). Redirects are never followed, and no proxy from the environment is used
(a proxy would hide the address). EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True lifts the address
check (tests, which serve feeds on 127.0.0.1)."""

import http.client
import ipaddress
import socket
import urllib.parse
import urllib.request

from django.utils.translation import gettext as _

from .conf import setting


class AddressRefused(Exception):
    """An address Engage does not fetch from, or a redirect; the message says why."""


def forbidden(address):
    """True when `address` (an IP address string) is not a public unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
    """socket.create_connection, to a checked address of the host only."""
    host, port = address[0], address[1]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not setting("EXCHANGE_ALLOW_PRIVATE_ADDRESSES"):
        for info in infos:
            if forbidden(info[4][0]):
                raise AddressRefused(
                    _(
                        "%(host)s resolves to %(address)s, a private, local or reserved "
                        "address, which Engage does not fetch from. Record the city's "
                        "public address."
                    )
                    % {"host": host, "address": info[4][0]}
                )
    error = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)  # the very address checked above
            return sock
        except OSError as failure:
            error = failure
            sock.close()
    raise error or OSError(_("%(host)s has no address.") % {"host": host})


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise AddressRefused(
            _(
                "%(url)s redirects to %(location)s; Engage does not follow redirects. "
                "Record the address the city publishes its feed at."
            )
            % {"url": req.full_url, "location": newurl}
        )


def opener():
    """A urllib opener that fetches only public addresses, directly, without redirects."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _HTTPHandler, _HTTPSHandler, _NoRedirect
    )


def same_origin(url, other):
    """True when `url` and `other` have the same scheme, host and port."""
    first, second = urllib.parse.urlsplit(url), urllib.parse.urlsplit(other)
    try:
        return (first.scheme, first.hostname, first.port) == (
            second.scheme,
            second.hostname,
            second.port,
        )
    except ValueError:
        return False
