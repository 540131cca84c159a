#!/usr/bin/env python3
"""Build the merchant-presented mode conformance vectors under spec/mpm/.

Python 3, standard library only. Run from anywhere:

    python3 spec/tools/gen_mpm.py            # rewrite spec/mpm/*.json
    python3 spec/tools/gen_mpm.py --check    # only verify; exit 1 if a file would change

What it does:

* `enc` / `build` turn a list of data objects into payload text. An object is `(id, value)`,
  where a template value may itself be a list of `(sub_id, value)`; lengths are two-digit counts
  of characters (Unicode scalar values). `build` appends `6304` and the CRC-16/CCITT-FALSE
  (poly 0x1021, init 0xFFFF, no reflection, xorout 0) of the UTF-8 bytes up to and including
  `6304`, in upper-case hex.
* `(id, value, "LL")` forces the length digits and `Raw("...")` inserts literal text, for payloads
  that are not well-formed TLV. `build_stale(before, after)` encodes `after` but keeps the CRC of
  `before` (an edit made AFTER the CRC was computed); `build(after)` recomputes it (an edit made
  BEFORE).
* `at(objs, path, part)` gives the absolute character offset of an object's ID, length or value
  (paths like `"59"` or `"62.05"`), so that expected offsets are computed, never counted by hand.
* `fields_of(objs)` gives the `fields` map of a valid vector.
* `Ref` is an independent reference reading of spec/README.md (processing order, error
  positions, warnings, leniencies, decisions, scheme amendments). Every vector's declared
  expectation is checked against it; a disagreement stops the script. It also refuses the few
  inputs whose verdict the contract leaves open (see `Ambiguous`), so that no vector depends on
  them.
"""

import json
import os
import re
import sys
import unicodedata
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "mpm"))

# ---------------------------------------------------------------------------------------------
# CRC-16/CCITT-FALSE (CRC-16/IBM-3740)

_T = []
for _i in range(256):
    _c = _i << 8
    for _ in range(8):
        _c = ((_c << 1) ^ 0x1021) & 0xFFFF if _c & 0x8000 else (_c << 1) & 0xFFFF
    _T.append(_c)


def crc16(data: bytes, c: int = 0xFFFF) -> int:
    for x in data:
        c = ((c << 8) & 0xFFFF) ^ _T[((c >> 8) ^ x) & 0xFF]
    return c


def crc_hex(text: str) -> str:
    return "%04X" % crc16(text.encode("utf-8"))


def crc16_x25(data: bytes) -> int:
    """CRC-16/X-25 (reflected, xorout 0xFFFF): the wrong algorithm, for C12."""
    c = 0xFFFF
    for x in data:
        c ^= x
        for _ in range(8):
            c = (c >> 1) ^ 0x8408 if c & 1 else c >> 1
    return c ^ 0xFFFF


def crc16_xmodem(data: bytes) -> int:
    return crc16(data, 0x0000)


# ---------------------------------------------------------------------------------------------
# TLV builder


class Raw:
    """Literal text inside an object list (not a data object)."""

    def __init__(self, s):
        self.s = s


def enc_obj(o):
    if isinstance(o, Raw):
        return o.s
    oid, val = o[0], o[1]
    vs = enc(val) if isinstance(val, list) else val
    if len(o) > 2:
        ln = o[2]
    else:
        assert 1 <= len(vs) <= 99, (oid, len(vs), vs)
        ln = "%02d" % len(vs)
    return oid + ln + vs


def enc(objs):
    return "".join(enc_obj(o) for o in objs)


def with_crc(body: str) -> str:
    """body + 6304 + CRC of body+6304."""
    return body + "6304" + crc_hex(body + "6304")


def build(objs):
    return with_crc(enc(objs))


def build_stale(before, after):
    """Encode `after`, keeping the CRC computed for `before` (edit after the CRC)."""
    return enc(after) + "6304" + crc_hex(enc(before) + "6304")


def at(objs, path, part="val", nth=1, base=0):
    """Absolute character offset of the ID ('id'), length ('len') or value ('val') of `path`."""
    parts = path.split(".")
    pos = base
    seen = 0
    for o in objs:
        if not isinstance(o, Raw) and o[0] == parts[0]:
            seen += 1
            if seen == nth or len(parts) > 1:
                if len(parts) == 1:
                    return pos + {"id": 0, "len": 2, "val": 4}[part]
                return at(o[1], ".".join(parts[1:]), part, nth, pos + 4)
        pos += len(enc_obj(o))
    raise KeyError(path)


def fields_of(objs, crc_value):
    out = {}
    for o in objs:
        assert not isinstance(o, Raw) and len(o) == 2
        oid, val = o
        if isinstance(val, list):
            out[oid] = {s: v for s, v in val}
        else:
            out[oid] = val
    out["63"] = crc_value
    return out


def clone(objs):
    return [(o[0], clone(o[1])) + tuple(o[2:]) if not isinstance(o, Raw) and isinstance(o[1], list)
            else o for o in objs]


def rep(objs, path, value):
    """Copy with the value at `path` replaced (the object keeps its place)."""
    objs = clone(objs)
    parts = path.split(".")
    for k, o in enumerate(objs):
        if not isinstance(o, Raw) and o[0] == parts[0]:
            if len(parts) == 1:
                objs[k] = (o[0], value)
            else:
                objs[k] = (o[0], rep(o[1], ".".join(parts[1:]), value))
            return objs
    raise KeyError(path)


def rm(objs, path):
    objs = clone(objs)
    parts = path.split(".")
    for k, o in enumerate(objs):
        if not isinstance(o, Raw) and o[0] == parts[0]:
            if len(parts) == 1:
                del objs[k]
            else:
                objs[k] = (o[0], rm(o[1], ".".join(parts[1:])))
            return objs
    raise KeyError(path)


def ins(objs, obj, before=None, after=None, into=None):
    """Copy with `obj` inserted before/after the root object `before`/`after` (default: at the
    end), or appended to template `into`."""
    objs = clone(objs)
    if into is not None:
        for k, o in enumerate(objs):
            if o[0] == into:
                objs[k] = (o[0], o[1] + [obj])
                return objs
        raise KeyError(into)
    if before is None and after is None:
        return objs + [obj]
    for k, o in enumerate(objs):
        if not isinstance(o, Raw) and o[0] == (before or after):
            objs.insert(k if before else k + 1, obj)
            return objs
    raise KeyError(before or after)


# ---------------------------------------------------------------------------------------------
# Tables used by the reference reading. Deliberately partial: a code that is in neither the
# valid nor the invalid set raises, so that no vector depends on a code not checked by hand.

# ISO 4217 active List One codes with a minor unit (code -> exponent) used by the vectors.
CURRENCY = {
    "986": 2, "840": 2, "156": 2, "764": 2, "392": 0, "704": 0, "116": 2, "458": 2, "702": 2,
    "360": 2, "344": 2, "356": 2, "608": 2, "524": 2, "048": 3, "418": 2, "978": 2, "826": 2,
    "410": 0, "586": 2, "152": 0,
}
# Numeric codes that are not payable currencies under the contract (funds codes, metals, XDR,
# XSU, XUA, XTS, XXX, withdrawn, never assigned).
NOT_CURRENCY = {"000", "999", "963", "997", "959", "960", "990", "994", "965", "280", "001"}

# Officially assigned ISO 3166-1 alpha-2 codes used by the vectors -> legal tender (numeric).
COUNTRY = {
    "BR": {"986"}, "US": {"840"}, "CN": {"156"}, "TH": {"764"}, "JP": {"392"}, "VN": {"704"},
    "KH": None, "MY": {"458"}, "SG": {"702"}, "ID": {"360"}, "HK": {"344"}, "IN": {"356"},
    "PH": {"608"}, "NP": {"524"}, "BH": {"048"}, "LA": {"418"}, "DE": {"978"}, "GB": {"826"},
    "KR": {"410"}, "EC": {"840"}, "PK": {"586"}, "CL": {"152"},
}
# Not officially assigned: user-assigned, exceptionally reserved (UK, EU), never assigned, lower
# case, digits.
NOT_COUNTRY = {"XX", "UK", "EU", "AA", "ZZ", "QZ", "br", "Br", "B1", "12"}

ALL_LENIENCIES = ["lowercase_crc", "payload_format", "non_guid_identifier", "missing_guid",
                  "amount_precision", "amount_leading_zeros", "zero_amount", "non_ascii_text"]

PROMPTPAY = {"A000000677010111", "A000000677010112", "A000000677010114", "A000000677012006"}
VIETQR = {"A000000727"}
DUITNOW = {"A0000006150001"}

BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
INVISIBLE = {0x00AD, 0x180E, 0xFEFF} | set(range(0x200B, 0x200E)) | set(range(0x2060, 0x2065))

TEMPLATES = set(range(26, 52)) | {62, 64} | set(range(80, 100))


def is_template(oid):
    return int(oid) in TEMPLATES


def ans_ok(c):
    return 0x20 <= ord(c) <= 0x7E


def s_ok(c):
    o = ord(c)
    return not (o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F)


def digits(v):
    return v != "" and all(c in "0123456789" for c in v)


AID_RE = re.compile(r"^[0-9A-Fa-f]{10,32}$")
LABEL_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")


def guid_ok(g):
    if AID_RE.match(g) and len(g) % 2 == 0:
        return True  # an AID; a 32-hex-digit hyphenless UUID is also matched here
    labels = g.split(".")
    if len(labels) < 2:
        return False
    for lab in labels:
        if not (1 <= len(lab) <= 63) or not LABEL_RE.match(lab):
            return False
    return all("A" <= c <= "Z" or "a" <= c <= "z" for c in labels[0])


# ---------------------------------------------------------------------------------------------
# Reference reading of the contract


class Fail(Exception):
    def __init__(self, code, offset, path):
        super().__init__(code, offset, path)
        self.code, self.offset, self.path = code, offset, path


class Ambiguous(Exception):
    """An input whose verdict spec/README.md leaves open: no vector may rely on it."""


def ref(payload=None, data=None, lenient=()):
    """Return ('valid', fields, warnings) or ('invalid', code, offset, path)."""
    try:
        return _ref(payload, data, lenient)
    except Fail as f:
        return ("invalid", f.code, f.offset, f.path)


def _ref(payload, data, lenient):
    L = set(lenient)
    if "all" in L:
        L = set(ALL_LENIENCIES)
    warn = []
    b = data if data is not None else payload.encode("utf-8")
    # 1. size
    if len(b) > 2953:
        raise Fail("too_long", 0, "")
    if len(b) == 0:
        raise Fail("empty", 0, "")
    # 2. UTF-8
    if data is not None:
        try:
            s = b.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Fail("invalid_utf8", len(b[: e.start].decode("utf-8")), "")
    else:
        s = payload
    n = len(s)
    # 3. root scan
    root = []  # (id, id_offset, value_offset, value)
    seen = set()
    crc_pos = None
    pos = 0
    while pos < n:
        if crc_pos is not None:
            raise Fail("crc_not_last", crc_pos, "63")
        if n - pos < 4:
            raise Fail("truncated", pos, "")
        oid = s[pos:pos + 2]
        if not (len(oid) == 2 and digits(oid)):
            raise Fail("invalid_id", pos, "")
        ln = s[pos + 2:pos + 4]
        if not digits(ln):
            raise Fail("invalid_length", pos + 2, oid)
        size = int(ln)
        if size == 0:
            raise Fail("zero_length", pos + 2, oid)
        if pos + 4 + size > n:
            raise Fail("length_overrun", pos + 2, oid)
        if not root and oid != "00":
            raise Fail("pfi_not_first", pos, "00")
        if oid in seen:
            raise Fail("duplicate_id", pos, oid)
        if oid == "63" and ln != "04":
            raise Fail("crc_length", pos + 2, "63")
        seen.add(oid)
        root.append((oid, pos, pos + 4, s[pos + 4:pos + 4 + size]))
        if oid == "63":
            crc_pos = pos
        pos += 4 + size
    # 4. CRC
    if crc_pos is None:
        raise Fail("crc_missing", n, "63")
    v = s[n - 4:]
    if not all(c in "0123456789ABCDEFabcdef" for c in v):
        raise Fail("crc_not_hex", n - 4, "63")
    if any(c in "abcdef" for c in v):
        if "lowercase_crc" not in L:
            raise Fail("crc_lowercase", n - 4, "63")
        warn.append("crc_lowercase")
    if v.upper() != crc_hex(s[: n - 4]):
        raise Fail("crc_mismatch", n - 4, "63")
    # 5. templates
    subs = {}  # template id -> list of (sub_id, id_offset, value_offset, value)
    for oid, _, voff, val in root:
        if not is_template(oid):
            continue
        lst, sseen, p = [], set(), 0
        while p < len(val):
            if len(val) - p < 4:
                raise Fail("truncated", voff + p, oid)
            sid = val[p:p + 2]
            if not (len(sid) == 2 and digits(sid)):
                raise Fail("invalid_id", voff + p, oid)
            ln = val[p + 2:p + 4]
            path = oid + "." + sid
            if not digits(ln):
                raise Fail("invalid_length", voff + p + 2, path)
            size = int(ln)
            if size == 0:
                raise Fail("zero_length", voff + p + 2, path)
            if p + 4 + size > len(val):
                raise Fail("length_overrun", voff + p + 2, path)
            if sid in sseen:
                raise Fail("duplicate_id", voff + p, path)
            sseen.add(sid)
            lst.append((sid, voff + p, voff + p + 4, val[p + 4:p + 4 + size]))
            p += 4 + size
        subs[oid] = lst

    # schemes (templates 26-51 only)
    guids = [dict((x[0], x[3]) for x in subs[o]).get("00") for o in subs if 26 <= int(o) <= 51]
    pix = any(g is not None and g.isascii() and g.lower() == "br.gov.bcb.pix" for g in guids)
    relaxed_presence = any(g in PROMPTPAY or g in VIETQR for g in guids)
    duitnow = any(g in DUITNOW for g in guids)
    rv = {oid: (voff, val) for oid, _, voff, val in root}

    def charset(val, off, path, fmt, text=False):
        """fmt 'ans' or 'S': raise at the first offending character, record warnings."""
        relaxed = False
        for k, c in enumerate(val):
            if fmt == "S":
                if not s_ok(c):
                    raise Fail("invalid_charset", off + k, path)
            elif not ans_ok(c):
                if text and "non_ascii_text" in L and s_ok(c):
                    relaxed = True
                    continue
                raise Fail("invalid_charset", off + k, path)
        if relaxed:
            warn.append("invalid_charset")
        if fmt == "S" or relaxed:
            if any(ord(c) in BIDI for c in val):
                if relaxed:
                    raise Ambiguous("bidi control in a value relaxed by non_ascii_text")
                warn.append("bidi_control")
            if any(ord(c) in INVISIBLE for c in val):
                if relaxed:
                    raise Ambiguous("invisible char in a value relaxed by non_ascii_text")
                warn.append("invisible_char")

    def field(val, off, path, fmt, maxlen, fixed=False, text=False):
        if len(val) > maxlen:
            raise Fail("field_too_long", off, path)
        if fmt == "N":
            if not digits(val) or (fixed and len(val) != maxlen):
                raise Fail("invalid_format", off, path)
            return
        bad_len = fixed and len(val) != maxlen
        bad_chars = any(not ans_ok(c) for c in val) if fmt == "ans" else False
        if bad_len and bad_chars:
            raise Ambiguous("fixed-length ans value with both a wrong length and a bad char")
        charset(val, off, path, fmt, text)
        if bad_len:
            raise Fail("invalid_format", off, path)

    def amount(val, off, path):
        if not re.match(r"^[0-9]+(\.[0-9]*)?$", val):
            raise Fail("invalid_amount", off, path)
        intpart = val.split(".")[0]
        zero = Decimal(val.rstrip(".") if val.endswith(".") else val) == 0
        lead = len(intpart) > 1 and intpart[0] == "0"
        if zero and lead:
            raise Ambiguous("amount both zero and with leading zeros")
        if zero:
            if "zero_amount" not in L:
                raise Fail("invalid_amount", off, path)
            warn.append("invalid_amount")
        if lead:
            if "amount_leading_zeros" not in L:
                raise Fail("invalid_amount", off, path)
            warn.append("invalid_amount")

    def guid(val, off, path):
        field(val, off, path, "ans", 32)
        if not guid_ok(val):
            if "non_guid_identifier" not in L:
                raise Fail("invalid_guid", off, path)
            warn.append("invalid_guid")

    # 6. field rules, root objects in payload order
    for oid, _, voff, val in root:
        i = int(oid)
        if oid == "00":
            field(val, voff, oid, "N", 2, True)
            if val != "01" and not (val == "02" and duitnow):
                if "payload_format" not in L:
                    raise Fail("invalid_pfi", voff, oid)
                warn.append("invalid_pfi")
        elif oid == "01":
            field(val, voff, oid, "N", 2, True)
            if val not in ("11", "12"):
                raise Fail("invalid_poi", voff, oid)
        elif 2 <= i <= 25:
            field(val, voff, oid, "ans", 99)
        elif 26 <= i <= 51 or 80 <= i <= 99:
            lst = subs[oid]
            for sid, _, soff, sval in lst:
                p = oid + "." + sid
                if sid == "00":
                    guid(sval, soff, p)
                else:
                    field(sval, soff, p, "S", 99)
            ids = [x[0] for x in lst]
            if "00" in ids and ids[0] != "00":
                warn.append("guid_not_first")
            g = dict((x[0], x[3]) for x in lst).get("00")
            if (26 <= i <= 51 and g is not None and g.isascii() and g.lower() == "br.gov.bcb.pix"
                    and g != "br.gov.bcb.pix"):
                warn.append("guid_case_folded")
        elif oid == "52":
            field(val, voff, oid, "N", 4, True)
        elif oid == "53":
            field(val, voff, oid, "N", 3, True)
            if val in NOT_CURRENCY:
                raise Fail("invalid_currency", voff, oid)
            if val not in CURRENCY:
                raise Ambiguous("currency %s not in the hand-checked table" % val)
        elif oid in ("54", "56"):
            field(val, voff, oid, "ans", 13)
            amount(val, voff, oid)
        elif oid == "55":
            field(val, voff, oid, "N", 2, True)
            if val not in ("01", "02", "03"):
                raise Fail("tip_rule", voff, oid)
        elif oid == "57":
            field(val, voff, oid, "ans", 5)
            if not re.match(r"^[0-9]+(\.[0-9]{0,2})?$", val):
                raise Fail("invalid_amount", voff, oid)
            if not Decimal("0.01") <= Decimal(val.rstrip(".")) <= Decimal("99.99"):
                raise Fail("invalid_amount", voff, oid)
        elif oid == "58":
            field(val, voff, oid, "ans", 2, True)
            if val in NOT_COUNTRY:
                raise Fail("invalid_country", voff, oid)
            if val not in COUNTRY:
                raise Ambiguous("country %s not in the hand-checked table" % val)
        elif oid in ("59", "60"):
            mx = 25 if oid == "59" else 15
            if pix:
                field(val, voff, oid, "S", mx)
                if any(ord(c) > 0x7F for c in val):
                    warn.append("non_ascii")
            else:
                field(val, voff, oid, "ans", mx, text=True)
        elif oid == "61":
            field(val, voff, oid, "ans", 10, text=True)
        elif oid == "62":
            for sid, _, soff, sval in subs[oid]:
                p = "62." + sid
                k = int(sid)
                if 1 <= k <= 8:
                    field(sval, soff, p, "ans", 25, text=True)
                elif k == 9:
                    field(sval, soff, p, "ans", 3)
                    if not (all(c in "AME" for c in sval) and len(set(sval)) == len(sval)):
                        raise Fail("invalid_format", soff, p)
                elif k == 10:
                    field(sval, soff, p, "ans", 20)
                elif k == 11:
                    field(sval, soff, p, "ans", 3)
                    if not (len(sval) == 3 and digits(sval) and sval[0] in "01234567"
                            and sval[1] in "0123" and sval[2] in "0123"):
                        raise Fail("invalid_format", soff, p)
                elif k >= 50:
                    field(sval, soff, p, "S", 99)
                else:  # 00, 12-49: RFU
                    field(sval, soff, p, "S", 99)
                    warn.append("rfu_id")
        elif oid == "63":
            pass
        elif oid == "64":
            for sid, _, soff, sval in subs[oid]:
                p = "64." + sid
                if sid == "00":
                    field(sval, soff, p, "ans", 2, True)
                    if not all("A" <= c <= "Z" or "a" <= c <= "z" for c in sval):
                        raise Fail("invalid_language", soff, p)
                elif sid == "01":
                    field(sval, soff, p, "S", 25)
                elif sid == "02":
                    field(sval, soff, p, "S", 15)
                else:
                    field(sval, soff, p, "S", 99)
                    warn.append("rfu_id")
        elif 65 <= i <= 79:
            field(val, voff, oid, "S", 99)
            warn.append("rfu_id")
        else:
            raise AssertionError(oid)

    # 7. rules across objects
    mandatory = ["52", "53", "58", "59", "60"]
    if relaxed_presence:
        mandatory = ["53", "58"]
    for m in mandatory:
        if m not in rv:
            raise Fail("missing_mandatory", 0, m)
    if "64" in rv:
        have = {x[0] for x in subs["64"]}
        for m in ("00", "01"):
            if m not in have:
                raise Fail("missing_mandatory", rv["64"][0], "64." + m)
    for oid, _, voff, val in root:
        i = int(oid)
        if (26 <= i <= 51 or 80 <= i <= 99) and "00" not in {x[0] for x in subs[oid]}:
            if "missing_guid" not in L:
                raise Fail("missing_guid", voff, oid + ".00")
            warn.append("missing_guid")
    if not any(2 <= int(o) <= 51 for o in rv):
        raise Fail("missing_merchant_account", 0, "")
    tip = rv.get("55", (None, None))[1]
    tip_off = rv.get("55", (None, None))[0]
    if tip == "02" and "56" not in rv:
        raise Fail("tip_rule", tip_off, "56")
    if "56" in rv and tip != "02":
        raise Fail("tip_rule", rv["56"][0], "56")
    if tip == "03" and "57" not in rv:
        raise Fail("tip_rule", tip_off, "57")
    if "57" in rv and tip != "03":
        raise Fail("tip_rule", rv["57"][0], "57")
    exp = CURRENCY[rv["53"][1]]
    for a in ("54", "56"):
        if a in rv:
            off, val = rv[a]
            dec = len(val.split(".")[1]) if "." in val else 0
            if dec > exp:
                if "amount_precision" not in L:
                    raise Fail("invalid_amount", off, a)
                warn.append("invalid_amount")

    # warnings
    poi = rv.get("01", (None, None))[1]
    if poi == "11" and "54" in rv:
        warn.append("static_with_amount")
    if poi == "12" and "54" not in rv:
        warn.append("dynamic_without_amount")
    if n > 512:
        warn.append("over_recommended_size")
    country = rv["58"][1]
    tender = COUNTRY[country]
    if tender is None:
        raise Ambiguous("legal tender of %s not pinned" % country)
    if rv["53"][1] not in tender:
        warn.append("country_currency_mismatch")
    if len(set(warn)) != len(warn):
        raise Ambiguous("the same warning raised twice: %r" % warn)

    fields = {}
    for oid, _, voff, val in root:
        fields[oid] = {x[0]: x[3] for x in subs[oid]} if oid in subs else val
    return ("valid", fields, sorted(warn))


# ---------------------------------------------------------------------------------------------
# Vector helpers

FILES = {}
_CUR = [None]


def file(name):
    _CUR[0] = FILES.setdefault(name, [])


def _base(vid, source, desc, hostile, lenient):
    v = {"id": vid, "source": source}
    if desc:
        v["description"] = desc
    if hostile:
        v["hostile"] = hostile
    if lenient is not None:
        v["options"] = {"lenient": list(lenient)}
    return v


def valid(vid, source, desc, objs=None, warnings=(), lenient=None, hostile=None, payload=None,
          canonical=None):
    """A valid vector. With `objs`, the payload and fields come from the object list; with a raw
    `payload`, the fields are taken from the reference reading (real payloads)."""
    v = _base(vid, source, desc, hostile, lenient)
    if objs is not None:
        v["payload"] = build(objs)
        v["fields"] = fields_of(objs, v["payload"][-4:])
    else:
        v["payload"] = payload
        r = ref(payload, lenient=lenient or ())
        assert r[0] == "valid", (vid, r)
        v["fields"] = r[1]
    v["expect"] = "valid"
    v["warnings"] = sorted(warnings)
    if canonical is not None:
        v["canonical"] = canonical
    _CUR[0].append(v)
    return v


def invalid(vid, source, desc, payload, code, offset, path, lenient=None, hostile=None,
            payload_hex=None):
    v = _base(vid, source, desc, hostile, lenient)
    if payload_hex is not None:
        v["payload_hex"] = payload_hex
    else:
        v["payload"] = payload
    v["expect"] = "invalid"
    v["error"] = {"code": code, "offset": offset, "path": path}
    _CUR[0].append(v)
    return v


C = "constructed; "  # source prefix of constructed vectors

# Baselines ---------------------------------------------------------------------------------------

# B0 of HOSTILE.md: a static Pix payload.
B0 = [("00", "01"), ("01", "11"),
      ("26", [("00", "br.gov.bcb.pix"), ("01", "loja@example.com")]),
      ("52", "0000"), ("53", "986"), ("58", "BR"), ("59", "LOJA EXEMPLO"), ("60", "SAO PAULO"),
      ("62", [("05", "***")])]
# N0: a plain, non-Pix payload with a primitive Visa account (02), USD, US.
N0 = [("00", "01"), ("01", "11"), ("02", "4000123412341234"), ("52", "5812"), ("53", "840"),
      ("58", "US"), ("59", "BEST CAFE"), ("60", "NEW YORK")]
# T0: a template account with an AID GUID (the Annex B acquirer), CNY, CN.
T0 = [("00", "01"), ("01", "11"),
      ("29", [("00", "D15600000000"), ("05", "A93FO3230Q")]),
      ("52", "4111"), ("53", "156"), ("58", "CN"), ("59", "BEST TRANSPORT"), ("60", "BEIJING")]
# PromptPay credit transfer without 52/59/60 (scheme amendment).
P0 = [("00", "01"), ("01", "11"),
      ("29", [("00", "A000000677010111"), ("01", "0066812345678")]),
      ("53", "764"), ("58", "TH")]
# VietQR (NAPAS 247) without 52/59/60 (scheme amendment).
V0 = [("00", "01"), ("01", "11"),
      ("38", [("00", "A000000727"), ("01", enc([("00", "970403"), ("01", "0011012345678")])),
              ("02", "QRIBFTTA")]),
      ("53", "704"), ("58", "VN")]
# DuitNow with PFI 02 (scheme amendment).
D0 = [("00", "02"), ("01", "11"),
      ("26", [("00", "A0000006150001"), ("01", "890001"), ("02", "MERCHANT0001")]),
      ("52", "5999"), ("53", "458"), ("58", "MY"), ("59", "KEDAI CONTOH"), ("60", "KUALA LUMPUR")]

LANG64 = ("64", [("00", "ZH"), ("01", "最佳运输"), ("02", "北京")])
