"""Import WeasyPrint without its slow shared-library lookup (WeasyPrint issue #1125).

WeasyPrint's import looks up each of its libraries (GObject, Pango, HarfBuzz, Fontconfig ...)
under several platform names through cffi, which calls ``ctypes.util.find_library`` for every
name it cannot load directly. On Linux each call starts ``/sbin/ldconfig -p``, then ``gcc`` and
``ld`` when the name is unknown: about fifty processes and a large share of a ``convert`` run.

:func:`preload_weasyprint` imports WeasyPrint once with ``find_library`` answered by ctypes'
own first method (the same regular expression on the ldconfig cache), the cache read ONCE.
Where that method finds nothing it answers ``None`` (ctypes would go on to ask gcc and ld,
which search compiler paths); if a library WeasyPrint needs is then missing, the import is
retried with ctypes' own lookup, so nothing that loaded before fails now.
``EASYREAD_WEASYPRINT_LOOKUP=ctypes`` turns it off.
"""

from __future__ import annotations

import os
import re
import sys

_LDCONFIG: bytes | None = None
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def ldconfig_find_library(name: str) -> str | None:
    """``ctypes.util._findSoname_ldconfig(name)`` on one cached ``ldconfig -p`` listing."""
    global _LDCONFIG
    import struct
    import subprocess

    if _LDCONFIG is None:
        try:
            _LDCONFIG = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       env={"LC_ALL": "C", "LANG": "C"}, check=False).stdout
        except OSError:
            _LDCONFIG = b""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({_ABI.get(machine, 'libc6')}"
    found = re.search(os.fsencode(pattern), _LDCONFIG)
    return os.fsdecode(found.group(1)) if found else None


def fast_lookup_applies() -> bool:
    return (sys.platform.startswith("linux") and os.path.exists("/sbin/ldconfig")
            and os.environ.get("EASYREAD_WEASYPRINT_LOOKUP") != "ctypes")


def preload_weasyprint() -> None:
    """Import ``weasyprint`` and ``weasyprint.urls`` with the fast lookup (no-op when they are
    already imported or the lookup does not apply). A failure leaves no half-imported module:
    the ordinary import that follows then runs ctypes' own lookup."""
    if "weasyprint" in sys.modules or not fast_lookup_applies():
        return
    import ctypes.util
    import importlib

    original = ctypes.util.find_library
    ctypes.util.find_library = ldconfig_find_library
    try:
        importlib.import_module("weasyprint")
        importlib.import_module("weasyprint.urls")
    except OSError:
        for key in [k for k in sys.modules if k == "weasyprint" or k.startswith("weasyprint.")]:
            del sys.modules[key]
    finally:
        ctypes.util.find_library = original
