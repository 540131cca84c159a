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
* `ref()` is a second, separate reading of spec/README.md (processing order, error
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
    "KH": {"116"}, "MY": {"458"}, "SG": {"702"}, "ID": {"360"}, "HK": {"344"}, "IN": {"356"},
    "PH": {"608"}, "NP": {"524"}, "BH": {"048"}, "LA": {"418"}, "DE": {"978"}, "GB": {"826"},
    "KR": {"410"}, "EC": {"840"}, "PK": {"586"}, "CL": {"152"},
}
# Not officially assigned: user-assigned, exceptionally reserved (UK, EU), never assigned, lower
# case, digits.
NOT_COUNTRY = {"XX", "UK", "EU", "AA", "ZZ", "QZ", "br", "Br", "B1", "12"}

ALL_LENIENCIES = ["lowercase_crc", "payload_format", "non_guid_identifier", "missing_guid",
                  "amount_precision", "amount_leading_zeros", "zero_amount", "non_ascii_text",
                  "length_unit_ambiguous"]


def other_reading(s, unit):
    """The root objects (id, value) a reader counting lengths in `unit` ('byte' or 'utf16')
    reads from `s`, when they tile and end with a CRC object of four characters; else None."""
    b = s.encode("utf-8") if unit == "byte" else s.encode("utf-16-le")
    size = 1 if unit == "byte" else 2
    out, at = [], 0
    while at < len(b):
        head = b[at:at + 4 * size].decode("utf-16-le" if size == 2 else "ascii", "replace")
        if len(head) != 4 or not head.isascii() or not head.isdigit():
            return None
        end = at + 4 * size + int(head[2:]) * size
        if end > len(b):
            return None
        try:
            value = b[at + 4 * size:end].decode("utf-8" if size == 1 else "utf-16-le")
        except UnicodeDecodeError:
            return None  # a value splitting a character
        out.append((int(head[:2]), value))
        at = end
    if not out or out[-1][0] != 63 or len(out[-1][1]) != 4:
        return None
    return out

PROMPTPAY = {"A000000677010111", "A000000677010112", "A000000677010114", "A000000677012006"}
VIETQR = {"A000000727"}
DUITNOW = {"A0000006150001"}

BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
INVISIBLE = ({0x00AD, 0x115F, 0x1160, 0x180E, 0x2028, 0x2029, 0x2800, 0x3164, 0xFEFF, 0xFFA0}
             | set(range(0x200B, 0x200E)) | set(range(0x2060, 0x2065)) | set(range(0xFE00, 0xFE10))
             | set(range(0xE0000, 0xE0080)) | set(range(0xE0100, 0xE01F0)))

TEMPLATES = set(range(26, 52)) | {62, 64} | set(range(80, 100))

# The scripts the model tells apart by a letter's Unicode name; Han, kana, Hangul and Bopomofo
# are one (UTS #39 lets Latin mix with them).
CJK_NAMES = ("CJK ", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "HALFWIDTH KATAKANA",
             "HALFWIDTH HANGUL")
KNOWN_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "CJK", "THAI", "ARABIC"}


def letter_script(c):
    """A letter's script, from its name; None for what fits any script (digits, marks,
    punctuation, spaces)."""
    if not unicodedata.category(c).startswith("L"):
        return None
    name = unicodedata.name(c, "")
    if name.startswith(CJK_NAMES):
        return "CJK"
    return name.split(" ")[0]


def mixes_scripts(val):
    """Letters of scripts no single language mixes: more than one script, besides Latin with
    CJK or with one other script that is neither Cyrillic nor Greek (UTS #39, moderately
    restrictive)."""
    if val.isascii():
        return False
    scripts = {letter_script(c) for c in val} - {None}
    if len(scripts) <= 1:
        return False
    if not scripts <= KNOWN_SCRIPTS:
        raise Ambiguous("letters of scripts the model does not tell apart: %r" % val)
    others = scripts - {"LATIN"}
    if others == {"CJK"} or (len(others) == 1 and not others & {"CYRILLIC", "GREEK"}):
        return False
    return True


def blank(val):
    """Shows as nothing: white space and invisible characters only."""
    return all(c.isspace() or ord(c) in INVISIBLE for c in val)


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


def ref(payload=None, data=None, lenient=(), pedantic=False):
    """Return ('valid', fields, warnings) or ('invalid', code, offset, path). `pedantic`: the
    EMVCo rules as written (no scheme departure; lower-case CRC digits an error)."""
    try:
        return _ref(payload, data, lenient, pedantic)
    except Fail as f:
        return ("invalid", f.code, f.offset, f.path)


def _ref(payload, data, lenient, pedantic):
    L = set(lenient)
    if "all" in L:
        L = set(ALL_LENIENCIES)
    warn = []
    departed = set()  # the departure rules already reported (one warning each)

    def depart(rule, leniency, code, off, path):
        """A scheme's departure from EMVCo: the warning scheme_departure once per rule; pedantic
        or without a recognised scheme, the EMVCo error (which `leniency` may relax)."""
        if rule is not None and not pedantic:
            if rule not in departed:
                departed.add(rule)
                warn.append("scheme_departure")
            return
        if leniency is not None and leniency in L:
            warn.append(code)
            return
        raise Fail(code, off, path)

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
        # A warning by default; an error only when pedantic and not relaxed.
        if pedantic and "lowercase_crc" not in L:
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
    # An AID's hex digits compare in either case.
    aids = [g.upper() for g in guids if g is not None and g.isascii()]
    relaxed_presence = any(g in PROMPTPAY or g in VIETQR for g in aids)
    duitnow = any(g in DUITNOW for g in aids)
    fps = any(g is not None and g.isascii() and g.lower() == "hk.com.hkicl" for g in guids)
    rv = {oid: (voff, val) for oid, _, voff, val in root}
    # KHQR: template 29 or 30 whose 00 is a Bakong account ID (it holds '@', no GUID does).
    khqr_ids = {o for o in subs if o in ("29", "30")
                and "@" in dict((x[0], x[3]) for x in subs[o]).get("00", "")}
    khqr = bool(khqr_ids)
    # Argentina: recognised from the country.
    argentina = rv.get("58", (None, None))[1] == "AR"
    if pedantic:
        pix = relaxed_presence = False

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
        """`maxlen` is the maximum, or with `fixed` the only length allowed. A fixed-length
        object has no maximum: any other length, longer or shorter, is invalid_format."""
        if not fixed and len(val) > maxlen:
            raise Fail("field_too_long", off, path)
        if fmt == "N":
            if not digits(val) or (fixed and len(val) != maxlen):
                raise Fail("invalid_format", off, path)
            return
        bad_len = fixed and len(val) != maxlen
        bad_chars = any(not ans_ok(c) for c in val) if fmt == "ans" else False
        if bad_len and bad_chars:
            raise Ambiguous("fixed-length ans value with both a wrong length and a bad char")
        if bad_len:
            raise Fail("invalid_format", off, path)
        charset(val, off, path, fmt, text)

    def shown(val, off, path, merchant_name=False, mixed=True):
        """Text a wallet shows: blank is an error for the merchant name, a warning elsewhere;
        mixed scripts in a name or city are a warning."""
        if blank(val):
            if merchant_name:
                raise Fail("blank_name", off, path)
            warn.append("blank_text")
        if mixed and mixes_scripts(val):
            warn.append("mixed_script")

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
            tid = path.split(".")[0]
            rule = None
            if tid == "99" and khqr:
                rule = "khqr.timestamps_guid"
            elif tid in khqr_ids:
                rule = "khqr.account_id_guid"
            elif argentina:
                rule = "argentina.identifier"
            depart(rule, "non_guid_identifier", "invalid_guid", off, path)

    # 6. field rules, root objects in payload order
    for oid, _, voff, val in root:
        i = int(oid)
        if oid == "00":
            field(val, voff, oid, "N", 2, True)
            if val == "02" and duitnow:
                depart("duitnow.pfi_02", "payload_format", "invalid_pfi", voff, oid)
            elif val != "01":
                if "payload_format" not in L:
                    raise Fail("invalid_pfi", voff, oid)
                warn.append("invalid_pfi")
        elif oid == "01":
            field(val, voff, oid, "N", 2, True)
            if val not in ("11", "12"):
                raise Fail("invalid_poi", voff, oid)
        elif 2 <= i <= 25:
            field(val, voff, oid, "ans", 99)
            # A UnionPay account (15, 16) is letters and digits (the registry's account form).
            if i in (15, 16) and not (val.isascii() and val.isalnum()):
                raise Fail("account_mismatch", voff, oid)
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
            if pix or (khqr and not pedantic):
                field(val, voff, oid, "S", mx)
                if any(ord(c) > 0x7F for c in val):
                    warn.append("non_ascii")
            else:
                field(val, voff, oid, "ans", mx, text=True)
            shown(val, voff, oid, oid == "59")
        elif oid == "61":
            field(val, voff, oid, "ans", 10, text=True)
            shown(val, voff, oid, mixed=False)
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
                    field(sval, soff, p, "ans", 3, True)
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
                    shown(sval, soff, p)
                elif sid == "02":
                    field(sval, soff, p, "S", 15)
                    shown(sval, soff, p)
                else:
                    field(sval, soff, p, "S", 99)
                    warn.append("rfu_id")
        elif 65 <= i <= 79:
            field(val, voff, oid, "S", 99)
            warn.append("rfu_id")
        else:
            raise AssertionError(oid)

    # 7. rules across objects
    for m in ["52", "53", "58", "59", "60"]:
        if m not in rv:
            optional = relaxed_presence and m in ("52", "59", "60")
            depart("fields_absent" if optional else None, None, "missing_mandatory", 0, m)
    if "64" in rv:
        have = {x[0] for x in subs["64"]}
        for m in ("00", "01"):
            if m not in have:
                raise Fail("missing_mandatory", rv["64"][0], "64." + m)
    for oid, _, voff, val in root:
        i = int(oid)
        if (26 <= i <= 51 or 80 <= i <= 99) and "00" not in {x[0] for x in subs[oid]}:
            rule = "khqr.timestamps_guid" if oid == "99" and khqr else None
            depart(rule, "missing_guid", "missing_guid", voff, oid + ".00")
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
    # A recognised scheme that settles in the currency in its country explains it.
    settled = ((khqr and country == "KH" and rv["53"][1] in ("116", "840"))
               or (fps and country == "HK" and rv["53"][1] in ("344", "156")))
    if rv["53"][1] not in tender and not settled:
        warn.append("country_currency_mismatch")
    # 8. one payload, one meaning: another reader's tiling, where it exists, differs
    if not s.isascii():
        ours = [(int(oid), val) for oid, _, _, val in root]
        for unit in ("byte", "utf16"):
            theirs = other_reading(s, unit)
            if theirs is None or theirs == ours:
                continue
            k = next((k for k, (a, b) in enumerate(zip(ours, theirs)) if a != b), len(ours) - 1)
            oid, ooff, _, _ = root[k]
            if "length_unit_ambiguous" not in L:
                raise Fail("length_unit_ambiguous", ooff, oid)
            warn.append("length_unit_ambiguous")
            break
    if len(set(w for w in warn if w != "scheme_departure")) != len(
            [w for w in warn if w != "scheme_departure"]):
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


# Vectors of the EMVCo layer whose payload a scheme profile also judges (a malformed Pix URL,
# a PromptPay proxy of the wrong length, a scheme GUID in a payload of another country): they
# are decoded with profiles off ("options": {"profiles": false}); spec/profile/ pins the
# profile's verdict on the same inputs.
PROFILES_OFF = {
    "mpm-hostile-d4-recursion-bait", "mpm-hostile-e8-th-brl",
    "mpm-hostile-h11-promptpay-phone-short", "mpm-hostile-h11-promptpay-id-12",
    "mpm-hostile-h11-promptpay-ewallet-14", "mpm-hostile-i1-url-userinfo",
    "mpm-hostile-i2-url-scheme", "mpm-hostile-i2-url-javascript", "mpm-hostile-i3-url-ip",
    "mpm-hostile-i3-url-punycode", "mpm-hostile-i4-key-and-url", "mpm-hostile-i5-txid-symbols",
    "mpm-guid-valid-aid-16", "mpm-guid-valid-domain-upper", "mpm-guid-account-id-lenient",
    "mpm-country-currency-mismatch-th-brl", "mpm-promptpay-0112-no-52-59-60",
    "mpm-real-khqr-account-id",
    "mpm-promptpay-2006-no-52-59-60",
}


def _base(vid, source, desc, hostile, lenient, pedantic=False):
    v = {"id": vid, "source": source}
    if desc:
        v["description"] = desc
    if hostile:
        v["hostile"] = hostile
    if lenient is not None:
        v["options"] = {"lenient": list(lenient)}
    if pedantic:
        v.setdefault("options", {})["pedantic"] = True
    if vid in PROFILES_OFF:
        v.setdefault("options", {})["profiles"] = False
    return v


def valid(vid, source, desc, objs=None, warnings=(), lenient=None, hostile=None, payload=None,
          canonical=None, pedantic=False):
    """A valid vector. With `objs`, the payload and fields come from the object list; with a raw
    `payload`, the fields are taken from the reference reading (real payloads)."""
    v = _base(vid, source, desc, hostile, lenient, pedantic)
    if objs is not None:
        v["payload"] = build(objs)
        v["fields"] = fields_of(objs, v["payload"][-4:])
    else:
        v["payload"] = payload
        r = ref(payload, lenient=lenient or (), pedantic=pedantic)
        assert r[0] == "valid", (vid, r)
        v["fields"] = r[1]
    v["expect"] = "valid"
    v["warnings"] = sorted(warnings)
    if canonical is not None:
        v["canonical"] = canonical
    _CUR[0].append(v)
    return v


def invalid(vid, source, desc, payload, code, offset, path, lenient=None, hostile=None,
            payload_hex=None, pedantic=False):
    v = _base(vid, source, desc, hostile, lenient, pedantic)
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


# ---------------------------------------------------------------------------------------------
# annex_b.json

ANNEX_B = ("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802"
           "CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412"
           "340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A")
ANNEX_B_OBJS = [
    ("00", "01"), ("01", "12"),
    ("29", [("00", "D15600000000"), ("05", "A93FO3230Q")]),
    ("31", [("00", "D15600000001"), ("03", "12345678")]),
    ("52", "4111"), ("58", "CN"), ("59", "BEST TRANSPORT"), ("60", "BEIJING"),
    ("64", [("00", "ZH"), ("01", "最佳运输"), ("02", "北京")]),
    ("54", "23.72"), ("53", "156"), ("55", "01"),
    ("62", [("03", "1234"), ("06", "***"), ("07", "A6008667"), ("09", "ME")]),
    ("91", [("00", "A011223344998877"), ("07", "12345678")]),
]


def annex_b():
    file("annex_b.json")
    src = "EMVCo MPM v1.0 Annex B (REFERENCE.md §1.9)"
    assert build(ANNEX_B_OBJS) == ANNEX_B and ANNEX_B.endswith("A13A")
    valid("mpm-annex-b", src,
          "The specification's worked example, verbatim: PoI 12 with an amount (no warning), tip "
          "indicator 01 alone, 64 before 54, lengths of 64/01 and 64/02 in characters, GUID "
          "A011223344998877 in unreserved template 91",
          ANNEX_B_OBJS)
    spaced = ANNEX_B.replace("0104最佳运输", "0104 最佳运输").replace("0202北京", "0202 北京")
    invalid("mpm-annex-b-pdf-spaces", src + "; the PDF's rendering",
            "Annex B as the PDF renders it, with spaces before the CJK text: 64 keeps its declared "
            "length 20, so it ends early and the root scan meets the ID '北京'",
            spaced, "invalid_id", spaced.index("北京5405"), "")
    byte_len = [(o[0], [("00", "ZH"), ("01", "最佳运输", "12"), ("02", "北京", "06")]) if o[0] == "64"
                else o for o in ANNEX_B_OBJS]
    # 64's own length is written as characters of its (byte-counted) content, CRC recomputed.
    byte_len = [("64", enc(o[1])) if o[0] == "64" else o for o in byte_len]
    p = build(byte_len)
    invalid("mpm-annex-b-byte-lengths", C + "REFERENCE.md §4.1 (length unit)",
            "Annex B with the 64/01 and 64/02 lengths counted in UTF-8 bytes (12 and 6) instead "
            "of characters, CRC recomputed: 64/01 overruns its template",
            p, "length_overrun", at(byte_len, "64", "val") + 6 + 2, "64.01")
    stale = ANNEX_B.replace("540523.72", "540524.72")
    invalid("mpm-annex-b-stale-crc", src + "; amount edited after the CRC",
            "Annex B with the amount changed from 23.72 to 24.72 and the CRC A13A kept",
            stale, "crc_mismatch", len(stale) - 4, "63")


# ---------------------------------------------------------------------------------------------
# real.json: payloads published by others, CRCs checked here

GH = "https://github.com/"


def real():
    file("real.json")

    def ok(vid, src, desc, p, warnings=(), lenient=None, hostile=None, canonical=None):
        valid(vid, src, desc, payload=p, warnings=warnings, lenient=lenient, hostile=hostile,
              canonical=canonical)

    def ko(vid, src, desc, p, code, offset, path, lenient=None, hostile=None, pedantic=False):
        invalid(vid, src, desc, p, code, offset, path, lenient=lenient, hostile=hostile,
                pedantic=pedantic)

    # Brazil: Pix ----------------------------------------------------------------------------
    p = ("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
         "5913Fulano de Tal6008BRASILIA62070503***63041D3D")
    ok("mpm-real-pix-bcb-manual",
       "Banco Central do Brasil, Manual de Padrões para Iniciação do Pix: static BR Code example "
       "(reproduced verbatim by many Pix libraries' tests)",
       "Static Pix with a random-key (UUID with hyphens) and no PoI (01 absent)", p)
    src = GH + "thalesog/pix-utils tests/emvCodes.ts"
    ok("mpm-real-pix-utils-static", src + " (STATIC_TEST_EMV)",
       "Static Pix with an amount and no PoI: no static_with_amount (01 absent), 26/02 free text",
       "00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR"
       "5914Thales Ogliari6015SAO MIGUEL DO O62070503***63044367")
    p = ("00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 12352040000530398654040.005802BR"
         "5914Thales Ogliari6015SAO MIGUEL DO O62070503***63044406")
    ko("mpm-real-pix-utils-zero-amount-strict", src + " (STATIC_TEST_NO_VALUE_EMV)",
       "A published generator wrote the 'no value' case as 54 = 0.00: zero amount is invalid",
       p, "invalid_amount", p.index("54040.00") + 4, "54")
    ok("mpm-real-pix-utils-zero-amount-lenient", src + " (STATIC_TEST_NO_VALUE_EMV)",
       "The same payload with zero_amount: valid, the relaxed error is a warning",
       p, ["invalid_amount"], lenient=["zero_amount"])
    ok("mpm-real-pix-utils-no-amount", src + " (STATIC_TEST_NO_VALUE_ELEMENT_EMV)",
       "Static Pix without 54", "00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400"
       "0053039865802BR5914Thales Ogliari6015SAO MIGUEL DO O62070503***63042C6B")
    ok("mpm-real-pix-utils-dynamic", src + " (DYNAMIC_TEST_EMV)",
       "Dynamic Pix: location URL in 26/25 (no scheme), no PoI; URL rules are a later check",
       "00020126740014br.gov.bcb.pix2552payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e875204000"
       "053039865802BR5914Thales Ogliari6015SAO MIGUEL DO O62070503***63040C64")

    # Thailand: PromptPay, TrueMoney, bill payment ---------------------------------------------
    src = GH + "dtinth/promptpay-qr index.test.js"
    ok("mpm-real-promptpay-phone", src + " ('Local phone number')",
       "PromptPay P2P: no 52, 59 or 60 (PromptPay amendment), 53 after 58",
       "00020101021129370016A000000677010111011300668012345675802TH530376463046197", ["scheme_departure"])
    ok("mpm-real-promptpay-intl-phone", src + " ('Dashed phone number')",
       "PromptPay P2P to +66 89..., CRC 29C1",
       "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1", ["scheme_departure"])
    ok("mpm-real-promptpay-national-id", src + " ('National ID number')",
       "PromptPay to a 13-digit national ID in 29/02",
       "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A", ["scheme_departure"])
    ok("mpm-real-promptpay-tax-id", src + " ('Tax ID number')",
       "PromptPay to a tax ID; CRC with a leading zero (0CBD)",
       "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD", ["scheme_departure"])
    ok("mpm-real-promptpay-amount", src + " ('Amount')",
       "PromptPay with PoI 12 and amount 4.22",
       "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469", ["scheme_departure"])
    src = GH + "maythiwat/promptparse src/index.test.ts"
    ok("mpm-real-promptparse-strict-valid", src + " ('Parse payload (strict) with valid checksum')",
       "PromptPay, PoI 12, amount 20.15", "00020101021229370016A0000006770101110113006680111111153037"
       "645802TH540520.15630442BE", ["scheme_departure"])
    p = "00020101021229370016A0000006770101110113006680111111153037645802TH540520.156304FFFF"
    ko("mpm-real-promptparse-strict-bad-crc", src + " ('Parse payload (strict) with invalid checksum')",
       "The library's own negative case: CRC FFFF does not match", p, "crc_mismatch", len(p) - 4, "63",
       hostile="C2")
    ok("mpm-real-promptparse-anyid", src + " ('Generate Any ID')", "PromptPay to a mobile number",
       "00020101021129370016A0000006770101110113006681222333353037645802TH63041DCF", ["scheme_departure"])
    ok("mpm-real-promptparse-anyid-amount", src + " ('Generate Any ID with amount')",
       "PromptPay with amount 30.00 and PoI 12",
       "00020101021229370016A0000006770101110113006681222333353037645802TH540530.0063043CAD", ["scheme_departure"])
    ok("mpm-real-truemoney", src + " ('Generate TrueMoney QR')",
       "TrueMoney wallet: PromptPay AID with an e-wallet ID in 29/03",
       "00020101021129390016A000000677010111031514000080111111153037645802TH63047C0F", ["scheme_departure"])
    p = ("00020101021229390016A000000677010111031514000080111111153037645802TH540510.05814800480065006C"
         "006C006F00200057006F0072006C006400216304F5A2")
    ko("mpm-real-truemoney-message", src + " ('Generate TrueMoney QR with amount and message')",
       "TrueMoney puts the message as raw UTF-16 hex in 81, an unreserved template: its first "
       "inner header reads ID 00 with length 48, which overruns the 48-character template",
       p, "length_overrun", p.index("8148") + 6, "81.00", hostile="B17")
    ok("mpm-real-promptparse-bill-payment", src + " ('Generate Bill Payment with Ref.3')",
       "Thai QR bill payment (A000000677010112 in 30) with 62/07 terminal label; no 52/59/60",
       "00020101021130620016A000000677010112011301122334455660211CUSTOMER0010306INV00153037645802TH"
       "62070703SCB6304780E", ["scheme_departure"])
    ok("mpm-real-promptparse-barcode-to-qr", src + " ('Convert BOT Barcode to Bill Payment (Valid)')",
       "Bill payment converted from a BOT barcode",
       "00020101021130550016A0000006770101120115099999999999990021211122233344453037645802TH63043EE7", ["scheme_departure"])
    ok("mpm-real-promptparse-barcode-to-qr-amount",
       src + " ('Convert BOT Barcode to Bill Payment (Valid, with Ref.2 and amount)')",
       "Bill payment with amount 3649.22 and PoI 12",
       "00020101021230650016A00000067701011201150994000165501000212123456789012030667042953037645802"
       "TH54073649.2263044534", ["scheme_departure"])
    p = "004000060000010103002021900021231231212000115102TH91049C30"
    ko("mpm-real-slip-verify-mini-qr", src + " ('Generate Slip Verify')",
       "A bank slip-verification mini QR is TLV but not MPM: its checksum is in 91, there is no 63",
       p, "crc_missing", len(p), "63")

    # Japan: JPQR --------------------------------------------------------------------------------
    p = ("00020164210002JA0111JPQRMPM本舗食堂53033925903xxx6003xxx610710600325802JP01021126680019"
         "jp.or.paymentsjapan0113000000000000102040001030600000104060000015204412163046D60")
    ko("mpm-real-jpqr-stale-crc", GH + "kenmaz/JPQRReader JPQRReaderTests/MPMDecoderTests.swift",
       "JPQR test payload (64 first, 01 after 58): well-formed, but its CRC 6D60 matches neither "
       "the UTF-8 (0F92) nor the Shift_JIS bytes; 59/60 hold the placeholder 'xxx', so the "
       "values were probably edited after the CRC was computed",
       p, "crc_mismatch", len(p) - 4, "63", hostile="C2")

    # Hong Kong: FPS -----------------------------------------------------------------------------
    p = "00020101021226270012hk.com.hkicl0207999999952040000530334454031235802HK5902NA6002HK630484E1"
    ko("mpm-real-hk-fps-stale-crc",
       "REFERENCE.md §4.5: sample template with FPS ID 9999999 in a public Python HK FPS helper "
       "(create_hkqr_code); the correct CRC would be D1A3",
       "HK FPS sample with a stale CRC (placeholders NA/HK in 59/60)",
       p, "crc_mismatch", len(p) - 4, "63", hostile="C2")

    # India: BharatQR (HDFC) ---------------------------------------------------------------------
    p = ("000201010211021644038499331959060415522024099331959061661000309933195920825HDFC000000150100"
         "30812820026560010A0000005240138centralwarehousingco.99331959@hdfcbank27430010A000000524012"
         "5STQ200318122305804I0401085204939953033565802IN5923CENTRAL WAREHOUSING NEW6009New Delhi61"
         "0611001662410525STQ200318122305804I0401080708993319596304e9fc")
    src = ("REFERENCE.md §4.2: HDFC BharatQR payload of a merchant, published in public C# "
           "e-invoicing code (B2cQRCodeResponse)")
    ok("mpm-real-bharatqr-hdfc-lowercase", src,
       "BharatQR with Visa 02, Mastercard 04, RuPay 06, IFSC 08, two UPI templates; its CRC is "
       "correct but lower-case: valid, warning crc_lowercase; re-encoding prints it in upper case",
       p, ["crc_lowercase"], hostile="C6", canonical=False)
    ko("mpm-real-bharatqr-hdfc-lowercase-pedantic", src, "The same payload, pedantic", p,
       "crc_lowercase", len(p) - 4, "63", hostile="C6", pedantic=True)

    # Philippines: QR Ph (GCash) -----------------------------------------------------------------
    src = GH + "vocolboy/php-emv-qrcode tests/GCashTest.php"
    ok("mpm-real-qrph-gcash-static", src + " ('generate without amount')",
       "QR Ph P2P (com.p2pqrpay in 27), masked name with '*' and '%' (ans)",
       "00020101021127830012com.p2pqrpay0111GXCHPHM2XXX02089996440303152170200000006560417DWQM4TK3JD"
       "NYH9CHA5204601653036085802PH5910AN***A%20C6008MALANDAY6104123463047F32")
    ok("mpm-real-qrph-gcash-amount", src + " ('generate with amount 666')",
       "QR Ph P2P with PoI 12 and amount 666.00",
       "00020101021227830012com.p2pqrpay0111GXCHPHM2XXX02089996440303152170200000006560417DWQM4TK3JD"
       "O26GF275204601653036085406666.005802PH5910Y* CH*N S.6009Agong-ong6104123463040D0A")

    # Vietnam: VietQR ----------------------------------------------------------------------------
    src = GH + "subiz/vietqr vietqr_test.go"
    ok("mpm-real-vietqr-static", src, "VietQR static to an account: 38/01 is itself TLV (kept "
       "opaque), no 52/59/60 (VietQR amendment)",
       "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4", ["scheme_departure"])
    ok("mpm-real-vietqr-dynamic-note", src, "VietQR with PoI 12, amount 40123 VND and 62/08",
       "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA530370454054012358"
       "02VN62200816test text string6304D9C6", ["scheme_departure"])
    ok("mpm-real-vietqr-trimmed-note", src, "VietQR whose generator trimmed the note to 25 "
       "characters (62/08 at its maximum)",
       "00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA53037045405"
       "401235802VN62290825chuyen khoan alsdkf laksj6304E5DB", ["scheme_departure"])
    src = GH + "vocolboy/php-emv-qrcode"
    ok("mpm-real-vietqr-amount-memo", src + " tests/VietQRTest.php",
       "VietQR, amount 10000 VND, 62/08 memo",
       "00020101021238580010A000000727012800069704180114390100025601780208QRIBFTTA53037045405100005"
       "802VN620908054746463049F9F", ["scheme_departure"])
    ok("mpm-real-vietqr-to-card", src + " tests/EMVTest.php",
       "VietQR to a card (QRIBFTTC) with 62/02",
       "00020101021238630010A00000072701330006970422011997042292087067309020208QRIBFTTC53037045406"
       "1000005802VN621502118432917204163047793", ["scheme_departure"])

    # Laos (UnionPay primitive 15 that looks like TLV) -----------------------------------------
    ok("mpm-real-laoqr-primitive-15", GH + "dongri/emv-qrcode/issues/28",
       "Lao QR: primitive 15 (UnionPay) whose value '2031041800520446...' looks like TLV; "
       "another decoder crashed parsing it as a template. LAK (418), LA",
       "00020101021115312031041800520446JDBMSZZXE44BFS038680016A00526628466257701083217041802030020"
       "325mchVKyozC3MbjS51h67qal4Os5204581253034185802LA5915JDBMSZZXE44BFS06009Vientiane63043F88",
       hostile="B16")

    # Pakistan -----------------------------------------------------------------------------------
    ok("mpm-real-pakistan-uuid-guid", GH + "DannielWhatever/emvqr/issues/14",
       "Pakistani payload reported as rejected by another decoder: Visa 02, Mastercard 04, "
       "template 28 with a lower-case hyphenless UUID as GUID; PKR (586), PK",
       "0002010102110216429975000027082904150000000000013412876003231036b0edd21412ebb229b0a2448f56a"
       "0108ALFHPKKA0224PK03ALFH00110010091230165204541153035865802PK5909SATRADERS6007Karachi6304E067")

    # Malaysia: DuitNow --------------------------------------------------------------------------
    ok("mpm-real-duitnow-pfi-02",
       "Public TypeScript test of an EMVCo payout module, which cites it as PayNet's published "
       "DuitNow example (repository not recorded by the code index); REFERENCE.md §4.6",
       "DuitNow with PFI 02 (DuitNow amendment), PoI 11 and an amount: static_with_amount",
       "00020201021126410014A000000615000101065016640209123456789520499995303458540510.005802MY5909"
       "QRCSDNBHD6005BANGI6304343F", ["scheme_departure", "static_with_amount"])

    # Singapore: PayNow --------------------------------------------------------------------------
    ok("mpm-real-paynow-uen",
       "Public TypeScript test of an EMVCo payout module, which cites it as SGQR's published PayNow "
       "example (repository not recorded by the code index)",
       "PayNow to a UEN, not editable, expiry 20260304, PoI 12 with amount 0.99, 62/01 bill number",
       "00020101021226470009SG.PAYNOW010120208123456780301004082026030452040000530370254040.995802SG"
       "5911testcompany6009Singapore62270123testordernumber1234567863040047")

    # Nepal --------------------------------------------------------------------------------------
    src = GH + "aalooksth/home QR/accounts.js"
    p = ("00020101021115314079052400520446C7KzcrKHoxVexRy5204701153035245802NP5919Alok General Stores"
         "6005Nepal621207080000000080260022C7KzcrKHoxVexRy5c2EfkB6304D6BC")
    ko("mpm-real-nepal-khalti-strict", src + " (Khalti)",
       "Khalti: template 80's sub-ID 00 holds an account token, not a GUID",
       p, "invalid_guid", p.index("80260022") + 8, "80.00")
    ok("mpm-real-nepal-khalti-lenient", src + " (Khalti)",
       "The same payload with non_guid_identifier: valid", p, ["invalid_guid"],
       lenient=["non_guid_identifier"])
    p = ("01021129270023NCHL00000000MER-1-APP-252044829530352454010560105802NP5914Alok Shrestha 6009"
         "Kathmandu6235021098493913750817CIPS P2P Transfer63044920")
    ko("mpm-real-nepal-connectips-no-pfi", src + " (connectIPS)",
       "connectIPS omits the PFI (the CRC was computed without it): the first object is 01",
       p, "pfi_not_first", 0, "00", hostile="E1")

    # Cambodia: KHQR -----------------------------------------------------------------------------
    src = GH + "ishinvin/ts-khqr src/__tests__/verify-khqr.test.ts"
    p = ("00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh Smith6010Phnom "
         "Penh62150211855123456789917001316257134678276304A96B")
    ok("mpm-real-khqr-account-id", src + " ('Valid KHQR 1')",
       "KHQR puts the Bakong account ID (name@bank) in 29/00 where a GUID belongs, and a "
       "timestamp in 99/00: two departures, each named (profiles off: KHQR's own rules refuse "
       "this dynamic code without an expiry, spec/profile/khqr.json)",
       p, ["scheme_departure", "scheme_departure"])
    ko("mpm-real-khqr-account-id-pedantic", src + " ('Valid KHQR 1')",
       "The same, pedantic: the EMVCo GUID rule", p, "invalid_guid", p.index("jonhsmith"),
       "29.00", pedantic=True)
    p = "00020101021126200016coffeeklang@pras63045927"
    ko("mpm-real-khqr-account-only", src + " ('Invalid KHQR 2')",
       "Only a KHQR-style template: its account ID fails the GUID rule before the missing "
       "mandatory objects are looked at", p, "invalid_guid", 20, "26.00")
    p = "63046007"
    ko("mpm-real-khqr-crc-only", src + " ('Invalid KHQR 3')", "A lone CRC object",
       p, "pfi_not_first", 0, "00")
    p = "000301001021230190015john_smith@devb630493FD"
    ko("mpm-real-khqr-pfi-length-3", src + " ('Invalid KHQR 20')",
       "PFI with length 03 ('010'): not its fixed length 2", p, "invalid_format", 4, "00")
    ko("mpm-real-khqr-abc", src + " ('Invalid KHQR 7')", "Three characters",
       "ABC", "truncated", 0, "", hostile="A1")
    ko("mpm-real-khqr-khmer-text", src + " ('Invalid KHQR 9')", "Khmer letters, not TLV",
       "កខគឃង", "invalid_id", 0, "")
    p = "00020101021126150011jonhsmith@nbcq5204599953031165802KH5912Jonh Smith6010Phnom Penh63046D28"
    ko("mpm-real-khqr-short-template", src + " ('Invalid KHQR 10')",
       "26 declares 15 characters, its GUID 11: the root scan resumes inside 'jonhsmith@nbcq'",
       p, "invalid_id", p.index("bcq5204"), "")
    p = "00020101021230190015"
    ko("mpm-real-khqr-cut", src + " ('Invalid KHQR 13')", "Payload cut after 30's header",
       p, "length_overrun", 14, "30")
    p = ("00020101021229190015john_smith@devb52045999530311654065000.05802KH5910jonh smith6010Phnom "
         "Penh622701000313Coffee Klaing0702#29917001316130279727576304D219")
    ko("mpm-real-khqr-empty-bill-number", src + " ('Invalid KHQR 35')",
       "62/01 with length 00", p, "zero_length", p.index("622701") + 6, "62.01", hostile="B8")
    p = ("00020101021229180014jonhsmith@nbcq5204599953031165405500005802KH5910Jonh Smith6010Phnom "
         "Penh62090305BKK-1")
    ko("mpm-real-khqr-decode-no-crc", GH + "ishinvin/ts-khqr src/__tests__/decode-khqr.test.ts "
       "('Decode 3')", "Test payload published without its CRC", p, "crc_missing", len(p), "63",
       hostile="C1")


# ---------------------------------------------------------------------------------------------
# rules.json: one or more vectors per rule of REFERENCE.md §1.1-§1.8 and spec/README.md


def rules():
    file("rules.json")
    R1 = "REFERENCE.md §1.1"
    R2 = "REFERENCE.md §1.2"
    R3 = "REFERENCE.md §1.3"
    R4 = "REFERENCE.md §1.4"
    R5 = "REFERENCE.md §1.5"
    R6 = "REFERENCE.md §1.6"
    R7 = "REFERENCE.md §1.7"
    R8 = "REFERENCE.md §1.8"
    DEC = "spec/README.md Decisions"
    AM = "spec/README.md scheme amendments"
    ORD = "spec/README.md processing order"

    def ok(vid, rule, desc, objs, warnings=(), lenient=None, hostile=None):
        return valid(vid, C + rule, desc, objs, warnings, lenient, hostile)

    def ko(vid, rule, desc, objs, code, offset, path, lenient=None, hostile=None,
           pedantic=False):
        p = objs if isinstance(objs, str) else build(objs)
        return invalid(vid, C + rule, desc, p, code, offset, path, lenient, hostile,
                       pedantic=pedantic)

    def pair(vid, rule, desc, objs, code, offset, path, leniency, warnings=None):
        """The same payload invalid by default and valid with one leniency."""
        ko(vid + "-strict", rule + "; leniency " + leniency, desc + " (strict)", objs, code,
           offset, path)
        ok(vid + "-lenient", rule + "; leniency " + leniency,
           desc + " (with " + leniency + ")", objs,
           warnings if warnings is not None else [code], lenient=[leniency])

    # Baselines ------------------------------------------------------------------------------------
    ok("mpm-baseline-pix", "HOSTILE.md 3.0 B0", "Static Pix baseline B0", B0)
    ok("mpm-baseline-visa-us", R2, "Plain baseline: primitive Visa 02, USD, US", N0)
    ok("mpm-baseline-template-cn", R3, "Plain baseline: template 29 with AID GUID, CNY, CN", T0)

    # 00 Payload Format Indicator -------------------------------------------------------------------
    ok("mpm-pfi-01-only-required", R2, "PFI, accounts, 52, 53, 58, 59, 60, CRC: nothing else",
       rm(N0, "01"))
    pair("mpm-pfi-02", R2 + " (00 = 01)", "PFI 02 outside DuitNow", rep(N0, "00", "02"),
         "invalid_pfi", 4, "00", "payload_format")
    pair("mpm-pfi-00", R2 + " (00 = 01)", "PFI 00 (as an SGQR generator writes it)",
         rep(N0, "00", "00"), "invalid_pfi", 4, "00", "payload_format")
    ko("mpm-pfi-99", R2, "PFI 99", rep(N0, "00", "99"), "invalid_pfi", 4, "00")
    ko("mpm-pfi-not-numeric", R2 + " (format N)", "PFI 0A", rep(N0, "00", "0A"),
       "invalid_format", 4, "00")
    ko("mpm-pfi-one-digit", R2 + " (length 2)", "PFI '1'", rep(N0, "00", "1"),
       "invalid_format", 4, "00")
    ko("mpm-pfi-three-digits", R2 + " (length 2)", "PFI '010': not its fixed length 2, "
       "invalid_format (field_too_long is for objects with a maximum)",
       rep(N0, "00", "010"), "invalid_format", 4, "00")
    ko("mpm-pfi-not-first", R1 + " (00 first)", "01 before 00",
       [("01", "11"), ("00", "01")] + N0[2:], "pfi_not_first", 0, "00")
    ko("mpm-pfi-absent", R1 + " (00 first)", "No 00 at all", N0[1:], "pfi_not_first", 0, "00")
    ko("mpm-pfi-repeated", R1 + " (no duplicate)", "A second 00 later in the payload",
       ins(N0, ("00", "01"), after="58"), "duplicate_id", at(ins(N0, ("00", "01"), after="58"),
                                                             "00", "id", nth=2), "00")

    # 01 Point of Initiation ------------------------------------------------------------------------
    ok("mpm-poi-absent", R2 + " (01 optional)", "No 01", rm(B0, "01"))
    ok("mpm-poi-12-with-amount", R2, "Dynamic with an amount", ins(rep(N0, "01", "12"),
                                                                   ("54", "12.50"), after="53"))
    ok("mpm-poi-11-with-amount", "spec/README.md warnings", "Static code with an amount",
       ins(N0, ("54", "12.50"), after="53"), ["static_with_amount"], hostile="F12")
    ok("mpm-poi-12-without-amount", "spec/README.md warnings", "Dynamic code without an amount",
       rep(N0, "01", "12"), ["dynamic_without_amount"], hostile="F12")
    ok("mpm-poi-absent-with-amount", "spec/README.md warnings",
       "No 01 and an amount: neither warning", ins(rm(N0, "01"), ("54", "12.50"), after="53"))
    for v in ("13", "10", "21", "00"):
        ko("mpm-poi-" + v, R2 + " (11 or 12)", "PoI " + v, rep(N0, "01", v), "invalid_poi", 10, "01")
    ko("mpm-poi-space", R2 + " (format N)", "PoI ' 1'", rep(N0, "01", " 1"),
       "invalid_format", 10, "01")
    ko("mpm-poi-one-digit", R2 + " (length 2)", "PoI '1'", rep(N0, "01", "1"),
       "invalid_format", 10, "01")
    ko("mpm-poi-three-digits", R2 + " (length 2)", "PoI '111'", rep(N0, "01", "111"),
       "invalid_format", 10, "01")

    # 02-25 primitive merchant accounts --------------------------------------------------------
    for pid, net in (("04", "Mastercard"), ("15", "UnionPay"), ("25", "EMVCo-reserved, last primitive"),
                     ("06", "EMVCo-reserved (BharatQR RuPay)")):
        ok("mpm-account-primitive-" + pid, R2, "Merchant account in primitive %s (%s)" % (pid, net),
           [(pid if o[0] == "02" else o[0], o[1]) for o in N0])
    o = rep(N0, "02", "A" * 99)
    ok("mpm-account-primitive-99", R2 + " (length 99)", "A primitive value of the maximum 99 "
       "characters", o)
    o = rep(N0, "02", "40001234 1234~!")
    ok("mpm-account-primitive-ans-symbols", R1 + " (ans)", "Spaces and symbols are ans", o)
    o = [("15", "https://qr.alipay.com/fkx12345") if k == "02" else (k, v) for k, v in N0]
    ko("mpm-account-unionpay-url", "spec/registry/providers.json (UnionPay account form)",
       "A UnionPay account (15) holding an Alipay URL: a wallet would pay another wallet's code",
       o, "account_mismatch", at(o, "15"), "15")
    o = [("16", "6200 0000 1234 5678") if k == "02" else (k, v) for k, v in N0]
    ko("mpm-account-unionpay-spaces", "spec/registry/providers.json (UnionPay account form)",
       "A UnionPay account (16) with spaces is not of the UnionPay form (letters and digits)",
       o, "account_mismatch", at(o, "16"), "16")
    o = rep(N0, "02", "4000123412341234é")
    ko("mpm-account-primitive-non-ascii", R1 + " (ans)", "Non-ASCII in a primitive account",
       o, "invalid_charset", at(o, "02") + 16, "02")
    o = rep(N0, "02", "4000\t1234")
    ko("mpm-account-primitive-tab", R1 + " (ans)", "A tab in a primitive account",
       o, "invalid_charset", at(o, "02") + 4, "02")
    o = rep(N0, "02", "40001234\x7f")
    ko("mpm-account-primitive-del", R1 + " (ans excludes DEL)", "DEL (0x7F) is not ans",
       o, "invalid_charset", at(o, "02") + 8, "02")
    o = rm(N0, "02")
    ko("mpm-account-none", R2 + " (one of 02-51)", "No merchant account at all",
       o, "missing_merchant_account", 0, "", hostile="E10")
    o = ins(rm(N0, "02"), ("80", [("00", "com.example.pay"), ("01", "ACC1")]), after="01")
    ko("mpm-account-only-unreserved", R2 + " (one of 02-51)",
       "An unreserved template 80 is not a merchant account", o, "missing_merchant_account", 0, "")
    o = rm(N0, "02")
    o = ins(o, ("65", "RFU"), after="01")
    ko("mpm-account-only-rfu", R2 + " (one of 02-51)", "An RFU object is not a merchant account",
       o, "missing_merchant_account", 0, "")
    o = [("51" if x[0] == "29" else x[0], x[1]) for x in T0]
    ok("mpm-account-template-51", R2 + " (26-51 templates)", "Last template ID 51", o)
    o = [("26" if x[0] == "29" else x[0], x[1]) for x in T0]
    o = ins(o, ("02", "4000123412341234"), after="01")
    ok("mpm-account-primitive-and-template", R2, "Primitive 02 and template 26 together", o)

    # GUID (26-51, 80-99) ----------------------------------------------------------------------
    def guid_obj(g, tid="29"):
        return [(tid, [("00", g), ("01", "MERCHANT1")]) if x[0] == "29" else x for x in T0]

    for name, g in (("aid-10", "A000000004"), ("aid-16", "A000000677010111"),
                    ("aid-32", "A0000000041010A0000000041010A000"),
                    ("aid-lower", "a0000000041010"), ("uuid", "581b314e257f41bfbbdc6384daa31d16"),
                    ("uuid-upper", "581B314E257F41BFBBDC6384DAA31D16"),
                    ("domain", "com.merchant.name"), ("domain-upper", "SG.PAYNOW"),
                    ("domain-hyphen", "COM.GO-JEK.WWW"), ("domain-digits", "com.123.pay"),
                    ("domain-short-labels", "a.b"), ("domain-32", "com.example.payments.merchantsqr")):
        ok("mpm-guid-valid-" + name, DEC + " (GUID grammar)", "GUID '%s'" % g, guid_obj(g))
    for name, g, why in (("aid-9", "A00000000", "9 hex digits (odd, under 10)"),
                         ("aid-8", "D1560000", "8 hex digits"),
                         ("aid-11", "A0000006770", "odd count of hex digits"),
                         ("aid-31", "A0000000041010A0000000041010A00", "31 hex digits (odd)"),
                         ("aid-non-hex", "A00000000G", "G is not hex"),
                         ("single-label", "pix", "one label"),
                         ("empty-label", "br..pix", "an empty label"),
                         ("trailing-dot", "br.gov.", "a trailing dot"),
                         ("leading-dot", ".br.gov", "a leading dot"),
                         ("label-leading-hyphen", "com.-pay", "a label starting with '-'"),
                         ("label-trailing-hyphen", "com.pay-", "a label ending with '-'"),
                         ("first-label-digit", "c0m.pay", "a first label that is not all letters"),
                         ("first-label-number", "123.pay", "a numeric first label"),
                         ("underscore", "com.my_pay", "an underscore"),
                         ("space-inside", "com.my pay", "a space"),
                         ("hex-31", "581b314e257f41bfbbdc6384daa31d1", "31 hex digits")):
        o = guid_obj(g)
        ko("mpm-guid-invalid-" + name, DEC + " (GUID grammar)", "GUID '%s': %s" % (g, why), o,
           "invalid_guid", at(o, "29.00"), "29.00")
    # An account ID 'name@bank' is KHQR's only in 29 and 30 (below); elsewhere it is no GUID.
    o = guid_obj("merchant@bank", "31")
    ko("mpm-guid-invalid-at-sign", DEC + " (GUID grammar)", "'merchant@bank' in 31: a "
       "KHQR-style account ID outside KHQR's templates 29 and 30 is no GUID", o, "invalid_guid",
       at(o, "31.00"), "31.00")
    o = guid_obj("581b314e-257f-41bf-bbdc-6384daa31d16")
    ko("mpm-guid-uuid-with-hyphens", R3 + " (GUID ans ≤32)",
       "A UUID with hyphens is 36 characters: longer than a GUID may be", o, "field_too_long",
       at(o, "29.00"), "29.00")
    o = guid_obj("A0000000041010A0000000041010A0000")
    ko("mpm-guid-33-chars", R3 + " (GUID ans ≤32)", "A 33-character GUID", o, "field_too_long",
       at(o, "29.00"), "29.00")
    o = guid_obj("com.pagé.pay")
    ko("mpm-guid-non-ascii", R3 + " (GUID ans)", "A non-ASCII letter in a GUID is outside ans",
       o, "invalid_charset", at(o, "29.00") + 7, "29.00")
    pair("mpm-guid-account-id", R3 + "; REFERENCE.md §4.8", "An account ID in 31/00",
         guid_obj("jonhsmith@nbcq", "31"), "invalid_guid",
         at(guid_obj("jonhsmith@nbcq", "31"), "31.00"), "31.00", "non_guid_identifier")
    # KHQR's departures: the Bakong account ID in 29/00, accepted by default and named.
    k0 = [("00", "01"), ("01", "11"), ("29", [("00", "john_smith@devb")]), ("52", "5999"),
          ("53", "116"), ("58", "KH"), ("59", "John Smith"), ("60", "Phnom Penh")]
    src = "KHQR departure (spec/README.md Severity)"
    ok("mpm-khqr-account-id-departure", src, "KHQR account ID in 29/00: one scheme_departure",
       k0, ["scheme_departure"])
    ko("mpm-khqr-account-id-pedantic", src, "The same, pedantic: the EMVCo GUID rule", k0,
       "invalid_guid", at(k0, "29.00"), "29.00", pedantic=True)
    valid("mpm-khqr-account-id-pedantic-lenient", C + src, "Pedantic with non_guid_identifier",
          k0, ["invalid_guid"], lenient=["non_guid_identifier"], pedantic=True)
    o = [("29", [("01", "MERCHANT1"), ("00", "D15600000000")]) if x[0] == "29" else x for x in T0]
    ok("mpm-guid-not-first", DEC + " (GUID not first)", "GUID after sub-object 01",
       o, ["guid_not_first"], hostile="D6")
    o = [("29", [("01", "MERCHANT1"), ("02", "X")]) if x[0] == "29" else x for x in T0]
    pair("mpm-guid-missing", R3 + " (GUID mandatory)", "Template 29 without sub-ID 00", o,
         "missing_guid", at(o, "29"), "29.00", "missing_guid")
    o = ins(N0, ("80", [("00", "com.example.loyalty"), ("01", "MEMBER-0042")]))
    ok("mpm-unreserved-80", R7, "Unreserved template 80 with a GUID", o)
    o = ins(N0, ("99", [("00", "A0000000031010"), ("99", "opaque data")]))
    ok("mpm-unreserved-99", R7, "Unreserved template 99 with an AID GUID and sub-ID 99", o)
    o = ins(N0, ("99", [("00", "1625713467827"), ("01", "1625713767827")]))
    pair("mpm-unreserved-99-timestamp-guid", R7 + "; REFERENCE.md §4.8",
         "KHQR-style 99 whose sub-ID 00 is a millisecond timestamp", o, "invalid_guid",
         at(o, "99.00"), "99.00", "non_guid_identifier")
    o = ins(N0, ("99", [("01", "1625713467827"), ("02", "1625713767827")]))
    pair("mpm-unreserved-99-no-guid", R7 + "; REFERENCE.md §4.8", "Template 99 without sub-ID 00",
         o, "missing_guid", at(o, "99"), "99.00", "missing_guid")
    o = ins(N0, ("80", [("00", "com.example.pay"), ("01", "A\x00B")]))
    ko("mpm-unreserved-control", R7 + " (S)", "A NUL inside an unreserved sub-object",
       o, "invalid_charset", at(o, "80.01") + 1, "80.01")
    o = rep(B0, "26", [("00", "br.gov.bcb.pix"), ("01", "loja@example.com"),
                       ("02", "Pagamento à vista")])
    ok("mpm-template-sub-non-ascii", DEC + " (template sub-objects are S)",
       "Non-ASCII in 26/02 (Pix infoAdicional): sub-objects 01-99 are format S", o)
    o = rep(B0, "26.01", "loja@example.com\x0a")
    ko("mpm-template-sub-newline", DEC + " (template sub-objects are S)",
       "A line feed in the Pix key", o, "invalid_charset", at(o, "26.01") + 16, "26.01")
    o = rep(T0, "29.05", "A" * 32)
    ok("mpm-template-sub-long", R2, "A template sub-object may be longer than 32 (only the GUID "
       "is limited)", o)

    # 52 MCC ------------------------------------------------------------------------------------
    ok("mpm-mcc-0000", R2, "MCC 0000 (Pix, HK FPS)", rep(N0, "52", "0000"))
    ok("mpm-mcc-9999", R2, "MCC 9999", rep(N0, "52", "9999"))
    for name, v, code in (("letters", "ABCD", "invalid_format"), ("three", "581", "invalid_format"),
                          ("space", "58 2", "invalid_format"), ("five", "58121", "invalid_format"),
                          ("sign", "+581", "invalid_format")):
        o = rep(N0, "52", v)
        ko("mpm-mcc-" + name, R2 + " (N 4)", "MCC '%s'" % v, o, code, at(o, "52"), "52",
           hostile="E4" if name in ("letters", "space") else None)
    ko("mpm-mcc-missing", R2 + " (52 mandatory)", "No 52", rm(N0, "52"),
       "missing_mandatory", 0, "52", hostile="E10")

    # 53 currency --------------------------------------------------------------------------------
    for cur, cc in (("392", "JP"), ("048", "BH"), ("704", "VN"), ("978", "DE")):
        ok("mpm-currency-" + cur, DEC + " (ISO 4217)", "Currency %s in %s" % (cur, cc),
           rep(rep(N0, "53", cur), "58", cc))
    for cur, why in (("000", "not a code"), ("999", "XXX, no currency"), ("963", "XTS, test code"),
                     ("997", "USN, a funds code"), ("990", "CLF, a funds code"),
                     ("959", "XAU, gold"), ("960", "XDR"), ("994", "XSU"), ("965", "XUA"),
                     ("280", "DEM, withdrawn"), ("001", "never assigned")):
        o = rep(N0, "53", cur)
        ko("mpm-currency-" + cur, DEC + " (ISO 4217)", "Currency %s (%s)" % (cur, why), o,
           "invalid_currency", at(o, "53"), "53", hostile="E5" if cur in ("000", "999") else None)
    for name, v, code in (("alpha", "USD", "invalid_format"), ("two-digits", "84", "invalid_format"),
                          ("four-digits", "0840", "invalid_format")):
        o = rep(N0, "53", v)
        ko("mpm-currency-" + name, R2 + " (N 3)", "Currency '%s'" % v, o, code, at(o, "53"), "53",
           hostile="E6" if name != "four-digits" else None)
    ko("mpm-currency-missing", R2 + " (53 mandatory)", "No 53", rm(N0, "53"),
       "missing_mandatory", 0, "53", hostile="E10")

    # 54 amount ----------------------------------------------------------------------------------
    def amt(v, base=N0, cur=None, cc=None):
        o = ins(base, ("54", v), after="53")
        if cur:
            o = rep(rep(o, "53", cur), "58", cc)
        return rep(o, "01", "12") if "01" in dict((x[0], 1) for x in o) else o

    for name, v in (("two-decimals", "98.73"), ("integer", "98"), ("trailing-dot", "98."),
                    ("one-decimal", "98.7"), ("below-one", "0.50"), ("max-length", "1234567890.12"),
                    ("one", "1"), ("smallest", "0.01")):
        ok("mpm-amount-" + name, R4 + (("; " + DEC) if name in ("trailing-dot", "below-one") else ""),
           "Amount '%s' in USD" % v, amt(v))
    ok("mpm-amount-jpy-integer", DEC + " (fewer decimals)", "Amount '5000' in JPY",
       amt("5000", cur="392", cc="JP"))
    ok("mpm-amount-jpy-trailing-dot", DEC, "Amount '5000.' in JPY (no decimals)",
       amt("5000.", cur="392", cc="JP"))
    ok("mpm-amount-bhd-three-decimals", DEC, "Amount '1.234' in BHD (exponent 3)",
       amt("1.234", cur="048", cc="BH"))
    for name, v, hid in (("comma", "98,73", None), ("space", "3 705", "F6"), ("exponent", "1e3", "F1"),
                         ("negative", "-1", "F2"), ("plus", "+5", "F3"), ("leading-dot", ".5", "F3"),
                         ("two-dots", "1.2.3", None), ("inf", "inf", "F4"), ("nan", "NaN", "F4"),
                         ("infinity", "infinity", "F4"), ("thousands", "1,000.00", "F6"),
                         ("underscore", "1_000", "F6"), ("trailing-space", "10.00 ", "F11"),
                         ("leading-space", " 10.00", "F11"), ("dot-only", ".", None),
                         ("currency-sign", "$10", None), ("hex", "0x10", None)):
        o = amt(v)
        ko("mpm-amount-" + name, R4 + ((("; " + DEC) if name == "leading-dot" else "")),
           "Amount '%s'" % v, o, "invalid_amount", at(o, "54"), "54", hostile=hid)
    o = amt("12345678901234")
    ko("mpm-amount-14-chars", R2 + " (54 ≤13)", "A 14-character amount", o, "field_too_long",
       at(o, "54"), "54")
    o = amt("12345678901234567890")
    ko("mpm-amount-20-digits", R2 + " (54 ≤13)", "20 digits (beyond u64)", o, "field_too_long",
       at(o, "54"), "54", hostile="F5")
    o = amt("１０.00")
    ko("mpm-amount-fullwidth-digits", R2 + " (54 ans)", "Full-width digits are not ans",
       o, "invalid_charset", at(o, "54"), "54", hostile="F10")
    o = amt("١٠.٠٠")
    ko("mpm-amount-arabic-indic-digits", R2 + " (54 ans)", "Arabic-Indic digits are not ans",
       o, "invalid_charset", at(o, "54"), "54", hostile="F10")
    for name, v in (("zero", "0"), ("zero-decimals", "0.00"), ("zero-dot", "0."),
                    ("zero-one-decimal", "0.0")):
        o = amt(v)
        pair("mpm-amount-" + name, R4 + " (54 non-zero)", "Amount '%s'" % v, o,
             "invalid_amount", at(o, "54"), "54", "zero_amount")
    for name, v in (("leading-zero", "010"), ("leading-zeros-decimals", "00.50"),
                    ("leading-zeros", "00010")):
        o = amt(v)
        pair("mpm-amount-" + name, DEC + " (leading zeros)", "Amount '%s'" % v, o,
             "invalid_amount", at(o, "54"), "54", "amount_leading_zeros")
    o = amt("1e3")
    ko("mpm-amount-leading-zeros-leniency-scope", DEC + "; leniency amount_leading_zeros",
       "amount_leading_zeros does not relax other grammar errors", o, "invalid_amount",
       at(o, "54"), "54", lenient=["amount_leading_zeros"])
    o = amt("10.001", base=B0)
    pair("mpm-amount-brl-three-decimals", DEC + " (decimals vs ISO 4217)", "Amount '10.001' in BRL",
         o, "invalid_amount", at(o, "54"), "54", "amount_precision")
    o = amt("100.5", cur="392", cc="JP")
    pair("mpm-amount-jpy-decimal", DEC + " (decimals vs ISO 4217)", "Amount '100.5' in JPY",
         o, "invalid_amount", at(o, "54"), "54", "amount_precision")
    o = amt("1.2345", cur="048", cc="BH")
    ko("mpm-amount-bhd-four-decimals", DEC + " (decimals vs ISO 4217)", "Amount '1.2345' in BHD",
       o, "invalid_amount", at(o, "54"), "54")
    o = amt("100.00", cur="704", cc="VN")
    pair("mpm-amount-vnd-two-decimals", DEC + " (decimals vs ISO 4217)",
         "Amount '100.00' in VND (generators that always print 2 decimals)", o,
         "invalid_amount", at(o, "54"), "54", "amount_precision")

    # 55 / 56 / 57 tip and convenience fee -------------------------------------------------------
    A = ("54", "20.00")
    o = ins(rep(N0, "01", "12"), A, after="53")
    ok("mpm-tip-prompt", R2 + " (55 = 01)", "Tip prompt with an amount",
       ins(o, ("55", "01"), after="54"))
    ok("mpm-tip-prompt-no-amount", R2 + " (55 without 54)", "Tip prompt without an amount",
       ins(N0, ("55", "01"), after="53"))
    ok("mpm-tip-fixed", R2 + " (55 = 02)", "Fixed fee 2.50",
       ins(ins(o, ("55", "02"), after="54"), ("56", "2.50"), after="55"))
    for v in ("3.5", "05.5", "99.99", "0.01", "00.01", "10", "1.25"):
        ok("mpm-tip-percent-" + v.replace(".", "-"), DEC + " (57)", "Percentage fee '%s'" % v,
           ins(ins(o, ("55", "03"), after="54"), ("57", v), after="55"))
    oo = ins(o, ("55", "04"), after="54")
    ko("mpm-tip-indicator-04", R2 + " (55 values)", "Tip indicator 04", oo, "tip_rule",
       at(oo, "55"), "55", hostile="E14")
    oo = ins(o, ("55", "00"), after="54")
    ko("mpm-tip-indicator-00", R2 + " (55 values)", "Tip indicator 00", oo, "tip_rule",
       at(oo, "55"), "55")
    oo = ins(o, ("55", "1"), after="54")
    ko("mpm-tip-indicator-one-digit", R2 + " (55 N 2)", "Tip indicator '1'", oo, "invalid_format",
       at(oo, "55"), "55")
    oo = ins(o, ("55", "0A"), after="54")
    ko("mpm-tip-indicator-letter", R2 + " (55 N 2)", "Tip indicator '0A'", oo, "invalid_format",
       at(oo, "55"), "55")
    oo = ins(o, ("55", "011"), after="54")
    ko("mpm-tip-indicator-long", R2 + " (55 N 2)", "Tip indicator '011'", oo, "invalid_format",
       at(oo, "55"), "55")
    oo = ins(o, ("55", "02"), after="54")
    ko("mpm-tip-fixed-without-56", R2 + " (56 iff 55 = 02)", "55 = 02 and no 56: the error names "
       "56 and points at 55's value", oo, "tip_rule", at(oo, "55"), "56", hostile="E11")
    oo = ins(o, ("55", "03"), after="54")
    ko("mpm-tip-percent-without-57", R2 + " (57 iff 55 = 03)", "55 = 03 and no 57", oo,
       "tip_rule", at(oo, "55"), "57")
    oo = ins(o, ("56", "2.50"), after="54")
    ko("mpm-tip-56-without-55", R2 + " (56 iff 55 = 02)", "56 without 55", oo, "tip_rule",
       at(oo, "56"), "56")
    oo = ins(o, ("57", "3.5"), after="54")
    ko("mpm-tip-57-without-55", R2 + " (57 iff 55 = 03)", "57 without 55", oo, "tip_rule",
       at(oo, "57"), "57")
    oo = ins(ins(o, ("55", "01"), after="54"), ("56", "2.50"), after="55")
    ko("mpm-tip-prompt-with-56", R2 + " (56 iff 55 = 02)", "55 = 01 with 56", oo, "tip_rule",
       at(oo, "56"), "56")
    oo = ins(ins(o, ("55", "01"), after="54"), ("57", "3.5"), after="55")
    ko("mpm-tip-prompt-with-57", R2 + " (57 iff 55 = 03)", "55 = 01 with 57", oo, "tip_rule",
       at(oo, "57"), "57")
    oo = ins(ins(o, ("55", "03"), after="54"), ("57", "3.5"), after="55")
    oo = ins(oo, ("56", "2.50"), after="55")
    ko("mpm-tip-percent-with-56", ORD + " (56 before 57)", "55 = 03 with both 56 and 57: 56 is "
       "checked first", oo, "tip_rule", at(oo, "56"), "56")
    oo = ins(ins(o, ("55", "02"), after="54"), ("56", "2.50"), after="55")
    oo = ins(oo, ("57", "3.5"), after="56")
    ko("mpm-tip-fixed-with-57", R2 + " (57 iff 55 = 03)", "55 = 02 with 56 and 57", oo,
       "tip_rule", at(oo, "57"), "57", hostile="E13")
    oo = ins(ins(o, ("55", "02"), after="54"), ("57", "3.5"), after="55")
    ko("mpm-tip-fixed-with-only-57", ORD + " (56 before 57)", "55 = 02 with 57 instead of 56: the "
       "missing 56 is reported first", oo, "tip_rule", at(oo, "55"), "56")
    oo = ins(ins(o, ("55", "02"), after="54"), ("56", "0.00"), after="55")
    pair("mpm-tip-fixed-zero", R2 + " (56 non-zero)", "Fixed fee 0.00", oo, "invalid_amount",
         at(oo, "56"), "56", "zero_amount")
    for name, v in (("exponent", "1e3"), ("negative", "-2"), ("comma", "2,50")):
        oo = ins(ins(o, ("55", "02"), after="54"), ("56", v), after="55")
        ko("mpm-tip-fixed-" + name, R4 + " (56 like 54)", "Fixed fee '%s'" % v, oo,
           "invalid_amount", at(oo, "56"), "56")
    oo = ins(ins(o, ("55", "02"), after="54"), ("56", "12345678901234"), after="55")
    ko("mpm-tip-fixed-14-chars", R2 + " (56 ≤13)", "A 14-character fee", oo, "field_too_long",
       at(oo, "56"), "56")
    oo = ins(ins(o, ("55", "02"), after="54"), ("56", "2.505"), after="55")
    pair("mpm-tip-fixed-precision", DEC + " (decimals vs ISO 4217)", "Fixed fee '2.505' in USD",
         oo, "invalid_amount", at(oo, "56"), "56", "amount_precision")
    oo = ins(ins(o, ("55", "02"), after="54"), ("56", "02.50"), after="55")
    pair("mpm-tip-fixed-leading-zero", DEC + " (leading zeros)", "Fixed fee '02.50'", oo,
         "invalid_amount", at(oo, "56"), "56", "amount_leading_zeros")
    for name, v, code in (("100", "100", "invalid_amount"), ("zero", "0", "invalid_amount"),
                          ("zero-decimals", "0.00", "invalid_amount"),
                          ("negative", "-5", "invalid_amount"), ("exponent", "5e1", "invalid_amount"),
                          ("three-decimals", "5.555", "invalid_amount"),
                          ("percent-sign", "5%", "invalid_amount"),
                          ("leading-dot", ".5", "invalid_amount"),
                          ("100-00", "100.00", "field_too_long"),
                          ("comma", "5,5", "invalid_amount")):
        oo = ins(ins(o, ("55", "03"), after="54"), ("57", v), after="55")
        ko("mpm-tip-percent-" + name, DEC + " (57)", "Percentage fee '%s'" % v, oo, code,
           at(oo, "57"), "57", hostile="E12" if name in ("100-00", "zero", "negative", "exponent")
           else None)

    # 58 country ---------------------------------------------------------------------------------
    for cc, why, hid in (("br", "lower case", "E7"), ("Br", "mixed case", None),
                         ("B1", "a digit", "E7"), ("XX", "user-assigned", "E7"),
                         ("UK", "exceptionally reserved, not assigned", None),
                         ("EU", "exceptionally reserved", None), ("12", "digits", None)):
        o = rep(N0, "58", cc)
        ko("mpm-country-" + cc.lower() + ("-mixed" if cc == "Br" else ""),
           DEC + " (ISO 3166-1)", "Country '%s' (%s)" % (cc, why), o, "invalid_country",
           at(o, "58"), "58", hostile=hid)
    o = rep(N0, "58", "U")
    ko("mpm-country-one-letter", R2 + " (58 ans 2)", "Country 'U'", o, "invalid_format",
       at(o, "58"), "58")
    o = rep(N0, "58", "USA")
    ko("mpm-country-alpha3", R2 + " (58 ans 2)", "Country 'USA'", o, "invalid_format",
       at(o, "58"), "58")
    o = rep(N0, "58", "UÉ")
    ko("mpm-country-non-ascii", R2 + " (58 ans)", "Country 'UÉ'", o, "invalid_charset",
       at(o, "58") + 1, "58")
    ko("mpm-country-missing", R2 + " (58 mandatory)", "No 58", rm(N0, "58"),
       "missing_mandatory", 0, "58", hostile="E10")
    ok("mpm-country-currency-mismatch-th-brl", "spec/README.md warnings", "TH with BRL",
       rep(B0, "58", "TH"), ["country_currency_mismatch"], hostile="E8")
    ok("mpm-country-currency-mismatch-br-usd", "spec/README.md warnings", "BR with USD",
       rep(N0, "58", "BR"), ["country_currency_mismatch"])
    ok("mpm-country-currency-ecuador-usd", "spec/README.md warnings",
       "EC with USD: the US dollar is Ecuador's legal tender, no warning", rep(N0, "58", "EC"))

    # 59 / 60 / 61 -------------------------------------------------------------------------------
    o = rep(N0, "59", "A" * 25)
    ok("mpm-name-25", R2 + " (59 ≤25)", "Merchant name of 25 characters", o)
    o = rep(N0, "59", "A" * 26)
    ko("mpm-name-26", R2 + " (59 ≤25)", "Merchant name of 26 characters", o, "field_too_long",
       at(o, "59"), "59", hostile="E9")
    o = rep(N0, "60", "C" * 15)
    ok("mpm-city-15", R2 + " (60 ≤15)", "City of 15 characters", o)
    o = rep(N0, "60", "C" * 16)
    ko("mpm-city-16", R2 + " (60 ≤15)", "City of 16 characters", o, "field_too_long",
       at(o, "60"), "60", hostile="E9")
    o = ins(N0, ("61", "1234567890"))
    ok("mpm-postal-10", R2 + " (61 ≤10)", "Postal code of 10 characters", o)
    o = ins(N0, ("61", "12345678901"))
    ko("mpm-postal-11", R2 + " (61 ≤10)", "Postal code of 11 characters", o, "field_too_long",
       at(o, "61"), "61", hostile="E9")
    ko("mpm-name-missing", R2 + " (59 mandatory)", "No 59", rm(N0, "59"),
       "missing_mandatory", 0, "59", hostile="E10")
    ko("mpm-city-missing", R2 + " (60 mandatory)", "No 60", rm(N0, "60"),
       "missing_mandatory", 0, "60", hostile="E10")
    o = rep(N0, "59", "CAFÉ")
    pair("mpm-name-non-ascii", R2 + " (59 ans)", "Merchant name 'CAFÉ' outside Pix", o,
         "invalid_charset", at(o, "59") + 3, "59", "non_ascii_text")
    o = rep(N0, "60", "MÜNCHEN")
    pair("mpm-city-non-ascii", R2 + " (60 ans)", "City 'MÜNCHEN' outside Pix", o,
         "invalid_charset", at(o, "60") + 1, "60", "non_ascii_text")
    o = ins(N0, ("61", "10115-Ö"))
    pair("mpm-postal-non-ascii", R2 + " (61 ans)", "Postal code with 'Ö'", o,
         "invalid_charset", at(o, "61") + 6, "61", "non_ascii_text")
    o = rep(N0, "59", "BEST\tCAFE")
    ko("mpm-name-tab", R1 + " (ans)", "A tab in 59", o, "invalid_charset", at(o, "59") + 4, "59")
    o = rep(N0, "59", "CAFÉ\tX")
    ko("mpm-name-non-ascii-text-keeps-controls", DEC + " (S format); leniency non_ascii_text",
       "non_ascii_text admits non-ASCII letters, not control characters", o, "invalid_charset",
       at(o, "59") + 4, "59", lenient=["non_ascii_text"])
    o = rep(N0, "59", "CAF\u0085E")
    ko("mpm-name-c1-control-lenient", DEC + " (S format); leniency non_ascii_text",
       "A C1 control (U+0085) stays invalid under non_ascii_text", o, "invalid_charset",
       at(o, "59") + 3, "59", lenient=["non_ascii_text"])
    o = rep(N0, "59", "BEST ~ CAFE & CO. #1")
    ok("mpm-name-ans-symbols", R1 + " (ans)", "Symbols in 59", o)
    o = rep(N0, "59", "A" * 24 + "É" + "B")
    ko("mpm-name-too-long-before-charset", ORD + " (field_too_long first)",
       "26 characters with a non-ASCII one: the length is checked before the characters",
       o, "field_too_long", at(o, "59"), "59")

    # Pix amendment ------------------------------------------------------------------------------
    o = rep(B0, "59", "JOSÉ DA SILVA")
    ok("mpm-pix-name-non-ascii", AM + " (Pix)", "Pix merchant name with 'É'", o, ["non_ascii"],
       hostile="E15")
    o = rep(B0, "60", "SÃO PAULO")
    ok("mpm-pix-city-non-ascii", AM + " (Pix)", "Pix city 'SÃO PAULO'", o, ["non_ascii"])
    o = rep(B0, "59", "Ç" * 25)
    ok("mpm-pix-name-25-non-ascii", AM + " (Pix)", "25 non-ASCII characters (50 bytes) fit",
       o, ["non_ascii"])
    o = rep(B0, "59", "Ç" * 26)
    ko("mpm-pix-name-26-non-ascii", AM + " (Pix)", "26 non-ASCII characters do not", o,
       "field_too_long", at(o, "59"), "59")
    o = ins(B0, ("61", "01310-Ç"), after="60")
    pair("mpm-pix-postal-non-ascii", AM + " (Pix covers 59 and 60 only)",
         "Non-ASCII in 61 of a Pix payload", o, "invalid_charset", at(o, "61") + 6, "61",
         "non_ascii_text")
    o = rep(B0, "62", [("05", "***"), ("08", "DOAÇÃO")])
    pair("mpm-pix-purpose-non-ascii", AM + " (Pix covers 59 and 60 only)",
         "Non-ASCII in 62/08 of a Pix payload", o, "invalid_charset", at(o, "62.08") + 3, "62.08",
         "non_ascii_text")
    o = rep(B0, "59", "LOJA\x7fEXEMPLO")
    ko("mpm-pix-name-del", AM + " (Pix: S)", "DEL in a Pix name", o, "invalid_charset",
       at(o, "59") + 4, "59")
    o = rep(B0, "26.00", "BR.GOV.BCB.PIX")
    ok("mpm-pix-guid-upper", AM + " (Pix)", "GUID in upper case", o, ["guid_case_folded"],
       hostile="H3")
    o = rep(rep(B0, "26.00", "Br.Gov.Bcb.Pix"), "59", "JOSÉ")
    ok("mpm-pix-guid-mixed-non-ascii-name", AM + " (Pix)",
       "Mixed-case GUID still enables the Pix amendment", o, ["guid_case_folded", "non_ascii"])
    o = [("27" if x[0] == "26" else x[0], x[1]) for x in rep(B0, "59", "JOSÉ")]
    ok("mpm-pix-in-27", AM + " (any of 26-51)", "Pix GUID in template 27", o, ["non_ascii"])
    o = ins(rep(N0, "59", "JOSÉ"), ("80", [("00", "br.gov.bcb.pix"), ("25", "pix.example.com/r/1")]))
    ko("mpm-pix-in-80-only", AM + " (templates 26-51)",
       "A Pix GUID only in unreserved template 80 does not enable the Pix amendment", o,
       "invalid_charset", at(o, "59") + 3, "59")
    o = rep(rep(B0, "26.00", "br.gov.bcb.pix.evil"), "59", "JOSÉ")
    ko("mpm-pix-guid-extended", AM + " (exact GUID)", "br.gov.bcb.pix.evil is not Pix", o,
       "invalid_charset", at(o, "59") + 3, "59", hostile="H5")

    # PromptPay / VietQR / DuitNow amendments ----------------------------------------------------
    for aid, tid in (("A000000677010111", "29"), ("A000000677010112", "30"),
                     ("A000000677010114", "29"), ("A000000677012006", "30")):
        o = [(tid, [("00", aid), ("01", "0066812345678")]) if x[0] == "29" else x for x in P0]
        ok("mpm-promptpay-" + aid[-4:] + "-no-52-59-60", AM + " (PromptPay)",
           "PromptPay AID %s without 52, 59, 60: one warning scheme_departure" % aid, o,
           ["scheme_departure"], hostile="H12" if aid.endswith("14")
           else None)
    o = [("31", [("00", "A000000677010113"), ("01", "004"), ("02", "KB0001")]) if x[0] == "29"
         else x for x in P0]
    ko("mpm-promptpay-0113-not-amended", AM + " (PromptPay list)",
       "A000000677010113 is not in the PromptPay list: 52 is mandatory", o, "missing_mandatory",
       0, "52")
    o = rep(P0, "29.00", "a000000677010111")
    ok("mpm-promptpay-lower-case-aid", AM + " (an AID's hex digits compare in either case)",
       "The PromptPay AID in lower case is the same AID: the amendments apply", o, ["scheme_departure"])
    o = ins(P0, ("52", "0000"), after="29")
    o = ins(o, ("59", "SOMCHAI"), after="58")
    ok("mpm-promptpay-with-52-59", AM + " (PromptPay)", "PromptPay with 52 and 59 but no 60", o,
       ["scheme_departure"])
    o = ins(P0, ("59", "A" * 26), after="58")
    ko("mpm-promptpay-name-too-long", AM + " (PromptPay)",
       "When present, 59 still follows its rules", o, "field_too_long", at(o, "59"), "59")
    o = rm(P0, "53")
    ko("mpm-promptpay-no-currency", AM + " (PromptPay)", "53 stays mandatory", o,
       "missing_mandatory", 0, "53")
    o = [("80", x[1]) if x[0] == "29" else x for x in P0]
    ko("mpm-promptpay-in-80", AM + " (templates 26-51)", "PromptPay AID in unreserved 80 only",
       o, "missing_mandatory", 0, "52")
    ok("mpm-vietqr-no-52-59-60", AM + " (VietQR)", "VietQR without 52, 59, 60", V0, ["scheme_departure"])
    o = [("26", x[1]) if x[0] == "38" else x for x in V0]
    ok("mpm-vietqr-in-26", AM + " (VietQR)", "VietQR GUID in template 26", o, ["scheme_departure"])
    o = rep(V0, "38.00", "A0000007270")
    ko("mpm-vietqr-prefix-aid", AM + " (exact GUID)", "A0000007270 (odd) is not an AID",
       o, "invalid_guid", at(o, "38.00"), "38.00")
    o = rep(V0, "38.00", "A00000072701")
    ko("mpm-vietqr-extended-aid", AM + " (exact GUID)", "A00000072701 is a valid AID but not "
       "VietQR's: 52 is mandatory", o, "missing_mandatory", 0, "52")
    ok("mpm-duitnow-pfi-02", AM + " (DuitNow)", "DuitNow with PFI 02", D0, ["scheme_departure"])
    ko("mpm-duitnow-pfi-02-pedantic", AM + " (DuitNow); spec/README.md Severity",
       "DuitNow with PFI 02, pedantic: the EMVCo rule as written", D0, "invalid_pfi", 4, "00",
       pedantic=True)
    ok("mpm-duitnow-pfi-01", AM + " (DuitNow)", "DuitNow with PFI 01", rep(D0, "00", "01"))
    o = rep(D0, "00", "00")
    ko("mpm-duitnow-pfi-00", AM + " (DuitNow accepts 02 only)", "DuitNow with PFI 00", o,
       "invalid_pfi", 4, "00")
    o = rep(D0, "26.00", "A000000615000101")
    ko("mpm-duitnow-other-aid-pfi-02", AM + " (exact GUID)",
       "A000000615000101 is not the DuitNow GUID: PFI 02 is invalid", o, "invalid_pfi", 4, "00")
    o = [("80", x[1]) if x[0] == "26" else x for x in D0]
    o = ins(o, ("02", "4000123412341234"), after="01")
    ko("mpm-duitnow-in-80", AM + " (templates 26-51)", "DuitNow GUID in 80 only: PFI 02 invalid",
       o, "invalid_pfi", 4, "00")

    # 62 additional data -------------------------------------------------------------------------
    def adf(*subs):
        return ins(N0, ("62", list(subs)))

    o = adf(*[("%02d" % k, "***") for k in range(1, 9)])
    ok("mpm-adf-all-prompts", R5, "62/01-08 all '***' (prompt the consumer)", o)
    for k in range(1, 9):
        o = adf(("%02d" % k, "X" * 25))
        ok("mpm-adf-%02d-25" % k, R5, "62/%02d of 25 characters" % k, o)
    for k in (1, 5, 8):
        o = adf(("%02d" % k, "X" * 26))
        ko("mpm-adf-%02d-26" % k, R5, "62/%02d of 26 characters" % k, o, "field_too_long",
           at(o, "62.%02d" % k), "62.%02d" % k, hostile="D9" if k == 5 else None)
    o = adf(("03", "LOJA\u00a0CENTRO"))
    pair("mpm-adf-store-label-non-ascii", R5 + " (ans)", "No-break space in 62/03", o,
         "invalid_charset", at(o, "62.03") + 4, "62.03", "non_ascii_text")
    for v in ("AME", "ME", "E", "MEA", "EA"):
        ok("mpm-adf-09-" + v.lower(), R5 + " (62/09)", "Consumer data request '%s'" % v,
           adf(("09", v)))
    for name, v, code in (("repeat", "AA", "invalid_format"), ("unknown", "X", "invalid_format"),
                          ("lower", "me", "invalid_format"), ("space", "A E", "invalid_format"),
                          ("four", "AMEA", "field_too_long")):
        o = adf(("09", v))
        ko("mpm-adf-09-" + name, R5 + "; " + DEC + " (62/09)", "Consumer data request '%s'" % v,
           o, code, at(o, "62.09"), "62.09")
    o = adf(("10", "T" * 20))
    ok("mpm-adf-10-20", DEC + " (62/10 ≤20)", "Merchant tax ID of 20 characters", o)
    o = adf(("10", "T" * 21))
    ko("mpm-adf-10-21", DEC + " (62/10 ≤20)", "Merchant tax ID of 21 characters", o,
       "field_too_long", at(o, "62.10"), "62.10")
    for v in ("000", "733", "412", "600"):
        ok("mpm-adf-11-" + v, DEC + " (62/11)", "Merchant channel '%s'" % v, adf(("11", v)))
    for name, v, code in (("media-8", "800", "invalid_format"), ("location-4", "040", "invalid_format"),
                          ("presence-4", "004", "invalid_format"), ("two", "12", "invalid_format"),
                          ("letter", "A00", "invalid_format"), ("four", "0000", "invalid_format")):
        o = adf(("11", v))
        ko("mpm-adf-11-" + name, DEC + " (62/11)", "Merchant channel '%s'" % v, o, code,
           at(o, "62.11"), "62.11")
    o = adf(("00", "ph.ppmi.qrph"), ("05", "REF1"))
    ok("mpm-adf-00-rfu", "REFERENCE.md §1.5 (62/00 undefined)",
       "62/00 (QR Ph puts a GUID there) is reserved: kept, warning rfu_id", o, ["rfu_id"],
       hostile="D7")
    o = adf(("12", "FUTURE"))
    ok("mpm-adf-12-rfu", R5 + " (62/12-49 RFU)", "62/12 is RFU", o, ["rfu_id"])
    o = adf(("49", "FUTURE ÉTÉ"))
    ok("mpm-adf-49-rfu", R5 + " (62/12-49 RFU, S)", "62/49 is RFU and format S", o, ["rfu_id"])
    o = adf(("50", "0005com.x0103ABC"))
    ok("mpm-adf-50-opaque", DEC + " (62/50-99 opaque)", "62/50 kept as one opaque string", o)
    o = adf(("99", "not TLV at all"))
    ok("mpm-adf-99-not-tlv", DEC + " (62/50-99 opaque)", "62/99 need not be TLV (no GUID check)", o)
    o = adf(("50", "ABC\u202eDEF"))
    ok("mpm-adf-50-bidi", DEC + " (bidi in S)", "A bidi override in 62/50", o, ["bidi_control"])
    o = adf(("50", "ABC\x1bDEF"))
    ko("mpm-adf-50-escape", DEC + " (S format)", "ESC in 62/50", o, "invalid_charset",
       at(o, "62.50") + 3, "62.50")
    o = adf(("05", "R" * 25), ("01", "B" * 25), ("03", "S" * 25), ("07", "T" * 8))
    assert len(enc(dict(o)["62"])) == 99
    ok("mpm-adf-99-chars", R1 + " (length 99)", "Template 62 of exactly 99 characters", o)

    # 64 language template ----------------------------------------------------------------------
    o = ins(T0, LANG64)
    ok("mpm-lang-zh", R6, "64 with ZH, name and city", o)
    o = ins(T0, ("64", [("00", "zh"), ("01", "最佳运输")]))
    ok("mpm-lang-lower", R6 + " (case-insensitive)", "Language 'zh' without 02", o)
    o = ins(N0, ("64", [("00", "Ja"), ("01", "ベストカフェ"), ("02", "ニューヨーク")]))
    ok("mpm-lang-mixed-case", R6 + " (case-insensitive)", "Language 'Ja'", o)
    o = ins(T0, ("64", [("01", "最佳运输"), ("02", "北京")]))
    ko("mpm-lang-no-00", R6 + " (00 mandatory)", "64 without 00", o, "missing_mandatory",
       at(o, "64"), "64.00", hostile="D8")
    o = ins(T0, ("64", [("00", "ZH"), ("02", "北京")]))
    ko("mpm-lang-no-01", R6 + " (01 mandatory)", "64 without 01", o, "missing_mandatory",
       at(o, "64"), "64.01")
    o = ins(T0, ("64", [("02", "北京")]))
    ko("mpm-lang-no-00-no-01", R6 + "; " + ORD, "64 with neither 00 nor 01: 00 first", o,
       "missing_mandatory", at(o, "64"), "64.00")
    o = rm(ins(T0, ("64", [("02", "北京")])), "59")
    ko("mpm-lang-root-first", ORD + " (root IDs, then templates)",
       "59 and 64/00 missing: the root object is reported first", o, "missing_mandatory", 0, "59")
    for name, v, code in (("digit", "Z1", "invalid_language"), ("space", "Z ", "invalid_language"),
                          ("one", "Z", "invalid_format"), ("three", "ZHO", "invalid_format")):
        o = ins(T0, ("64", [("00", v), ("01", "最佳运输")]))
        ko("mpm-lang-00-" + name, R6 + " (ISO 639, 2 letters)", "Language '%s'" % v, o, code,
           at(o, "64.00"), "64.00")
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最" * 26)]))
    ko("mpm-lang-name-26", R6 + " (64/01 ≤25)", "Alternate name of 26 characters", o,
       "field_too_long", at(o, "64.01"), "64.01")
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最" * 25), ("02", "北" * 15)]))
    ok("mpm-lang-max", R6, "Alternate name of 25 and city of 15 CJK characters", o)
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最佳运输"), ("02", "北" * 16)]))
    ko("mpm-lang-city-16", R6 + " (64/02 ≤15)", "Alternate city of 16 characters", o,
       "field_too_long", at(o, "64.02"), "64.02")
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最佳运输"), ("03", "RFU")]))
    ok("mpm-lang-03-rfu", R6 + " (03-99 RFU)", "64/03 is RFU", o, ["rfu_id"])
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最佳\x00运输")]))
    ko("mpm-lang-name-nul", R6 + " (S)", "NUL in 64/01", o, "invalid_charset",
       at(o, "64.01") + 2, "64.01")
    o = ins(T0, ("64", [("00", "AR"), ("01", "متجر\u200fالأمل")]))
    ok("mpm-lang-name-rlm", DEC + " (bidi in S)", "Right-to-left mark in 64/01", o,
       ["bidi_control"], hostile="G2")

    # RFU 65-79 ----------------------------------------------------------------------------------
    ok("mpm-rfu-65", R7, "RFU object 65 kept", ins(N0, ("65", "ABC")), ["rfu_id"])
    ok("mpm-rfu-79-s", R7, "RFU object 79 with non-ASCII (S)", ins(N0, ("79", "ÅÄÖ")), ["rfu_id"])
    o = ins(N0, ("70", "A\nB"))
    ko("mpm-rfu-control", R7 + " (S)", "A line feed in RFU 70", o, "invalid_charset",
       at(o, "70") + 1, "70")

    # structure inside templates -----------------------------------------------------------------
    o = ins(N0, ("62", [Raw("05+3***")]))
    ko("mpm-template-invalid-length", R1 + " (LEN two digits)", "62/05 with length '+3'", o,
       "invalid_length", at(o, "62") + 2, "62.05")
    o = rep(B0, "26", [Raw("0000"), ("00", "br.gov.bcb.pix"), ("01", "loja@example.com")])
    ko("mpm-template-zero-length", R1 + " (LEN 01-99)", "A sub-object of length 00 in 26", o,
       "zero_length", at(o, "26") + 2, "26.00")
    o = ins(T0, ("64", [("00", "ZH"), ("01", "最佳运输"), Raw("02")]))
    ko("mpm-template-truncated", R1, "64 ending with a 2-character residue", o, "truncated",
       at(o, "64") + len(enc([("00", "ZH"), ("01", "最佳运输")])), "64")
    o = ins(T0, ("64", [("00", "ZH"), Raw("0A04最佳运输")]))
    ko("mpm-template-invalid-id", R1 + " (ID two digits)", "Sub-ID '0A' in 64", o, "invalid_id",
       at(o, "64") + len(enc([("00", "ZH")])), "64")
    o = rep(T0, "29", [("00", "D15600000000"), ("05", "A93FO3230Q"), ("05", "X")])
    ko("mpm-template-duplicate", R1 + " (no duplicate in a template)", "29/05 twice", o,
       "duplicate_id", at(o, "29.05", "id", nth=2), "29.05")
    p = enc(N0) + "630"
    ko("mpm-root-truncated-header", R1, "Payload ending with 3 characters of a header", p,
       "truncated", len(p) - 3, "")
    p = enc(N0) + "6304"
    ko("mpm-root-crc-header-only", R1, "Payload ending with '6304' and no CRC value", p,
       "length_overrun", len(p) - 2, "63")

    # structure / CRC / order --------------------------------------------------------------------
    o = build(N0)
    ko("mpm-crc-missing", R8, "No 63", enc(N0), "crc_missing", len(enc(N0)), "63", hostile="C1")
    ko("mpm-crc-stale", R8, "Name changed after the CRC was computed",
       build_stale(N0, rep(N0, "59", "BEST CAFF")), "crc_mismatch", len(o) - 4, "63",
       hostile="C2")
    p = build_stale(N0, ins(N0, ("54", "1e3"), after="53"))
    ko("mpm-order-crc-before-fields", ORD, "A stale CRC and a bad amount: the CRC step comes first",
       p, "crc_mismatch", len(p) - 4, "63")
    o = ins(rep(N0, "00", "02"), ("62", [("05", "ABC", "09")]))
    ko("mpm-order-templates-before-fields", ORD,
       "PFI 02 (a field rule) and an overrunning 62/05 (a template scan error): templates are "
       "scanned first", o, "length_overrun", at(o, "62.05", "len"), "62.05")
    o = ins(N0, ("00", "01"))
    p = build_stale(N0, o)
    ko("mpm-order-root-before-crc", ORD, "A duplicate 00 and a stale CRC: the root scan comes "
       "first", p, "duplicate_id", at(o, "00", "id", nth=2), "00")
    o = ins(rep(N0, "59", "A" * 26), ("54", "1e3"), after="59")
    ko("mpm-order-payload-order-1", ORD + " (payload order)", "59 too long placed before a bad 54",
       o, "field_too_long", at(o, "59"), "59")
    o = ins(rep(N0, "59", "A" * 26), ("54", "1e3"), after="53")
    ko("mpm-order-payload-order-2", ORD + " (payload order)", "A bad 54 placed before a too-long 59",
       o, "invalid_amount", at(o, "54"), "54")
    o = ins(rm(N0, "59"), ("54", "1e3"), after="53")
    ko("mpm-order-field-before-missing", ORD, "A bad 54 and no 59: field rules come first",
       o, "invalid_amount", at(o, "54"), "54")
    o = rm(rm(N0, "59"), "53")
    ko("mpm-order-missing-ascending", ORD, "53 and 59 missing: 53 first", o,
       "missing_mandatory", 0, "53")
    o = rm(ins(N0, ("80", [("01", "X")])), "52")
    ko("mpm-order-missing-before-guid", ORD, "52 missing and 80 without GUID: missing_mandatory "
       "first", o, "missing_mandatory", 0, "52")
    o = rm(ins(N0, ("80", [("01", "X")])), "02")
    ko("mpm-order-guid-before-account", ORD, "No merchant account and 80 without GUID: "
       "missing_guid first", o, "missing_guid", at(o, "80"), "80.00")
    o = ins(ins(rep(N0, "01", "12"), ("54", "10.001"), after="53"), ("55", "04"), after="54")
    ko("mpm-order-tip-value-before-precision", ORD, "55 = 04 (field rule) and a 3-decimal "
       "amount (cross-object): the field rule first", o, "tip_rule", at(o, "55"), "55")
    o = ins(ins(rep(N0, "01", "12"), ("54", "10.001"), after="53"), ("55", "02"), after="54")
    ko("mpm-order-tip-before-precision", ORD, "55 = 02 without 56 and a 3-decimal amount: "
       "tip_rule before the decimals", o, "tip_rule", at(o, "55"), "56")
    o = ins(ins(ins(rep(N0, "01", "12"), ("54", "10.001"), after="53"), ("55", "02"), after="54"),
            ("56", "1.005"), after="55")
    ko("mpm-order-precision-54-then-56", ORD, "54 and 56 both with 3 decimals: 54 first", o,
       "invalid_amount", at(o, "54"), "54")
    o = ins(N0, ("62", [("05", "A"), ("05", "B")]), after="01")
    o = ins(o, ("64", [("00", "ZH"), ("00", "EN")]), after="01")
    ko("mpm-order-templates-in-payload-order", ORD, "Two templates with duplicate sub-IDs: the "
       "one earlier in the payload (64) is reported", o, "duplicate_id", at(o, "64.00", "id", 2),
       "64.00")
    o = ins(N0, ("62", [("05", "A")]), after="01")
    ok("mpm-order-any", R1 + " (any order between 00 and 63)", "62 right after 01, 53 before 52",
       [o[0], o[1], o[2], o[3], ("53", "840"), ("52", "5812")] + o[6:])

    # "all" leniencies --------------------------------------------------------------------------
    o = ins(rep(rep(N0, "00", "00"), "01", "12"), ("54", "010"), after="53")
    o = rep(o, "59", "CAFÉ %d" % next(k for k in range(100) if any(
        c in "ABCDEF" for c in build(rep(o, "59", "CAFÉ %d" % k))[-4:])))
    p = build(o)
    p = p[:-4] + p[-4:].lower()
    ko("mpm-lenient-all-strict", "spec/README.md leniencies", "PFI 00, amount '010', 'É' in 59 "
       "and a lower-case CRC: by default the CRC's case is a warning and the PFI reports first",
       p, "invalid_pfi", 4, "00")
    valid("mpm-lenient-all", C + "spec/README.md leniencies (\"all\")",
          "The same payload with every leniency: each relaxed error becomes a warning",
          payload=p, warnings=["crc_lowercase", "invalid_amount", "invalid_charset", "invalid_pfi"],
          lenient=["all"], canonical=False)
    o = ins(rep(N0, "01", "12"), ("54", "1e3"), after="53")
    ko("mpm-lenient-all-scope", "spec/README.md leniencies (\"all\")",
       "Leniencies relax named errors only: '1e3' stays invalid", o, "invalid_amount",
       at(o, "54"), "54", lenient=["all"])

    # sizes --------------------------------------------------------------------------------------
    def fill(base, total, tids=range(80, 100)):
        """Append unreserved templates {00 'a.b', 01 filler} until the payload has `total`
        characters."""
        o = clone(base)
        for tid in tids:
            need = total - len(build(o))
            if need <= 0:
                break
            # template = 4 (header) + 7 ('0003a.b') + 4 + filler
            if need >= 4 + 7 + 4 + 1:
                f = min(need - 15, 99 - 11)
                if need - 15 - f != 0 and need - 15 - f < 16:
                    f = max(1, need - 15 - 16)
                o.append(("%02d" % tid, [("00", "a.b"), ("01", "F" * f)]))
            else:
                raise AssertionError(need)
        assert len(build(o)) == total, (len(build(o)), total)
        return o

    o = fill(N0, 512)
    ok("mpm-size-512", "REFERENCE.md §1.1 (should not exceed 512)", "Exactly 512 characters", o)
    o = fill(N0, 513)
    ok("mpm-size-513", "REFERENCE.md §1.1 (should not exceed 512)", "513 characters",
       o, ["over_recommended_size"], hostile="A2")
    return fill


def big_payloads():
    """2,953 and 2,954 bytes: unreserved templates {00 'a.b', 01 '€'...} (3 bytes a character)."""
    o = clone(N0)
    tids = iter(range(80, 100))
    while True:
        tid = next(tids)
        trial = o + [("%02d" % tid, [("00", "a.b"), ("01", "€" * 88)])]
        if len(build(trial).encode()) > 2953:
            break
        o = trial
    fb = 2953 - len(build(o).encode()) - 15  # header 4 + '0003a.b' 7 + '01LL' 4
    k, r = divmod(fb, 3)
    if r == 0:
        k, r = k - 1, 3
    last = "€" * k + "E" * r
    o2953 = o + [("%02d" % tid, [("00", "a.b"), ("01", last)])]
    o2954 = o + [("%02d" % tid, [("00", "a.b"), ("01", last[:-1] + "É")])]
    assert len(build(o2953).encode()) == 2953 and len(build(o2954).encode()) == 2954
    return o2953, o2954


# ---------------------------------------------------------------------------------------------
# hostile.json: every class A1-I5 of HOSTILE.md (built on its baseline B0 unless said)


def hostile(fill):
    file("hostile.json")
    H = "HOSTILE.md "

    def ok(cls, vid, desc, objs, warnings=(), lenient=None):
        return valid(vid, C + H + cls, desc, objs, warnings, lenient, cls)

    def ko(cls, vid, desc, p, code, offset, path, lenient=None, payload_hex=None, pedantic=False):
        if not isinstance(p, str) and p is not None:
            p = build(p)
        return invalid(vid, C + H + cls, desc, p, code, offset, path, lenient, cls, payload_hex,
                       pedantic)

    b0 = build(B0)

    # A. envelope -----------------------------------------------------------------------------
    ko("A1", "mpm-hostile-a1-empty", "No input at all", "", "empty", 0, "")
    ko("A1", "mpm-hostile-a1-single-zero", "A single '0'", "0", "truncated", 0, "")
    ko("A1", "mpm-hostile-a1-three-chars", "'000': fewer than 4 characters for an ID and a length",
       "000", "truncated", 0, "")
    p = b0 + "5903ABC" * 600
    ko("A2", "mpm-hostile-a2-repeated-objects", "B0 followed by '5903ABC' 600 times (%d bytes)"
       % len(p), p, "too_long", 0, "")
    p = "0" * 16384
    ko("A2", "mpm-hostile-a2-zeros", "16 KiB of '0'", p, "too_long", 0, "")
    p = "5999" + "A" * 9996
    ko("A2", "mpm-hostile-a2-length-drives-nothing", "10,000 characters whose first header "
       "declares 99: rejected on size before any parsing", p, "too_long", 0, "")
    ok("A2", "mpm-hostile-a2-over-512", "Between 513 characters and the hard cap: valid, flagged",
       fill(B0, 700), ["over_recommended_size"])
    o2953, o2954 = big_payloads()
    p = build(o2953)
    v = ok("A3", "mpm-hostile-a3-2953-bytes", "Exactly 2,953 bytes (%d characters): a normal "
           "verdict" % len(p), o2953, ["over_recommended_size"])
    assert len(v["payload"].encode()) == 2953
    p = build(o2954)
    assert len(p.encode()) == 2954 and len(p) == len(build(o2953))
    ko("A3", "mpm-hostile-a3-2954-bytes", "2,954 bytes, otherwise the same valid payload with one "
       "'E' replaced by 'É' (same character count): too_long regardless of content", p,
       "too_long", 0, "")
    for name, bad_bytes in (("c3-28", b"\xc3\x28"), ("ff", b"\xff"), ("overlong", b"\xc0\xaf"),
                            ("surrogate", b"\xed\xa0\x80"), ("truncated-sequence", b"\xe2\x82")):
        pre = enc(B0[:6]) + "59"
        name_bytes = b"LOJA" + bad_bytes
        body = pre.encode() + ("%02d" % len(name_bytes)).encode() + name_bytes + \
            enc(B0[7:]).encode() + b"6304"
        data = body + ("%04X" % crc16(body)).encode()
        ko("A4", "mpm-hostile-a4-" + name, "Bytes %s inside 59 (the 59 length counts bytes here; "
           "irrelevant, UTF-8 is checked first)" % bad_bytes.hex(" ").upper(), None,
           "invalid_utf8", len(pre) + 2 + 4, "", payload_hex=data.hex().upper())
    data = b"\xff" + b0.encode()
    ko("A4", "mpm-hostile-a4-leading-ff", "0xFF before the payload", None, "invalid_utf8", 0, "",
       payload_hex=data.hex().upper())
    data = (b"\xff" * 2954)
    ko("A4", "mpm-hostile-a4-too-long-wins", "2,954 invalid bytes: the size check comes before "
       "UTF-8", None, "too_long", 0, "", payload_hex=data.hex().upper())
    ko("A5", "mpm-hostile-a5-bom", "UTF-8 BOM before 000201", "\ufeff" + b0, "invalid_id", 0, "")
    ko("A6", "mpm-hostile-a6-leading-space", "A space before the payload", " " + b0,
       "invalid_id", 0, "")
    ko("A6", "mpm-hostile-a6-leading-newline", "A newline before the payload", "\n" + b0,
       "invalid_id", 0, "")
    ko("A6", "mpm-hostile-a6-trailing-newline", "A newline after the CRC: an object after 63",
       b0 + "\n", "crc_not_last", len(b0) - 8, "63")
    ko("A6", "mpm-hostile-a6-trailing-crlf", "CR LF after the CRC", b0 + "\r\n", "crc_not_last",
       len(b0) - 8, "63")
    ko("A6", "mpm-hostile-a6-trailing-space", "A space after the CRC", b0 + " ", "crc_not_last",
       len(b0) - 8, "63")
    ko("A7", "mpm-hostile-a7-trailing-nul", "NUL after the CRC", b0 + "\x00", "crc_not_last",
       len(b0) - 8, "63")

    # B. TLV structure ------------------------------------------------------------------------
    o = ins(B0, ("59", "EVE"), after="59")
    ko("B1", "mpm-hostile-b1-duplicate-name", "59 twice with different names (valid CRC)", o,
       "duplicate_id", at(o, "59", "id", nth=2), "59")
    o = ins(B0, ("01", "evil@example.com"), into="26")
    ko("B2", "mpm-hostile-b2-duplicate-pix-key", "26 holding two sub-ID 01 keys", o,
       "duplicate_id", at(o, "26.01", "id", nth=2), "26.01")
    p = enc(B0[:6]) + "5999ABC"
    ko("B3", "mpm-hostile-b3-length-99-at-end", "'…5802BR5999ABC' with no CRC", p,
       "length_overrun", len(enc(B0[:6])) + 2, "59")
    p = enc(B0[:6]) + "5999ABC" + "6304"
    p = p + crc_hex(p)
    ko("B3", "mpm-hostile-b3-length-99-swallows-crc", "59 declares 99 but only 11 characters "
       "(with the CRC) remain", p, "length_overrun", len(enc(B0[:6])) + 2, "59")
    o = B0[:6] + [Raw("59A1X")] + B0[7:]
    ko("B4", "mpm-hostile-b4-length-a1", "Length 'A1'", with_crc(enc(o)), "invalid_length",
       len(enc(B0[:6])) + 2, "59")
    for name, ln in (("plus", "+3"), ("space", " 3"), ("minus", "-3"), ("hex", "0x"),
                     ("arabic-indic", "٠٤"), ("fullwidth", "０４")):
        o = B0[:6] + [Raw("59" + ln + ("EVE" if ln[1] == "3" else "LOJA"))] + B0[7:]
        cls = {"plus": "B5", "space": "B6", "minus": "B6", "hex": "B6"}.get(name, "B7")
        ko(cls, "mpm-hostile-%s-length-%s" % (cls.lower(), name), "Length '%s'" % ln,
           with_crc(enc(o)), "invalid_length", len(enc(B0[:6])) + 2, "59")
    o = B0[:6] + [Raw("5900")] + B0[6:]
    ko("B8", "mpm-hostile-b8-zero-length", "'5900' followed by '5912LOJA EXEMPLO'",
       with_crc(enc(o)), "zero_length", len(enc(B0[:6])) + 2, "59")
    p = with_crc("A0" + b0[2:-8])
    ko("B9", "mpm-hostile-b9-id-a0", "First ID 'A0'", p, "invalid_id", 0, "")
    o = B0[:6] + [Raw("5A04LOJA")] + B0[6:]
    ko("B9", "mpm-hostile-b9-id-5a", "ID '5A' in the middle", with_crc(enc(o)), "invalid_id",
       len(enc(B0[:6])), "")
    o = B0[:6] + [Raw("6 04LOJA")] + B0[6:]
    ko("B9", "mpm-hostile-b9-id-6-space", "ID '6 '", with_crc(enc(o)), "invalid_id",
       len(enc(B0[:6])), "")
    o = rep(B0, "59", "José")
    ok("B10", "mpm-hostile-b10-chars-length", "'5904José': 4 characters (5 bytes), Pix",
       o, ["non_ascii"])
    o = ins(T0, ("64", [("00", "PT"), ("01", "José")]))
    ok("B10", "mpm-hostile-b10-chars-length-64", "'0104José' in 64/01 of a non-Pix payload", o)
    o = rep(B0, "59", "José")
    o = [(x[0], x[1], "05") if x[0] == "59" else x for x in o]
    p = with_crc(enc(o))
    ko("B11", "mpm-hostile-b11-bytes-length", "'5905José': the length counted in bytes; the "
       "value takes '6' from the next header, which then reads ID '00' with length '9S'",
       p, "invalid_length", at(o, "60", "id") + 1 + 2, "00")
    o = rep(B0, "59", "LOJA😀")
    ok("B12", "mpm-hostile-b12-astral-pix", "'5905LOJA😀': 5 scalar values (8 bytes, 6 UTF-16 "
       "units), Pix", o, ["non_ascii"])
    o = rep(N0, "59", "LOJA😀")
    ko("B12", "mpm-hostile-b12-astral-plain", "The same name outside Pix", o, "invalid_charset",
       at(o, "59") + 4, "59")
    o = rep(N0, "59", "LOJA😀")
    o = [(x[0], x[1], "06") if x[0] == "59" else x for x in o]
    ko("B12", "mpm-hostile-b12-astral-utf16-length", "Length 06 (UTF-16 units) for 'LOJA😀': "
       "the value takes '6' of the next header", with_crc(enc(o)), "invalid_length",
       at(o, "60", "id") + 1 + 2, "00")
    # One payload, two meanings: a 64/01 whose multi-byte characters make a reader counting
    # bytes (or UTF-16 units) end 64 early and read the rest of the name as a root 54.
    smuggle = "NOOD5406999.99"
    for cls, unit, mb in (("B11", "bytes", "é"), ("B12", "utf16", "😀")):
        o = ins(N0, ("64", [("00", "ZH"), ("01", mb * 10 + smuggle)]))
        ko(cls, "mpm-hostile-%s-length-unit-amount-%s" % (cls.lower(), unit),
           "64/01 '%s×10 NOOD5406999.99': in characters no amount; a reader counting %s ends 64 "
           "early and reads 54 = 999.99 with the same CRC" % (mb, unit), o,
           "length_unit_ambiguous", at(o, "64", "id"), "64")
        ok(cls, "mpm-hostile-%s-length-unit-amount-%s-lenient" % (cls.lower(), unit),
           "The same payload with the leniency length_unit_ambiguous: a warning", o,
           ["length_unit_ambiguous"], lenient=["length_unit_ambiguous"])
    o = ins(N0, ("64", [("00", "ZH"), ("01", "é" * 10 + "NOODLE HOUSE")]))
    ok("B11", "mpm-hostile-b11-length-unit-one-reading",
       "64/01 with ten two-byte characters that no reader counting bytes can tile: one reading", o)
    o = rep(B0, "59", "Jose\u0301")
    ok("B13", "mpm-hostile-b13-combining", "'5905Jose\\u0301': 5 scalar values, 4 glyphs", o,
       ["non_ascii"])
    p = b0 + "63"
    ko("B14", "mpm-hostile-b14-header-after-crc", "'…6304XXXX63'", p, "crc_not_last",
       len(b0) - 8, "63")
    o = rep(B0, "59", "0003EVE")
    ok("B15", "mpm-hostile-b15-name-looks-like-tlv", "'59070003EVE': the name is literally "
       "'0003EVE'", o)
    o = ins(rep(N0, "02", "2031041800520446MERCHANT0000001"), ("15", "5303156" + "5802CN"),
            after="02")
    ok("B16", "mpm-hostile-b16-primitive-looks-like-tlv",
       "Primitives 02 and 15 whose values parse as TLV stay strings", o)
    o = B0[:2] + [("26", "4ABCD")] + B0[3:]
    ko("B17", "mpm-hostile-b17-template-not-tlv", "'26054ABCD'", o, "invalid_id", at(o, "26"),
       "26")
    o = B0[:2] + [("26", "0014br.gov.bcb.pix01")] + B0[3:]
    ko("B17", "mpm-hostile-b17-template-residue", "26 ending with 2 stray characters", o,
       "truncated", at(o, "26") + 18, "26")
    o = ins(B0, ("66", "RFU"), after="62")
    ok("B18", "mpm-hostile-b18-rfu", "'6603RFU': kept, flagged", o, ["rfu_id"])

    # C. CRC -----------------------------------------------------------------------------------
    p = enc(B0)
    ko("C1", "mpm-hostile-c1-crc-missing", "Payload ends after 62", p, "crc_missing", len(p), "63")
    p = build_stale(B0, rep(B0, "59", "LOJA EXEMPLA"))
    ko("C2", "mpm-hostile-c2-stale", "Name changed, CRC kept", p, "crc_mismatch", len(p) - 4, "63")
    p = b0 + "5903EVE"
    ko("C3", "mpm-hostile-c3-crc-not-last", "'…6304XXXX5903EVE' (CRC valid over its prefix)", p,
       "crc_not_last", len(b0) - 8, "63")
    p = b0 + "610870000000"
    ko("C4", "mpm-hostile-c4-harmless-tail", "'…6304XXXX610870000000'", p, "crc_not_last",
       len(b0) - 8, "63")
    p = with_crc(b0 + "5903EVE")
    ko("C5", "mpm-hostile-c5-two-crcs", "Two CRC blocks, each valid for its prefix: the first "
       "63 is not last", p, "crc_not_last", len(b0) - 8, "63")
    lower = b0[:-4] + b0[-4:].lower()
    assert lower != b0
    valid("mpm-hostile-c6-lowercase", C + H + "C6; spec/README.md Severity",
          "CRC in lower-case hex: the specification's example is upper case but it says nothing "
          "in words, and real producers write lower case: a warning", payload=lower,
          warnings=["crc_lowercase"], hostile="C6", canonical=False)
    ko("C6", "mpm-hostile-c6-lowercase-pedantic", "CRC in lower-case hex, pedantic", lower,
       "crc_lowercase", len(b0) - 4, "63", pedantic=True)
    valid("mpm-hostile-c6-lowercase-lenient", C + H + "C6; leniency lowercase_crc",
          "CRC in lower-case hex, pedantic with lowercase_crc", payload=lower,
          warnings=["crc_lowercase"], lenient=["lowercase_crc"], hostile="C6", canonical=False,
          pedantic=True)
    wrong = "%04x" % ((int(b0[-4:], 16) + 1) % 0x10000)
    p = b0[:-4] + wrong
    ko("C6", "mpm-hostile-c6-lowercase-wrong", "A wrong lower-case CRC under lowercase_crc is "
       "still a mismatch", p, "crc_mismatch", len(b0) - 4, "63", lenient=["lowercase_crc"])
    mixed = build(rep(B0, "62.05", "TX0000000"))
    assert mixed[-4:] == "FDE3"
    p = mixed[:-4] + "FdE3"
    ko("C6", "mpm-hostile-c6-mixed-case", "CRC 'FdE3', pedantic: one lower-case letter is "
       "enough", p, "crc_lowercase", len(p) - 4, "63", pedantic=True)
    body = b0[:-8]
    p = body + "6303" + b0[-3:]
    ko("C7", "mpm-hostile-c7-crc-length-3", "'6303' with 3 hex digits", p, "crc_length",
       len(body) + 2, "63")
    p = body + "6304" + b0[-3:]
    ko("C7", "mpm-hostile-c7-crc-3-digits", "'6304' followed by only 3 hex digits", p,
       "length_overrun", len(body) + 2, "63")
    p = body + "6305" + b0[-4:] + "0"
    ko("C8", "mpm-hostile-c8-crc-length-5", "'6305ABCDE'", p, "crc_length", len(body) + 2, "63")
    p = body + "6302" + b0[-4:-2]
    ko("C8", "mpm-hostile-c8-crc-length-2", "'6302AB'", p, "crc_length", len(body) + 2, "63")
    for name, v in (("wxyz", "WXYZ"), ("plus", "+1A2"), ("space", " 1A2"), ("fullwidth", "１２３４")):
        p = body + "6304" + v
        ko("C9", "mpm-hostile-c9-crc-" + name, "CRC value '%s'" % v, p, "crc_not_hex",
           len(p) - 4, "63")
    o = rep(B0, "62.05", "TX0000160")
    v = ok("C10", "mpm-hostile-c10-crc-ends-63", "A valid payload whose CRC ends in '63'", o)
    assert v["payload"].endswith("63")
    o = rep(B0, "62.05", "TX0000173")
    v = ok("C10", "mpm-hostile-c10-crc-starts-63", "A valid payload whose CRC starts with '63'", o)
    assert v["payload"][-4:].startswith("63")
    o = rep(B0, "62.05", "TX0036598")
    v = ok("C11", "mpm-hostile-c11-crc-is-6304", "A valid payload whose CRC value is '6304' "
           "(ends '63046304')", o)
    assert v["payload"].endswith("63046304")
    for name, fn in (("value-only", lambda s: crc16((s[:-4]).encode())),
                     ("x25", lambda s: crc16_x25(s.encode())),
                     ("xmodem", lambda s: crc16_xmodem(s.encode())),
                     ("latin1", lambda s: crc16(s.encode("latin-1")))):
        oo = rep(B0, "59", "JOSÉ") if name == "latin1" else B0
        body = enc(oo) + "6304"
        c = fn(body)
        assert "%04X" % c != crc_hex(body), name
        p = body + "%04X" % c
        ko("C12", "mpm-hostile-c12-crc-" + name, {
            "value-only": "CRC computed without the '6304' header",
            "x25": "CRC-16/X-25 (the reflected HDLC FCS) instead of CCITT-FALSE",
            "xmodem": "CRC-16/XMODEM (init 0) instead of CCITT-FALSE",
            "latin1": "CRC computed over Latin-1 bytes of a non-ASCII name"}[name],
           p, "crc_mismatch", len(p) - 4, "63")
    p = build_stale(B0, rep(B0, "26.00", "BR.GOV.BCB.PIX"))
    ko("C13", "mpm-hostile-c13-recased", "GUID upper-cased after the CRC was computed", p,
       "crc_mismatch", len(p) - 4, "63")
    o = rep(B0, "59", "AB6304FFFFXY")
    ok("C14", "mpm-hostile-c14-6304-in-value", "'5912AB6304FFFFXY': values are opaque", o)

    # D. templates -----------------------------------------------------------------------------
    o = B0[:-1] + [("62", "0599***")]
    ko("D1", "mpm-hostile-d1-inner-overrun", "'62070599***'", o, "length_overrun",
       at(o, "62") + 2, "62.05")
    o = B0[:-1] + [("62", "0503***X")]
    ko("D2", "mpm-hostile-d2-inner-residue", "'62080503***X'", o, "truncated", at(o, "62") + 7,
       "62")
    inner = build([("00", "01"), ("02", "EVIL1234"), ("52", "0000"), ("53", "986"),
                   ("58", "BR"), ("59", "EVE"), ("60", "RIO")])
    o = ins(B0, ("80", [("00", "com.x"), ("01", inner)]))
    ok("D3", "mpm-hostile-d3-payload-in-template", "80/01 holds a complete payload with its own "
       "valid CRC: kept as one opaque string", o)
    o = rep(B0, "26.01", "2612000401AB0104ABCD")
    ok("D4", "mpm-hostile-d4-recursion-bait", "A Pix key that decodes as TLV stays a string", o)
    o = rep(B0, "26", [("01", "loja@example.com")])
    ko("D5", "mpm-hostile-d5-missing-guid", "26 without sub-ID 00", o, "missing_guid",
       at(o, "26"), "26.00")
    o = rep(B0, "26", [("01", "loja@example.com"), ("00", "br.gov.bcb.pix")])
    ok("D6", "mpm-hostile-d6-guid-not-first", "'26…0104KEY10014br.gov.bcb.pix': valid with a "
       "warning (contract decision; HOSTILE.md suggested rejecting)", o, ["guid_not_first"])
    o = rep(B0, "62", [("00", "ph.ppmi.qrph"), ("05", "***")])
    ok("D7", "mpm-hostile-d7-adf-00", "Sub-ID 00 in 62", o, ["rfu_id"])
    o = ins(B0, ("64", [("01", "LOJA")]))
    ko("D8", "mpm-hostile-d8-lang-no-00", "'64080104LOJA'", o, "missing_mandatory", at(o, "64"),
       "64.00")
    o = rep(B0, "62.05", "R" * 26)
    ko("D9", "mpm-hostile-d9-adf-26", "62/05 with 26 characters", o, "field_too_long",
       at(o, "62.05"), "62.05")

    # E. field semantics -----------------------------------------------------------------------
    o = [B0[1], B0[0]] + B0[2:]
    ko("E1", "mpm-hostile-e1-pfi-second", "'010211000201…'", o, "pfi_not_first", 0, "00")
    for v in ("02", "00"):
        o = rep(B0, "00", v)
        ko("E2", "mpm-hostile-e2-pfi-" + v, "'0002%s'" % v, o, "invalid_pfi", 4, "00")
    o = rep(B0, "01", "13")
    ko("E3", "mpm-hostile-e3-poi-13", "'010213'", o, "invalid_poi", 10, "01")
    o = rep(B0, "01", " 1")
    ko("E3", "mpm-hostile-e3-poi-space", "'0102 1'", o, "invalid_format", 10, "01")
    o = rep(B0, "52", "ABCD")
    ko("E4", "mpm-hostile-e4-mcc-letters", "'5204ABCD'", o, "invalid_format", at(o, "52"), "52")
    o = rep(B0, "52", "41 1")
    ko("E4", "mpm-hostile-e4-mcc-space", "'520441 1'", o, "invalid_format", at(o, "52"), "52")
    ok("E4", "mpm-hostile-e4-mcc-0000", "Pix uses 0000 legitimately", B0)
    for v in ("000", "999", "963"):
        o = rep(B0, "53", v)
        ko("E5", "mpm-hostile-e5-currency-" + v, "Currency '%s'" % v, o, "invalid_currency",
           at(o, "53"), "53")
    o = rep(B0, "53", "BRL")
    ko("E6", "mpm-hostile-e6-currency-alpha", "'5303BRL'", o, "invalid_format", at(o, "53"), "53")
    o = rep(B0, "53", "98")
    ko("E6", "mpm-hostile-e6-currency-2-digits", "'530298'", o, "invalid_format", at(o, "53"),
       "53")
    for v in ("br", "B1", "XX"):
        o = rep(B0, "58", v)
        ko("E7", "mpm-hostile-e7-country-" + v.lower(), "'5802%s'" % v, o, "invalid_country",
           at(o, "58"), "58")
    o = rep(B0, "58", "TH")
    ok("E8", "mpm-hostile-e8-th-brl", "'5802TH' with '5303986'", o, ["country_currency_mismatch"])
    o = rep(B0, "59", "N" * 26)
    ko("E9", "mpm-hostile-e9-name-26", "26 characters in 59", o, "field_too_long", at(o, "59"), "59")
    o = rep(B0, "60", "C" * 16)
    ko("E9", "mpm-hostile-e9-city-16", "16 characters in 60", o, "field_too_long", at(o, "60"), "60")
    o = ins(B0, ("61", "0" * 11), after="60")
    ko("E9", "mpm-hostile-e9-postal-11", "11 characters in 61", o, "field_too_long", at(o, "61"),
       "61")
    o = rep(B0, "59", "JOÃO" * 6 + "Ã")
    ok("E9", "mpm-hostile-e9-name-25-accented", "25 characters, 7 of them accented (32 bytes): "
       "fits, lengths are characters", o, ["non_ascii"])
    for oid in ("52", "53", "58", "59", "60"):
        ko("E10", "mpm-hostile-e10-missing-" + oid, "No " + oid, rm(B0, oid), "missing_mandatory",
           0, oid)
    o = rm(B0, "26")
    ko("E10", "mpm-hostile-e10-missing-account", "No merchant account", o,
       "missing_merchant_account", 0, "")
    o = ins(B0, ("55", "02"), after="53")
    ko("E11", "mpm-hostile-e11-fee-without-value", "'550202' with no 56", o, "tip_rule",
       at(o, "55"), "56")
    for name, v, code in (("100-00", "100.00", "field_too_long"), ("zero", "0", "invalid_amount"),
                          ("negative", "-5", "invalid_amount"), ("exponent", "5e1", "invalid_amount")):
        o = ins(ins(B0, ("55", "03"), after="53"), ("57", v), after="55")
        ko("E12", "mpm-hostile-e12-percent-" + name, "'550203' with 57 = '%s'" % v, o, code,
           at(o, "57"), "57")
    o = ins(ins(ins(B0, ("55", "02"), after="53"), ("56", "1.00"), after="55"), ("57", "5"),
            after="56")
    ko("E13", "mpm-hostile-e13-fixed-and-percent", "56 and 57 with 55 = 02", o, "tip_rule",
       at(o, "57"), "57")
    o = ins(B0, ("55", "04"), after="53")
    ko("E14", "mpm-hostile-e14-indicator-04", "'550204'", o, "tip_rule", at(o, "55"), "55")
    o = rep(N0, "59", "José")
    ko("E15", "mpm-hostile-e15-non-ascii-plain", "'5904José' outside Pix", o, "invalid_charset",
       at(o, "59") + 3, "59")
    o = rep(B0, "59", "José")
    ok("E15", "mpm-hostile-e15-non-ascii-pix", "'5904José' in Pix: flagged", o, ["non_ascii"])

    # F. amounts -------------------------------------------------------------------------------
    def amt(v, base=B0):
        return ins(base, ("54", v), after="53")

    for cls, name, v in (("F1", "exponent", "1e3"), ("F2", "negative", "-1"), ("F3", "plus", "+5"),
                         ("F3", "leading-dot", ".5"), ("F4", "inf", "inf"), ("F4", "nan", "NaN"),
                         ("F4", "infinity", "infinity"), ("F6", "thousands", "1,000.00"),
                         ("F6", "space", "1 000"), ("F6", "underscore", "1_000"),
                         ("F11", "trailing-space", "10.00 "), ("F11", "leading-space", " 10.00")):
        o = amt(v)
        ko(cls, "mpm-hostile-%s-amount-%s" % (cls.lower(), name), "54 = '%s'" % v, o,
           "invalid_amount", at(o, "54"), "54")
    o = amt("5.")
    ok("F3", "mpm-hostile-f3-amount-trailing-dot", "54 = '5.': valid (MPM §4.7.5; the contract "
       "decision overrides HOSTILE.md F3)", o, ["static_with_amount"])
    o = amt("12345678901234567890")
    ko("F5", "mpm-hostile-f5-amount-20-digits", "54 with 20 digits", o, "field_too_long",
       at(o, "54"), "54")
    o = amt("10.001")
    ko("F7", "mpm-hostile-f7-brl-3-decimals", "'540610.001' with BRL", o, "invalid_amount",
       at(o, "54"), "54")
    o = rep(rep(amt("100.5", N0), "53", "392"), "58", "JP")
    ko("F7", "mpm-hostile-f7-jpy-decimal", "'5405100.5' with JPY", o, "invalid_amount",
       at(o, "54"), "54")
    for name, v in (("zero", "0"), ("zero-decimals", "0.00")):
        o = amt(v)
        ko("F8", "mpm-hostile-f8-amount-" + name, "54 = '%s'" % v, o, "invalid_amount",
           at(o, "54"), "54")
    o = amt("00010")
    ko("F9", "mpm-hostile-f9-leading-zeros-strict", "'540500010'", o, "invalid_amount",
       at(o, "54"), "54")
    ok("F9", "mpm-hostile-f9-leading-zeros-lenient", "'540500010' with amount_leading_zeros", o,
       ["invalid_amount", "static_with_amount"], lenient=["amount_leading_zeros"])
    for name, v in (("fullwidth", "１０.00"), ("arabic-indic", "١٠.٠٠")):
        o = amt(v)
        ko("F10", "mpm-hostile-f10-amount-" + name, "54 = '%s'" % v, o, "invalid_charset",
           at(o, "54"), "54")
    ok("F12", "mpm-hostile-f12-static-with-amount", "PoI 11 with an amount", amt("10.00"),
       ["static_with_amount"])
    ok("F12", "mpm-hostile-f12-dynamic-without-amount", "PoI 12 without an amount",
       rep(B0, "01", "12"), ["dynamic_without_amount"])
    o = rep(amt("10.00", rep(B0, "01", "12")), "26",
            [("00", "br.gov.bcb.pix"), ("25", "qr.example.com.br/v2/cobv/9d3d2f1a")])
    ok("F13", "mpm-hostile-f13-amount-and-url", "An amount and a Pix location URL: valid; the "
       "decoder has no warning for it (the JWS amount is a later, profile-level check)", o)

    # G. display hazards -----------------------------------------------------------------------
    o = rep(B0, "59", "LOJA\u202eAPMOC")
    ok("G1", "mpm-hostile-g1-rlo-pix", "U+202E in a Pix name (format S): valid with bidi_control "
       "(contract decision; HOSTILE.md suggested rejecting)", o, ["bidi_control", "non_ascii"])
    o = rep(N0, "59", "LOJA\u202eAPMOC")
    ko("G1", "mpm-hostile-g1-rlo-plain", "U+202E in an ans name", o, "invalid_charset",
       at(o, "59") + 4, "59")
    o = ins(T0, ("64", [("00", "AR"), ("01", "LOJA\u2066X\u2069")]))
    ok("G1", "mpm-hostile-g1-isolate-64", "U+2066/U+2069 in 64/01", o, ["bidi_control"])
    for name, ch in (("lrm", "\u200e"), ("rlm", "\u200f"), ("alm", "\u061c")):
        o = rep(B0, "59", "LOJA" + ch + "A")
        ok("G2", "mpm-hostile-g2-" + name, "U+%04X in a Pix name" % ord(ch), o,
           ["bidi_control", "non_ascii"])
    for name, ch in (("zwsp", "\u200b"), ("word-joiner", "\u2060"), ("bom", "\ufeff"),
                     ("soft-hyphen", "\u00ad")):
        o = rep(B0, "59", "LO" + ch + "JA")
        ok("G3", "mpm-hostile-g3-" + name, "U+%04X inside a Pix name" % ord(ch), o,
           ["invisible_char", "non_ascii"])
    # Fillers that pass for letters or spaces, selectors, tags and separators.
    for name, ch in (("hangul-filler", "\u3164"), ("hangul-choseong-filler", "\u115f"),
                     ("halfwidth-hangul-filler", "\uffa0"), ("braille-blank", "\u2800"),
                     ("variation-selector-16", "\ufe0f"), ("tag-latin-a", "\U000E0041"),
                     ("line-separator", "\u2028"), ("paragraph-separator", "\u2029")):
        o = rep(B0, "59", "LO" + ch + "JA")
        ok("G3", "mpm-hostile-g3-" + name, "U+%04X inside a Pix name" % ord(ch), o,
           ["invisible_char", "non_ascii"])
    o = rep(N0, "59", "LO\u200bJA")
    ko("G3", "mpm-hostile-g3-zwsp-plain", "U+200B in an ans name", o, "invalid_charset",
       at(o, "59") + 2, "59")
    o = ins(T0, ("64", [("00", "FA"), ("01", "می\u200cخواهم")]))
    ok("G4", "mpm-hostile-g4-zwnj-persian", "ZWNJ in a Persian 64/01: flagged, not rejected", o,
       ["invisible_char"])
    o = ins(T0, ("64", [("00", "HI"), ("01", "क्\u200dष")]))
    ok("G4", "mpm-hostile-g4-zwj-devanagari", "ZWJ in a Devanagari 64/01", o, ["invisible_char"])
    for name, v, k in (("crlf-nul", "LOJA\r\n\x00X", 4), ("del", "LOJA\x7f", 4),
                       ("c1", "LOJA\u009bX", 4), ("tab", "\tLOJA", 0)):
        o = rep(B0, "59", v)
        ko("G5", "mpm-hostile-g5-" + name, "Control characters in a Pix name (S excludes them)",
           o, "invalid_charset", at(o, "59") + k, "59")
    o = rep(B0, "59", "Fulаno")
    ok("G6", "mpm-hostile-g6-mixed-script-pix", "Cyrillic 'а' in a Latin Pix name: valid, "
       "flagged mixed_script (UTS #39: Latin with Cyrillic is not even moderately restrictive)",
       o, ["mixed_script", "non_ascii"])
    o = rep(B0, "60", "ΑTHENS")
    ok("G6", "mpm-hostile-g6-mixed-script-city-greek", "Greek capital alpha opening a Latin Pix "
       "city: flagged mixed_script", o, ["mixed_script", "non_ascii"])
    o = rep(B0, "59", "CAFÉ 東京 2")
    ok("G6", "mpm-hostile-g6-latin-with-han", "Latin with Han in a Pix name, as Chinese and "
       "Japanese names are written: no mixed_script (UTS #39: highly restrictive)", o,
       ["non_ascii"])
    o = rep(N0, "59", "Fulаno")
    ko("G6", "mpm-hostile-g6-mixed-script-plain", "The same outside Pix", o, "invalid_charset",
       at(o, "59") + 3, "59")
    o = ins(N0, ("64", [("00", "RU"), ("01", "РАYРАL")]))
    ok("G7", "mpm-hostile-g7-whole-script-64", "'РАYРАL' (Cyrillic capitals and Latin Y, L) in "
       "64/01: valid, flagged mixed_script; brand look-alike checks belong to the application",
       o, ["mixed_script"])
    o = ins(N0, ("64", [("00", "RU"), ("01", "МОСКВА")]))
    ok("G7", "mpm-hostile-g7-one-script-64", "'МОСКВА' in 64/01, all Cyrillic: one script, no "
       "warning", o)
    zalgo = "L" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b" \
        "\u030c\u030d\u030e\u030f\u0310\u0311\u0312\u0313\u0314\u0315\u0316\u0317"
    assert len(zalgo) == 25
    o = rep(B0, "59", zalgo)
    ok("G8", "mpm-hostile-g8-zalgo", "One letter with 24 combining marks (25 scalar values)", o,
       ["non_ascii"])
    o = rep(B0, "59", "   ")
    ko("G9", "mpm-hostile-g9-spaces", "A name of three spaces: refused, the wallet would show "
       "no payee", o, "blank_name", at(o, "59"), "59")
    o = rep(B0, "59", "\u200b\u200b")
    ko("G9", "mpm-hostile-g9-invisible-only", "A Pix name of two U+200B only: refused", o,
       "blank_name", at(o, "59"), "59")
    o = rep(B0, "59", "\u3164 \u3164")
    ko("G9", "mpm-hostile-g9-filler-only", "A Pix name of Hangul fillers (U+3164) and a space: "
       "refused", o, "blank_name", at(o, "59"), "59")
    o = rep(B0, "60", "  ")
    ok("G9", "mpm-hostile-g9-blank-city", "A city of two spaces: valid, flagged blank_text", o,
       ["blank_text"])
    o = ins(N0, ("64", [("00", "ZH"), ("01", "\u3000")]))
    ok("G9", "mpm-hostile-g9-blank-alternate-name", "An alternate-language name of one "
       "ideographic space: flagged blank_text", o, ["blank_text"])
    o = ins(rep(T0, "59", "LOJA A"), ("64", [("00", "ZH"), ("01", "银行 B")]))
    ok("G10", "mpm-hostile-g10-alternate-name-differs", "59 'LOJA A' and 64/01 '银行 B': both kept",
       o)

    # H. routing and GUID spoofing (decoder verdicts only) -------------------------------------
    o = rep(B0, "26.00", "br.gov.bcb.pix ")
    ko("H1", "mpm-hostile-h1-guid-trailing-space", "'0015br.gov.bcb.pix '", o, "invalid_guid",
       at(o, "26.00"), "26.00")
    o = ins(N0, ("27", [("00", "com.alipay "), ("01", "X")]), after="02")
    ko("H1", "mpm-hostile-h1-guid-trailing-space-2", "'com.alipay '", o, "invalid_guid",
       at(o, "27.00"), "27.00")
    o = rep(B0, "26.00", "br.gоv.bcb.pix")
    ko("H2", "mpm-hostile-h2-cyrillic-o", "Cyrillic 'о' in the Pix GUID: not ans", o,
       "invalid_charset", at(o, "26.00") + 4, "26.00")
    o = rep(B0, "26.00", "BR.GOV.BCB.PIX")
    ok("H3", "mpm-hostile-h3-guid-upper", "'BR.GOV.BCB.PIX'", o, ["guid_case_folded"])
    for name, g, k in (("fullwidth", "ＢＲ.gov.bcb.pix", 0), ("dotless-i", "br.gov.bcb.pıx", 12),
                       ("sharp-s", "com.straße", 8)):
        o = rep(B0, "26.00", g)
        ko("H4", "mpm-hostile-h4-" + name, "GUID '%s'" % g, o, "invalid_charset",
           at(o, "26.00") + k, "26.00")
    for name, g in (("pix-suffix", "br.gov.bcb.pix.evil"), ("aid-suffix", "A000000677010111FF")):
        o = rep(B0, "26.00", g)
        ok("H5", "mpm-hostile-h5-" + name, "GUID '%s': a valid GUID, not Pix or PromptPay; "
           "routing must not match by prefix (a later check)" % g, o)
    for name, g in (("pix-truncated", "br.gov.bcb.pi"), ("aid-truncated", "A0000006770101")):
        o = rep(B0, "26.00", g)
        ok("H6", "mpm-hostile-h6-" + name, "GUID '%s': valid; no route (a later check)" % g, o)
    o = ins(B0, ("27", [("00", "br.gov.bcb.pix"), ("01", "evil@example.com")]), after="26")
    ok("H7", "mpm-hostile-h7-two-pix-templates", "26 and 27 both Pix with different keys: the "
       "decoder keeps both; the ambiguous route is a later check", o)
    o = ins(B0, ("27", [("00", "com.example.pay"), ("01", "ACC-1")]), after="26")
    ok("H8", "mpm-hostile-h8-two-providers", "Pix in 26 and another provider in 27", o)
    o = ins(ins(N0, ("15", "25000344000203441000000000000006"), after="02"),
            ("26", [("00", "A000000333010101"), ("01", "100000000000006")]), after="15")
    ok("H9", "mpm-hostile-h9-primitive-and-template", "UnionPay primitive 15 and a 26 with a "
       "UnionPay AID: two candidates, never merged", o)
    o = ins(N0, ("26", [("00", "com.unknown.pay"), ("01", "ACC-1")]), after="02")
    ok("H10", "mpm-hostile-h10-unknown-guid", "An unknown GUID is not an error", o)
    for name, sub in (("phone-short", ("01", "006681234567")), ("id-12", ("02", "111111111111")),
                      ("ewallet-14", ("03", "14000080111111"))):
        o = rep(P0, "29", [("00", "A000000677010111"), sub])
        ok("H11", "mpm-hostile-h11-promptpay-" + name, "PromptPay 29/%s = '%s': sub-object formats "
           "are a profile check, the decoder keeps the value" % sub, o, ["scheme_departure"])
    o = rep(P0, "29.00", "A000000677010114")
    ok("H12", "mpm-hostile-h12-promptpay-ota", "PromptPay 29 with A000000677010114: the "
       "PromptPay amendment applies; which flow handles it is a routing decision", o, ["scheme_departure"])
    p = "HTTPS://QR.EXAMPLE.COM/MPM/3/R1BMRDAx" + b0
    ko("H13", "mpm-hostile-h13-url-wrapper", "An Alipay+-style URL followed by an MPM payload",
       p, "invalid_id", 0, "")
    p = "https://pay.example/?qr=" + b0
    ko("H13", "mpm-hostile-h13-embedded", "A '000201…' payload embedded in a URL", p,
       "invalid_id", 0, "")

    # I. Pix-specific (decoder verdicts only) --------------------------------------------------
    def url(u, base=B0):
        return rep(rep(base, "26", [("00", "br.gov.bcb.pix"), ("25", u)]), "01", "12")

    o = url("bank.com.br@evil.example/qr/v2/abc")
    ok("I1", "mpm-hostile-i1-url-userinfo", "26/25 with userinfo: the decoder keeps the string; "
       "URL grammar is a later Pix-profile check", o, ["dynamic_without_amount"])
    o = url("https://pix.example.com/qr/v2/abc")
    ok("I2", "mpm-hostile-i2-url-scheme", "26/25 with 'https://' (Pix omits the scheme): kept; "
       "a Pix-profile check", o, ["dynamic_without_amount"])
    o = url("javascript:alert(1)")
    ok("I2", "mpm-hostile-i2-url-javascript", "26/25 'javascript:alert(1)': kept; a Pix-profile "
       "check", o, ["dynamic_without_amount"])
    o = url("192.168.0.1/qr/v2/abc")
    ok("I3", "mpm-hostile-i3-url-ip", "26/25 with an IP host: kept; a Pix-profile check", o,
       ["dynamic_without_amount"])
    o = url("xn--pix-banco-9za.example/qr")
    ok("I3", "mpm-hostile-i3-url-punycode", "26/25 with a punycode host: kept", o,
       ["dynamic_without_amount"])
    o = rep(B0, "26", [("00", "br.gov.bcb.pix"), ("01", "loja@example.com"),
                       ("25", "pix.example.com/qr/v2/abc")])
    ok("I4", "mpm-hostile-i4-key-and-url", "Both 26/01 and 26/25: kept; precedence is a "
       "Pix-profile check", o)
    o = rep(B0, "62.05", "PEDIDO-123/A")
    ok("I5", "mpm-hostile-i5-txid-symbols", "62/05 'PEDIDO-123/A' (outside Pix's [A-Za-z0-9]): "
       "valid ans for the decoder; a Pix-profile check", o)
    o = url("pix.example.com/qr/v2/abc", base=ins(B0, ("54", "10.00"), after="53"))
    ok("I5", "mpm-hostile-i5-dynamic-txid", "Dynamic Pix whose 62/05 is '***': valid for the "
       "decoder", o)


# ---------------------------------------------------------------------------------------------
# main

ERROR_CODES = {
    "too_long", "empty", "invalid_utf8", "truncated", "invalid_id", "invalid_length", "zero_length",
    "length_overrun", "duplicate_id", "pfi_not_first", "crc_missing", "crc_not_last", "crc_length",
    "crc_not_hex", "crc_lowercase", "crc_mismatch", "missing_mandatory", "missing_merchant_account",
    "missing_guid", "invalid_guid", "field_too_long", "invalid_format", "invalid_charset",
    "invalid_pfi", "invalid_poi", "invalid_currency", "invalid_country", "invalid_amount",
    "invalid_language", "tip_rule", "rfu_id", "account_mismatch", "length_unit_ambiguous",
    "blank_name"}
WARNING_CODES = {
    "rfu_id", "static_with_amount", "dynamic_without_amount", "over_recommended_size",
    "invisible_char", "bidi_control", "country_currency_mismatch", "guid_case_folded", "non_ascii",
    "guid_not_first", "crc_lowercase", "invalid_pfi", "invalid_guid", "missing_guid",
    "invalid_amount", "invalid_charset", "scheme_departure", "length_unit_ambiguous",
    "blank_text", "mixed_script"}
HOSTILE_CLASSES = (["A%d" % k for k in range(1, 8)] + ["B%d" % k for k in range(1, 19)]
                   + ["C%d" % k for k in range(1, 15)] + ["D%d" % k for k in range(1, 10)]
                   + ["E%d" % k for k in range(1, 16)] + ["F%d" % k for k in range(1, 14)]
                   + ["G%d" % k for k in range(1, 11)] + ["H%d" % k for k in range(1, 14)]
                   + ["I%d" % k for k in range(1, 6)])
KEYS = {"id", "source", "description", "payload", "payload_hex", "expect", "error", "fields",
        "warnings", "options", "hostile", "canonical"}


def self_check():
    assert crc16(b"123456789") == 0x29B1
    assert crc16_x25(b"123456789") == 0x906E and crc16_xmodem(b"123456789") == 0x31C3
    assert crc_hex(ANNEX_B[:-4]) == "A13A"
    ids = set()
    for name, vecs in FILES.items():
        for v in vecs:
            assert set(v) <= KEYS, (v["id"], set(v) - KEYS)
            assert re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", v["id"]), v["id"]
            assert v["id"] not in ids, "duplicate id " + v["id"]
            ids.add(v["id"])
            assert v["source"] and v["expect"] in ("valid", "invalid"), v["id"]
            assert ("payload" in v) != ("payload_hex" in v), v["id"]
            lenient = v.get("options", {}).get("lenient", ())
            pedantic = v.get("options", {}).get("pedantic", False)
            assert set(lenient) <= set(ALL_LENIENCIES) | {"all"}, v["id"]
            if v["expect"] == "invalid":
                e = v["error"]
                assert set(e) == {"code", "offset", "path"}, v["id"]
                assert e["code"] in ERROR_CODES, v["id"]
                assert isinstance(e["offset"], int) and e["offset"] >= 0, v["id"]
                assert "fields" not in v and "warnings" not in v, v["id"]
                exp = ("invalid", e["code"], e["offset"], e["path"])
            else:
                assert "error" not in v and isinstance(v["fields"], dict), v["id"]
                assert v["warnings"] == sorted(v["warnings"]), v["id"]
                assert set(v["warnings"]) <= WARNING_CODES, v["id"]
                assert "63" in v["fields"], v["id"]
                exp = ("valid", v["fields"], v["warnings"])
            if "payload_hex" in v:
                got = ref(data=bytes.fromhex(v["payload_hex"]), lenient=lenient, pedantic=pedantic)
            else:
                got = ref(v["payload"], lenient=lenient, pedantic=pedantic)
            if got != exp:
                raise SystemExit("%s: declared %r, reference reading %r" % (v["id"], exp, got))
            if "hostile" in v:
                assert v["hostile"] in HOSTILE_CLASSES, v["id"]
    covered = {v["hostile"] for v in FILES["hostile.json"] if "hostile" in v}
    missing = [c for c in HOSTILE_CLASSES if c not in covered]
    assert not missing, "hostile classes without a vector in hostile.json: %s" % missing
    # every leniency: one payload invalid without it and valid with it (lower-case CRC digits
    # are an error only when pedantic)
    for name in ALL_LENIENCIES:
        base = {"pedantic": True} if name == "lowercase_crc" else {}
        with_it = {v.get("payload") for vs in FILES.values() for v in vs
                   if v["expect"] == "valid" and v.get("options") == dict(base, lenient=[name])}
        without = {v.get("payload") for vs in FILES.values() for v in vs
                   if v["expect"] == "invalid" and v.get("options", {}) == base}
        assert with_it & without, "leniency %s has no strict/lenient pair" % name
    total = sum(len(v) for v in FILES.values())
    bad = sum(1 for vs in FILES.values() for v in vs if v["expect"] == "invalid")
    assert total >= 220 and bad >= 0.4 * total, (total, bad)


def main():
    annex_b()
    real()
    fill = rules()
    hostile(fill)
    self_check()
    ids = {v["id"] for vecs in FILES.values() for v in vecs}
    assert PROFILES_OFF <= ids, sorted(PROFILES_OFF - ids)
    check_only = "--check" in sys.argv[1:]
    changed = []
    for name, vecs in sorted(FILES.items()):
        text = json.dumps(vecs, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path = os.path.join(OUT, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(name)
            if not check_only:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
    total = valid_n = 0
    for name, vecs in sorted(FILES.items()):
        nv = sum(1 for v in vecs if v["expect"] == "valid")
        total += len(vecs)
        valid_n += nv
        print("%-13s %4d vectors: %4d valid, %4d invalid" % (name, len(vecs), nv, len(vecs) - nv))
    print("%-13s %4d vectors: %4d valid, %4d invalid" % ("total", total, valid_n, total - valid_n))
    if check_only and changed:
        print("out of date: " + ", ".join(changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
