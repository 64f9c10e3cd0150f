"""The client's address as the login throttle (django-axes) sees it.

Behind a reverse proxy every request comes from the proxy's address, so a lock on user name + address
would lock that user for everybody. `X-Forwarded-For` is believed only when the request really comes
from a proxy listed in `TRUSTED_PROXIES` (addresses or networks): then the client is the right-most
address in the header that is not itself a trusted proxy. From anywhere else the header is ignored, so
nobody can pick an address of their choice to dodge or aim a lock.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    address = _address(remote)
    if address is None or not _trusted(address):
        return remote
    hops = [_address(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        if hop is None:
            break  # a malformed entry: nothing left of it can be believed
        if not _trusted(hop):
            return str(hop)
    return remote
