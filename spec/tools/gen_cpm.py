#!/usr/bin/env python3
"""Build the consumer-presented mode conformance vectors under spec/cpm/.

Python 3, standard library only. Run from anywhere:

    python3 spec/tools/gen_cpm.py            # rewrite spec/cpm/*.json
    python3 spec/tools/gen_cpm.py --check    # only verify; exit 1 if a file would change

What it does:

* `P(tag, value)` and `C(tag, *children)` describe data objects; `ber(objs)` writes them with
  the shortest definite lengths; `b64(bytes)` is standard padded base64 (Python's `base64`).
* `at(ber, "61#2.5A", part)` reads the written bytes back with a small BER reader of its own and
  gives the absolute byte offset of an object's tag (`part="tag"`), length (`"len"`) or value
  (`"value"`); `#2` picks the second occurrence at that level. Offsets are therefore computed,
  never counted by hand. Payloads that are not well-formed BER are concatenated by hand and
  their offsets are the length of the prefix before the defect.
* `fields(objs)` gives the `fields` map of a valid vector (the CLI `--json` shape).
* `ref_text()` / `ref_ber()` are a second, separate reading of spec/cpm/README.md (size, base64,
  BER structure, root rules, templates, field rules, cross-object rules, in that order). Every
  vector's declared expectation is checked against it; a disagreement stops the script.
"""

import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "cpm"))

MAX_TEXT = 2953
MAX_BER = (MAX_TEXT // 4) * 3  # 2214
MAX_DEPTH = 4
TEXT_TAGS = {0x50, 0x5F20, 0x5F2D, 0x5F50}

# ---------------------------------------------------------------------------------------------
# Objects and their encoding


class Obj:
    def __init__(self, tag, value=None, children=None):
        self.tag, self.value, self.children = tag, value, children


def P(tag, value):
    if isinstance(value, str):
        value = value.encode("ascii")
    return Obj(tag, value=bytes(value))


def C(tag, *children):
    return Obj(tag, children=list(children))


def H(s):
    return bytes.fromhex(s)


def tag_bytes(tag):
    n = 3 if tag > 0xFFFF else 2 if tag > 0xFF else 1
    return tag.to_bytes(n, "big")


def tag_hex(tag):
    return tag_bytes(tag).hex().upper()


def length_bytes(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def enc(o):
    if o.children is None:
        v = o.value
    else:
        v = b"".join(enc(c) for c in o.children)
    return tag_bytes(o.tag) + length_bytes(len(v)) + v


def ber(objs):
    return b"".join(enc(o) for o in objs)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def bcd(digits):
    """Digits and 'D' as nibbles, padded with one F to a whole byte."""
    if len(digits) % 2:
        digits += "F"
    return bytes.fromhex(digits)


PFI = P(0x85, "CPV01")

# ---------------------------------------------------------------------------------------------
# A small BER reader (for offsets and for the reference checker)


class Bad(Exception):
    def __init__(self, code, offset, path):
        super().__init__(code)
        self.code, self.offset, self.path = code, offset, path


def read_tag(b, i, end):
    if i >= end:
        return None, "ber_truncated"
    b0 = b[i]
    if b0 == 0:
        return None, "ber_tag"
    if b0 & 0x1F != 0x1F:
        return (b0, 1), None
    if i + 1 >= end:
        return None, "ber_truncated"
    b1 = b[i + 1]
    if b1 == 0x80:
        return None, "ber_tag"
    if not b1 & 0x80:
        return ((b0 << 8) | b1, 2), None
    if i + 2 >= end:
        return None, "ber_truncated"
    b2 = b[i + 2]
    if b2 & 0x80:
        return None, "ber_tag"
    return ((b0 << 16) | (b1 << 8) | b2, 3), None


def read_len(b, i, end):
    if i >= end:
        return None, "ber_truncated"
    first = b[i]
    if first < 0x80:
        return (first, 1), None
    if first == 0x80:
        return None, "ber_indefinite"
    n = first & 0x7F
    if n > 4:
        return None, "ber_overflow"
    if i + 1 + n > end:
        return None, "ber_truncated"
    digits = b[i + 1:i + 1 + n]
    if digits[0] == 0:
        return None, "ber_non_minimal"
    v = int.from_bytes(digits, "big")
    if n == 1 and v < 0x80:
        return None, "ber_non_minimal"
    if v > MAX_BER:
        return None, "ber_overflow"
    return (v, 1 + n), None


def constructed(tag):
    return tag_bytes(tag)[0] & 0x20 != 0


def read_level(b, start, end, path, depth, max_depth=MAX_DEPTH):
    """The objects of one level as dicts; raises Bad (depth first, left to right)."""
    out = []
    i = start
    while i < end:
        if b[i] == 0 and all(x == 0 for x in b[i:end]):
            raise Bad("ber_trailing", i, path)
        t, e = read_tag(b, i, end)
        if e:
            raise Bad(e, i, path)
        tag, tl = t
        p = path + [tag]
        ln, e = read_len(b, i + tl, end)
        if e == "ber_truncated":
            raise Bad(e, i, p)
        if e:
            raise Bad(e, i + tl, p)
        n, ll = ln
        v = i + tl + ll
        if v + n > end:
            raise Bad("ber_truncated", i, p)
        node = {"tag": tag, "off": i, "len_off": i + tl, "voff": v, "value": bytes(b[v:v + n]),
                "path": p, "children": None}
        if constructed(tag):
            if n and depth >= max_depth:
                raise Bad("ber_depth", v, p)
            node["children"] = read_level(b, v, v + n, p, depth + 1, max_depth)
        out.append(node)
        i = v + n
    return out


def dotted(path):
    return ".".join(tag_hex(t) for t in path)


def at(data, path, part="value"):
    """Offset of the object named by `path` ("61#2.5A") in well-formed bytes (any depth)."""
    level = read_level(data, 0, len(data), [], 1, max_depth=10**6)
    node = None
    for step in path.split("."):
        tag, _, nth = step.partition("#")
        tag, nth = int(tag, 16), int(nth or 1)
        hits = [n for n in level if n["tag"] == tag]
        node = hits[nth - 1]
        level = node["children"] or []
    return {"tag": node["off"], "len": node["len_off"], "value": node["voff"]}[part]


# ---------------------------------------------------------------------------------------------
# The field map


def fields_of_level(nodes, poi):
    m = {}
    for n in nodes:
        if n["children"] is not None:
            v = fields_of_level(n["children"], n["tag"] in (0x61, 0x62))
        elif poi and n["tag"] in TEXT_TAGS:
            v = n["value"].decode("ascii")
        else:
            v = n["value"].hex().upper()
        k = tag_hex(n["tag"])
        if k not in m:
            m[k] = v
        elif isinstance(m[k], list):
            m[k].append(v)
        else:
            m[k] = [m[k], v]
    return m


def fields(data):
    return fields_of_level(read_level(data, 0, len(data), [], 1), False)


# ---------------------------------------------------------------------------------------------
# The reference checker: spec/cpm/README.md, read a second time


B64 = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def ref_text(text):
    """(bytes, None) or (None, (code, offset, path))."""
    raw = text.encode("utf-8")
    if not raw:
        return None, ("empty", 0, "")
    if len(raw) > MAX_TEXT:
        return None, ("too_long", 0, "")
    pad = None
    for i, c in enumerate(raw):
        if c in B64:
            if pad is not None:
                return None, ("base64_padding", pad, "")
        elif c == ord("="):
            pad = i if pad is None else pad
        else:
            return None, ("base64_alphabet", i, "")
    sym = len(raw) if pad is None else pad
    r = sym % 4
    if r == 1:
        return None, ("base64_length", sym - 1, "")
    want = {0: 0, 2: 2, 3: 1}[r]
    if len(raw) - sym != want:
        return None, ("base64_padding", sym, "")
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".index(chr(raw[sym - 1]))
    if (r == 2 and last & 0x0F) or (r == 3 and last & 0x03):
        return None, ("base64_non_canonical", sym - 1, "")
    return base64.b64decode(raw, validate=True), None


def nibbles(v):
    out = []
    for x in v:
        out += [x >> 4, x & 0xF]
    return out


def cn_pan_error(v):
    ns = nibbles(v)
    digits = 0
    for i, n in enumerate(ns):
        if n <= 9 and digits < 19:
            digits += 1
        elif n == 0xF and i == len(ns) - 1:
            pass
        else:
            return i // 2
    return 0 if digits < 8 else None


def track2_error(v):
    ns = nibbles(v)
    sep, pan, after = None, 0, 0
    for i, n in enumerate(ns):
        if sep is None and n <= 9 and pan < 19:
            pan += 1
        elif sep is None and n == 0xD and pan >= 8:
            sep = i
        elif sep is not None and n <= 9:
            after += 1
        elif sep is not None and n == 0xF and i == len(ns) - 1:
            pass
        else:
            return i // 2
    if sep is None or after < 7:
        return 0
    mm = ns[sep + 3] * 10 + ns[sep + 4]
    if not 1 <= mm <= 12:
        return (sep + 3) // 2
    return None


def pan_digits(v, track2=False):
    out = ""
    for n in nibbles(v):
        if n > 9:
            break
        out += str(n)
    return out


RANGES = {0x4F: (5, 16), 0x50: (1, 16), 0x57: (1, 19), 0x5A: (1, 10), 0x5F20: (2, 26),
          0x5F2D: (2, 8), 0x5F50: (1, MAX_BER), 0x9F08: (2, 2), 0x9F25: (2, 2),
          0x9F19: (6, 6), 0x9F24: (29, 29)}


def field_error(n):
    tag, v, off = n["tag"], n["value"], n["voff"]
    p = dotted(n["path"])
    if tag not in RANGES:
        return None
    lo, hi = RANGES[tag]
    if not lo <= len(v) <= hi or (tag == 0x5F2D and len(v) % 2):
        return ("field_length", off, p)
    ok = {
        0x50: lambda c: chr(c).isascii() and (chr(c).isalnum() or c == 0x20),
        0x5F20: lambda c: 0x20 <= c <= 0x7E,
        0x5F50: lambda c: 0x20 <= c <= 0x7E,
        0x5F2D: lambda c: chr(c).isascii() and chr(c).isalpha(),
        0x9F24: lambda c: chr(c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    }.get(tag)
    if ok:
        for i, c in enumerate(v):
            if not ok(c):
                return ("invalid_charset", off + i, p)
        return None
    bad = None
    if tag == 0x57:
        bad = track2_error(v)
    elif tag == 0x5A:
        bad = cn_pan_error(v)
    elif tag in (0x9F19, 0x9F25):
        bad = next((i // 2 for i, x in enumerate(nibbles(v)) if x > 9), None)
    return None if bad is None else ("invalid_format", off + bad, p)


def ref_ber(data):
    """None when valid, else (code, offset, path)."""
    if not data:
        return ("empty", 0, "")
    if len(data) > MAX_BER:
        return ("too_long", 0, "")
    try:
        root = read_level(data, 0, len(data), [], 1)
    except Bad as e:
        return (e.code, e.offset, dotted(e.path))
    # Root rules.
    apps, common, later, seen = [], None, False, set()
    for i, n in enumerate(root):
        t = n["tag"]
        if i == 0:
            if t != 0x85:
                return ("pfi_not_first", 0, "85")
            if n["value"] != b"CPV01":
                return ("invalid_pfi", n["voff"], "85")
        if t != 0x61:
            if t in seen:
                return ("duplicate_tag", n["off"], tag_hex(t))
            seen.add(t)
        if t == 0x85:
            continue
        if not constructed(t):
            return ("unexpected_object", n["off"], tag_hex(t))
        if t == 0x61:
            if later or common is not None:
                return ("template_order", n["off"], "61")
            if len(apps) == 2:
                return ("template_count", n["off"], "61")
            apps.append(n)
        elif t == 0x62:
            if later or not apps:
                return ("template_order", n["off"], "62")
            if len(apps) == 1:
                return ("template_count", n["off"], "62")
            common = n
        else:
            later = True
    if not apps:
        return ("missing_application_template", len(data), "61")
    # Templates 61, 61, 62 in payload order, object by object: a repeated tag, a tag of 62
    # also in a 61, then the object's own field rule.
    app_tags = [{c["tag"] for c in a["children"]} for a in apps]
    for t in apps + ([common] if common else []):
        tags = set()
        for c in t["children"]:
            if c["tag"] in tags:
                return ("duplicate_tag", c["off"], dotted(c["path"]))
            if t is common and any(c["tag"] in s for s in app_tags):
                return ("duplicate_tag", c["off"], dotted(c["path"]))
            tags.add(c["tag"])
            e = field_error(c)
            if e:
                return e
    # Across objects, per application template.
    for a in apps:
        own = {c["tag"]: c for c in a["children"]}
        com = {c["tag"]: c for c in common["children"]} if common else {}
        if 0x4F not in own:
            return ("missing_mandatory", a["voff"], "61.4F")
        pan = own.get(0x5A) or com.get(0x5A)
        t2 = own.get(0x57) or com.get(0x57)
        if not pan and not t2:
            return ("missing_mandatory", a["voff"], "61.5A")
        if pan and t2 and pan_digits(pan["value"]) != pan_digits(t2["value"]):
            return ("pan_mismatch", t2["voff"], dotted(t2["path"]))
    return None


def ref_warnings(data):
    return ["over_recommended_size"] if len(data) > 512 else []


# ---------------------------------------------------------------------------------------------
# Vectors

FILES = {}
IDS = set()


def add(file, v):
    if v["id"] in IDS:
        raise SystemExit("duplicate id " + v["id"])
    IDS.add(v["id"])
    # Check the declaration against the reference reading.
    if "payload" in v:
        data, err = ref_text(v["payload"])
        if err is None:
            err = ref_ber(data)
    else:
        data = H(v["payload_hex"])
        err = ref_ber(data)
    if v["expect"] == "valid":
        if err is not None:
            raise SystemExit("%s: declared valid, reference says %r" % (v["id"], err))
        v["fields"] = fields(data)
        v["warnings"] = ref_warnings(data)
        v["canonical"] = True
    else:
        got = (v["error"]["code"], v["error"]["offset"], v["error"]["path"])
        if err != got:
            raise SystemExit("%s: declared %r, reference says %r" % (v["id"], got, err))
    FILES.setdefault(file, []).append(v)


def ok(file, vid, source, description, data, hostile=None, as_hex=False):
    v = {"id": vid, "source": source, "description": description}
    v["payload_hex" if as_hex else "payload"] = data.hex().upper() if as_hex else b64(data)
    v["expect"] = "valid"
    if hostile:
        v["hostile"] = hostile
    add(file, v)


def ko(file, vid, source, description, payload, code, offset, path, hostile=None):
    """`payload`: bytes (written as base64, or as hex when `hex_bytes`), or str (the text)."""
    v = {"id": vid, "source": source, "description": description}
    if isinstance(payload, HexBytes):
        v["payload_hex"] = bytes(payload).hex().upper()
    elif isinstance(payload, bytes):
        v["payload"] = b64(payload)
    else:
        v["payload"] = payload
    v["expect"] = "invalid"
    v["error"] = {"code": code, "offset": offset, "path": path}
    if hostile:
        v["hostile"] = hostile
    add(file, v)


class HexBytes(bytes):
    """Bytes given to the raw-BER entry point (`payload_hex`)."""


SPEC = "EMVCo QRCPS CPM v1.0 (2017)"
CON = "constructed; spec/cpm/README.md"

# A test card: the EMV test PAN 4761739001010010, expiry 2512, service code 201.
PAN_D = "4761739001010010"
T2_D = PAN_D + "D25122011143878089"
AID_V = H("A0000000031010")
AID_U = H("A000000333010101")


def app(*extra, aid=AID_V, track=T2_D):
    objs = [P(0x4F, aid)]
    if track:
        objs.append(P(0x57, bcd(track)))
    return C(0x61, *(objs + list(extra)))


def crypt():
    return C(0x63, P(0x9F26, H("1C8F9A3E5B6D7F01")), P(0x9F36, H("0001")))


BASE = [PFI, app(P(0x5F20, "TEST/CARD"), crypt())]


def annex_b():
    f = "annex_b.json"
    ex1 = H("85054350563031611A4F07A0000000555555570F1234567890123458D191220112345F")
    t1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
    assert b64(ex1) == t1
    ok(f, "cpm-annex-b-example-1", SPEC + " Annex B, example 1",
       "One application template: ADF Name and Track 2 Equivalent Data", ex1)
    t2 = ("hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8g"
          "DkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==")
    ex2 = base64.b64decode(t2)
    ok(f, "cpm-annex-b-example-2", SPEC + " Annex B, example 2",
       "Two application templates (Product1, Product2) and common data 62 with PAN, name, "
       "language and transparent template 64", ex2)
    ok(f, "cpm-annex-b-example-1-raw", SPEC + " Annex B, example 1 (raw BER entry point)",
       "Example 1 given as BER bytes", ex1, as_hex=True)


def rules():
    f = "rules.json"
    # --- valid ------------------------------------------------------------------------------
    ok(f, "cpm-valid-baseline", CON, "AID, Track 2, cardholder name, cryptogram template 63",
       ber(BASE))
    ok(f, "cpm-valid-pan-only", CON, "PAN 5A without Track 2",
       ber([PFI, app(P(0x5A, bcd(PAN_D)), track=None)]))
    ok(f, "cpm-valid-pan-and-track2", CON, "5A and 57 carrying the same PAN",
       ber([PFI, app(P(0x5A, bcd(PAN_D)))]))
    ok(f, "cpm-valid-every-poi-object", SPEC + " Table 6.1",
       "Every POI data object of Table 6.1, each at a length it allows",
       ber([PFI, app(P(0x50, "VISA CREDIT"), P(0x5A, bcd(PAN_D)), P(0x5F20, "TEST/CARD"),
                     P(0x5F2D, "enfr"), P(0x5F50, "mailto:receipts@bank.example"),
                     P(0x9F08, H("0010")), P(0x9F19, H("000000000123")),
                     P(0x9F24, "V0010013816180232138839231234"), P(0x9F25, H("0010")),
                     crypt())]))
    ok(f, "cpm-valid-two-applications-common", SPEC + " Table 3.1",
       "Two application templates; PAN and name in the common data template with a 64",
       ber([PFI, app(P(0x50, "DEBIT"), track=None),
            app(P(0x50, "CREDIT"), aid=H("A0000000041010"), track=None),
            C(0x62, P(0x5A, bcd(PAN_D)), P(0x5F20, "TEST/CARD"),
              C(0x64, P(0x9F26, H("0102030405060708")), P(0x9F36, H("0002"))))]))
    ok(f, "cpm-valid-other-template-at-root", SPEC + " Table 3.1; REFERENCE.md 4.17 (NAPAS)",
       "A template other than 61/62 after the application template is kept (NAPAS puts 63 there)",
       ber([PFI, app(), C(0x63, P(0x9F26, H("0102030405060708")))]))
    ok(f, "cpm-valid-unknown-objects-kept", SPEC + " 5.1",
       "Unknown primitive and constructed objects in 61 are kept, not checked",
       ber([PFI, app(P(0x5F34, H("01")), P(0x9F7A, H("00")),
                     C(0xBF0C, P(0x9F4D, H("0B0A"))))]))
    ok(f, "cpm-valid-three-byte-tag", CON, "A three-byte tag (9F8101) in the cryptogram template",
       ber([PFI, app(C(0x63, P(0x9F26, H("0102030405060708")), P(0x9F8101, H("FF"))))]))
    ok(f, "cpm-valid-depth-four", CON, "Four levels: 61.63.BF0C.9F26 (the deepest allowed)",
       ber([PFI, app(C(0x63, C(0xBF0C, P(0x9F26, H("0102030405060708")))))]))
    ok(f, "cpm-valid-long-form-lengths", CON,
       "A 200-byte issuer URL (length 81 C8) in a 61 of over 255 bytes (length 82 01 xx)",
       ber([PFI, app(P(0x5F50, "mailto:" + "r" * 193), P(0x9F10, bytes(60)))]))
    ok(f, "cpm-valid-over-512", SPEC + " 3.1.1",
       "Over 512 bytes of BER: valid, warning over_recommended_size",
       ber([PFI, app(P(0x5F50, "mailto:" + "r" * 593))]))
    ok(f, "cpm-valid-pan-19-digits", CON, "A 19-digit PAN padded with one F",
       ber([PFI, app(P(0x5A, bcd("6212345678901234567")), track=None)]))
    ok(f, "cpm-valid-pan-8-digits", CON, "The shortest PAN, 8 digits",
       ber([PFI, app(P(0x5A, bcd("12345678")), track=None)]))
    ok(f, "cpm-valid-track2-odd-padded", CON, "Track 2 of an odd number of nibbles ends in F",
       ber([PFI, app(track=PAN_D + "D2512201")]))
    ok(f, "cpm-valid-transparent-duplicates", SPEC + " 5.1",
       "Repeated tags inside 63 are not checked (transparent data); fields list them",
       ber([PFI, app(C(0x63, P(0x9F26, H("0102030405060708")), P(0x9F26, H("0807060504030201"))))]))
    ok(f, "cpm-valid-empty-transparent", CON, "An empty 63 template",
       ber([PFI, app(C(0x63))]))
    ok(f, "cpm-valid-aid-16-bytes", CON, "An ADF Name of 16 bytes",
       ber([PFI, app(aid=H("A0000000031010" + "01" * 9))]))
    ok(f, "cpm-valid-aid-5-bytes", CON, "An ADF Name of 5 bytes (a RID only)",
       ber([PFI, app(aid=H("A000000003"))]))
    ok(f, "cpm-valid-unionpay-like", "constructed after REFERENCE.md 2.4 (UnionPay CPM layout)",
       "AID A000000333010101, Track 2, PAN sequence 5F34, 63 with 9F26 9F27 9F10 9F36 82 9F37",
       ber([PFI, app(P(0x5F34, H("01")),
                     C(0x63, P(0x9F26, H("5A3C11029E47B06D")), P(0x9F27, H("80")),
                       P(0x9F10, H("0701010103A0000001")), P(0x9F36, H("002A")),
                       P(0x82, H("7C00")), P(0x9F37, H("12345678"))),
                     aid=AID_U, track="6200000000000005D30122011234567890")]))
    ok(f, "cpm-valid-empty-primitive-unknown", CON, "A zero-length unknown primitive (9F7C)",
       ber([PFI, app(P(0x9F7C, b""))]))

    # --- size and framing --------------------------------------------------------------------
    ko(f, "cpm-empty-text", CON, "No text", "", "empty", 0, "")
    ko(f, "cpm-empty-ber", CON, "No BER bytes (raw entry point)", HexBytes(b""), "empty", 0, "")
    ko(f, "cpm-too-long-text", CON + " (size cap, before decoding)",
       "2,954 characters: refused before base64 decoding", "A" * 2954, "too_long", 0, "")
    big = HexBytes(ber([PFI, app(P(0x5F50, "m" * 2200))]))
    assert len(big) > MAX_BER
    ko(f, "cpm-too-long-ber", CON, "More than 2,214 BER bytes (raw entry point)", big,
       "too_long", 0, "")

    # --- root rules --------------------------------------------------------------------------
    d = ber([app(), PFI])
    ko(f, "cpm-pfi-not-first", SPEC + " 5.1", "61 before 85", d, "pfi_not_first", 0, "85",
       hostile="J4")
    d = ber([app()])
    ko(f, "cpm-pfi-missing", SPEC + " 5.1", "No 85 at all", d, "pfi_not_first", 0, "85",
       hostile="J4")
    d = ber([P(0x85, "CPV02"), app()])
    ko(f, "cpm-pfi-cpv02", SPEC + " 5.1", "PFI CPV02", d, "invalid_pfi", 2, "85", hostile="J4")
    d = ber([P(0x85, "CPV0"), app()])
    ko(f, "cpm-pfi-short", SPEC + " 5.1", "PFI CPV0 (4 bytes)", d, "invalid_pfi", 2, "85")
    d = ber([PFI, app(), PFI])
    ko(f, "cpm-pfi-twice", CON, "A second 85 after the template", d, "duplicate_tag",
       at(d, "85#2", "tag"), "85")
    d = ber([PFI])
    ko(f, "cpm-no-application-template", SPEC + " 5.1", "Only the PFI", d,
       "missing_application_template", len(d), "61")
    d = ber([PFI, C(0x70, P(0x5A, bcd(PAN_D)))])
    ko(f, "cpm-only-other-template", SPEC + " 5.1", "An other template but no 61", d,
       "missing_application_template", len(d), "61")
    d = ber([PFI, app(), P(0x5A, bcd(PAN_D))])
    ko(f, "cpm-primitive-at-root", SPEC + " Table 3.1", "A PAN at the root", d,
       "unexpected_object", at(d, "5A", "tag"), "5A")
    d = ber([PFI, app(), app(aid=H("A0000000041010")), app(aid=H("A0000000651010"))])
    ko(f, "cpm-three-application-templates", SPEC + " Table 3.1", "A third 61", d,
       "template_count", at(d, "61#3", "tag"), "61")
    d = ber([PFI, app(), C(0x62, P(0x5F20, "TEST/CARD"))])
    ko(f, "cpm-common-with-one-application", SPEC + " Table 3.1",
       "62 is allowed only with two application templates", d, "template_count",
       at(d, "62", "tag"), "62")
    d = ber([PFI, C(0x62, P(0x5F20, "TEST/CARD")), app(), app(aid=H("A0000000041010"))])
    ko(f, "cpm-common-before-applications", SPEC + " Table 3.1", "62 before any 61", d,
       "template_order", at(d, "62", "tag"), "62")
    d = ber([PFI, app(), app(aid=H("A0000000041010")), C(0x62, P(0x5F20, "TEST/CARD")),
             app(aid=H("A0000000651010"))])
    ko(f, "cpm-application-after-common", SPEC + " Table 3.1", "A 61 after the 62", d,
       "template_order", at(d, "61#3", "tag"), "61")
    d = ber([PFI, app(), C(0x70, P(0x9F26, bytes(8))), app(aid=H("A0000000041010"))])
    ko(f, "cpm-application-after-other-template", SPEC + " Table 3.1",
       "A 61 after an other template", d, "template_order", at(d, "61#2", "tag"), "61")
    d = ber([PFI, app(), app(aid=H("A0000000041010")), C(0x70, P(0x9F26, bytes(8))),
             C(0x62, P(0x5F20, "TEST/CARD"))])
    ko(f, "cpm-common-after-other-template", SPEC + " Table 3.1",
       "A 62 after an other template", d, "template_order", at(d, "62", "tag"), "62")
    d = ber([PFI, app(), app(aid=H("A0000000041010")), C(0x62, P(0x5F20, "TEST/CARD")),
             C(0x62, P(0x5F2D, "en"))])
    ko(f, "cpm-common-twice", CON, "Two 62 templates", d, "duplicate_tag",
       at(d, "62#2", "tag"), "62")
    d = ber([PFI, app(), C(0x70, P(0x9F26, bytes(8))), C(0x70, P(0x9F26, bytes(8)))])
    ko(f, "cpm-other-template-twice", CON, "An other template repeated at the root", d,
       "duplicate_tag", at(d, "70#2", "tag"), "70")

    # --- template scans ----------------------------------------------------------------------
    d = ber([PFI, app(P(0x5F20, "TEST/CARD"), P(0x5F20, "OTHER/NAME"))])
    ko(f, "cpm-duplicate-name", SPEC + " 5.1", "5F20 twice in one 61", d, "duplicate_tag",
       at(d, "61.5F20#2", "tag"), "61.5F20")
    d = ber([PFI, app(C(0x63, P(0x9F26, bytes(8))), C(0x63, P(0x9F26, bytes(8))))])
    ko(f, "cpm-duplicate-transparent-template", CON, "63 twice in one 61", d, "duplicate_tag",
       at(d, "61.63#2", "tag"), "61.63")
    d = ber([PFI, app(P(0x9F8101, H("01")), P(0x9F8101, H("02")))])
    ko(f, "cpm-duplicate-three-byte-tag", CON, "A three-byte tag twice in one 61", d,
       "duplicate_tag", at(d, "61.9F8101#2", "tag"), "61.9F8101")
    d = ber([PFI, app(track=None), app(aid=H("A0000000041010"), track=None),
             C(0x62, P(0x5A, bcd(PAN_D)), P(0x5A, bcd(PAN_D)))])
    ko(f, "cpm-duplicate-in-common", SPEC + " 5.1", "5A twice in 62", d, "duplicate_tag",
       at(d, "62.5A#2", "tag"), "62.5A")
    d = ber([PFI, app(P(0x5F20, "TEST/CARD")), app(aid=H("A0000000041010")),
             C(0x62, P(0x5F20, "TEST/CARD"))])
    ko(f, "cpm-same-object-in-application-and-common", SPEC + " Table 3.1",
       "5F20 in the first 61 and in 62", d, "duplicate_tag", at(d, "62.5F20", "tag"), "62.5F20")
    d = ber([PFI, app(), app(P(0x9F08, H("0002")), aid=H("A0000000041010")),
             C(0x62, P(0x9F08, H("0002")))])
    ko(f, "cpm-same-object-in-second-application-and-common", SPEC + " Table 3.1",
       "9F08 in the second 61 and in 62", d, "duplicate_tag", at(d, "62.9F08", "tag"),
       "62.9F08")
    d = ber([PFI, app(P(0x9F8101, H("01"))), app(aid=H("A0000000041010")),
             C(0x62, P(0x9F8101, H("01")))])
    ko(f, "cpm-same-three-byte-tag-in-application-and-common", SPEC + " Table 3.1",
       "9F8101 in 61 and in 62", d, "duplicate_tag", at(d, "62.9F8101", "tag"), "62.9F8101")

    d = ber([PFI, C(0x61, P(0x4F, H("A0000000")), P(0x57, bcd(T2_D)), P(0x5F20, "A/B"),
                    P(0x5F20, "A/B"))])
    ko(f, "cpm-order-field-rule-before-later-duplicate", CON + " (processing order, step 5)",
       "A short 4F comes before a repeated 5F20 in the same template: the 4F error wins", d,
       "field_length", at(d, "61.4F", "value"), "61.4F")
    d = ber([PFI, app(P(0x5F20, "A/B"), P(0x5F20, "A/B"), P(0x50, "BAD-LABEL"))])
    ko(f, "cpm-order-duplicate-before-later-field-rule", CON + " (processing order, step 5)",
       "A repeated 5F20 comes before a bad label: the duplicate wins", d, "duplicate_tag",
       at(d, "61.5F20#2", "tag"), "61.5F20")
    d = ber([PFI, app(P(0x5F20, "A\tB")), app(aid=H("A0000000041010")),
             C(0x62, P(0x5F20, "A/B"))])
    ko(f, "cpm-order-first-template-before-common", CON + " (processing order, step 5)",
       "A bad name in the first 61 is found before the 62 repeats it", d, "invalid_charset",
       at(d, "61.5F20", "value") + 1, "61.5F20")
    d = ber([PFI, C(0x61, P(0x57, bcd(T2_D)), P(0x50, "BAD-LABEL"))])
    ko(f, "cpm-order-field-rule-before-missing-aid", CON + " (processing order, steps 5-6)",
       "A bad label in a 61 without 4F: field rules come before the rules across objects", d,
       "invalid_charset", at(d, "61.50", "value") + 3, "61.50")

    # --- field rules -------------------------------------------------------------------------
    def field(vid, desc, extra, code, path, part="value", delta=0, track=T2_D, aid=AID_V,
              source=SPEC + " Table 6.1", hostile=None):
        d = ber([PFI, app(*extra, track=track, aid=aid)])
        ko(f, vid, source, desc, d, code, at(d, path, part) + delta, path, hostile=hostile)

    field("cpm-aid-4-bytes", "ADF Name of 4 bytes", [], "field_length", "61.4F",
          aid=H("A0000000"))
    field("cpm-aid-17-bytes", "ADF Name of 17 bytes", [], "field_length", "61.4F",
          aid=H("A0000000031010" + "01" * 10))
    field("cpm-label-17", "Label of 17 characters", [P(0x50, "A" * 17)], "field_length", "61.50")
    field("cpm-label-empty", "Empty label", [P(0x50, b"")], "field_length", "61.50")
    field("cpm-label-hyphen", "Label with '-' (special characters limited to space)",
          [P(0x50, "VISA-CREDIT")], "invalid_charset", "61.50", delta=4)
    field("cpm-track2-20-bytes", "Track 2 of 20 bytes", [], "field_length", "61.57",
          track=PAN_D + "D2512201" + "1" * 15)
    field("cpm-track2-non-bcd", "Track 2 with nibble A", [], "invalid_format", "61.57", delta=2,
          track="4761A39001010010D25122011143878089", hostile="J13")
    field("cpm-track2-no-separator", "Track 2 without the D separator", [], "invalid_format",
          "61.57", track=PAN_D + "25")
    field("cpm-track2-month-13", "Track 2 expiry month 13", [], "invalid_format", "61.57",
          delta=9, track=PAN_D + "D2513201114387")
    field("cpm-track2-month-00", "Track 2 expiry month 00", [], "invalid_format", "61.57",
          delta=9, track=PAN_D + "D2500201114387")
    field("cpm-track2-f-inside", "Track 2 with F before the last nibble", [], "invalid_format",
          "61.57", delta=10, track=PAN_D + "D2512F011143")
    field("cpm-track2-short-pan", "Track 2 with a 7-digit PAN", [], "invalid_format", "61.57",
          delta=3, track="1234567D2512201")
    field("cpm-track2-20-digit-pan", "Track 2 with a 20-digit PAN", [], "invalid_format",
          "61.57", delta=9, track="12345678901234567890D2512201")
    field("cpm-track2-short-after-separator", "Track 2 with only 6 digits after D", [],
          "invalid_format", "61.57", track=PAN_D + "D251220")
    field("cpm-pan-11-bytes", "PAN of 11 bytes", [P(0x5A, bcd("1" * 22))], "field_length",
          "61.5A", track=None)
    field("cpm-pan-non-bcd", "PAN with nibble C", [P(0x5A, H("47617390C1010010"))],
          "invalid_format", "61.5A", delta=4, track=None)
    field("cpm-pan-double-padding", "PAN padded with FF", [P(0x5A, H("476173900101FFFF"))],
          "invalid_format", "61.5A", delta=6, track=None)
    field("cpm-pan-7-digits", "PAN of 7 digits", [P(0x5A, bcd("1234567"))], "invalid_format",
          "61.5A", track=None)
    field("cpm-name-1", "Cardholder name of 1 character", [P(0x5F20, "A")], "field_length",
          "61.5F20")
    field("cpm-name-27", "Cardholder name of 27 characters", [P(0x5F20, "A" * 27)],
          "field_length", "61.5F20")
    field("cpm-name-control", "Cardholder name with a line feed", [P(0x5F20, "TEST\nCARD")],
          "invalid_charset", "61.5F20", delta=4)
    field("cpm-name-non-ascii", "Cardholder name with a UTF-8 letter",
          [P(0x5F20, "JOS\u00c9/CARD".encode("utf-8"))], "invalid_charset", "61.5F20", delta=3)
    field("cpm-language-english", "Language 'English' (NAPAS sample, REFERENCE.md 4.17)",
          [P(0x5F2D, "English")], "field_length", "61.5F2D",
          source="REFERENCE.md 4.17 (NAPAS CPM sample)")
    field("cpm-language-10", "Five language codes", [P(0x5F2D, "enfrdeesit")], "field_length",
          "61.5F2D")
    field("cpm-language-digit", "Language code with a digit", [P(0x5F2D, "e1")],
          "invalid_charset", "61.5F2D", delta=1)
    field("cpm-url-empty", "Empty issuer URL", [P(0x5F50, b"")], "field_length", "61.5F50")
    field("cpm-url-del", "Issuer URL with DEL", [P(0x5F50, b"tel:+1\x7f")], "invalid_charset",
          "61.5F50", delta=6)
    field("cpm-version-3-bytes", "Application version of 3 bytes", [P(0x9F08, H("000010"))],
          "field_length", "61.9F08")
    field("cpm-token-requestor-5-bytes", "Token Requestor ID of 5 bytes",
          [P(0x9F19, H("0000000123"))], "field_length", "61.9F19")
    field("cpm-token-requestor-non-bcd", "Token Requestor ID with nibble A",
          [P(0x9F19, H("00000000012A"))], "invalid_format", "61.9F19", delta=5)
    field("cpm-par-28", "PAR of 28 characters", [P(0x9F24, "V" * 28)], "field_length", "61.9F24")
    field("cpm-par-lower-case", "PAR with a lower-case letter",
          [P(0x9F24, "V001001381618023213883923123a")], "invalid_charset", "61.9F24", delta=28)
    field("cpm-last4-non-bcd", "Last 4 digits with nibble F", [P(0x9F25, H("001F"))],
          "invalid_format", "61.9F25", delta=1)
    field("cpm-last4-3-bytes", "Last 4 digits of 3 bytes", [P(0x9F25, H("000010"))],
          "field_length", "61.9F25")

    # --- across objects ----------------------------------------------------------------------
    d = ber([PFI, C(0x61, P(0x57, bcd(T2_D)))])
    ko(f, "cpm-missing-aid", SPEC + " Table 6.1", "61 without 4F", d, "missing_mandatory",
       at(d, "61", "value"), "61.4F")
    d = ber([PFI, app(P(0x5F20, "TEST/CARD"), track=None)])
    ko(f, "cpm-missing-pan-and-track2", SPEC + " Table 6.1", "61 with neither 5A nor 57", d,
       "missing_mandatory", at(d, "61", "value"), "61.5A")
    d = ber([PFI, app(track=None), app(aid=H("A0000000041010")), C(0x62, P(0x5F20, "TEST/CARD"))])
    ko(f, "cpm-missing-pan-first-of-two", SPEC + " Table 6.1",
       "First 61 has no PAN or Track 2 and 62 has none either", d, "missing_mandatory",
       at(d, "61", "value"), "61.5A")
    d = ber([PFI, app(P(0x5A, bcd("4761739001010011")))])
    ko(f, "cpm-pan-mismatch", "HOSTILE.md J13", "5A and 57 carry different PANs", d,
       "pan_mismatch", at(d, "61.57", "value"), "61.57", hostile="J13")
    d = ber([PFI, app(track=None), app(aid=H("A0000000041010"), track=None),
             C(0x62, P(0x57, bcd(T2_D)), P(0x5A, bcd("4761739001010028")))])
    ko(f, "cpm-pan-mismatch-common", "HOSTILE.md J13", "5A and 57 in 62 differ", d,
       "pan_mismatch", at(d, "62.57", "value"), "62.57", hostile="J13")


def hostile():
    f = "hostile.json"
    src = "HOSTILE.md J"
    base = ber(BASE)
    text = b64(base)
    # J1: trailing bits.
    ex1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
    bad = ex1[:-2] + "9="
    ko(f, "cpm-hostile-j1-trailing-bits-one-pad", src + "1",
       "Annex B example 1 with 'F9=' for 'F8=': same bytes in lenient decoders", bad,
       "base64_non_canonical", len(ex1) - 2, "", hostile="J1")
    d = next(d for d in (ber([PFI, app(P(0x9F7C, b"x" * n))]) for n in range(3))
             if len(d) % 3 == 1)
    t = b64(d)
    assert t.endswith("==") and not t.endswith("===")
    sym = t[-3]
    idx = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".index(sym)
    flipped = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[idx | 1]
    ko(f, "cpm-hostile-j1-trailing-bits-two-pads", src + "1",
       "Non-zero unused bits before '=='", t[:-3] + flipped + "==", "base64_non_canonical",
       len(t) - 3, "", hostile="J1")
    # J2: padding.
    assert text.endswith("=")
    stripped = text.rstrip("=")
    ko(f, "cpm-hostile-j2-missing-padding", src + "2", "The padding removed", stripped,
       "base64_padding", len(stripped), "", hostile="J2")
    ko(f, "cpm-hostile-j2-extra-padding", src + "2", "One '=' too many", text + "=",
       "base64_padding", len(stripped), "", hostile="J2")
    ko(f, "cpm-hostile-j2-padding-in-middle", src + "2", "'=' after the first 8 characters",
       text[:8] + "=" + text[8:], "base64_padding", 8, "", hostile="J2")
    ko(f, "cpm-hostile-j2-one-extra-symbol", src + "2", "A lone symbol after the last quantum",
       text.rstrip("=")[: (len(stripped) // 4) * 4] + "A", "base64_length",
       (len(stripped) // 4) * 4, "", hostile="J2")
    # J3: alphabet.
    ex2 = ("hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8g"
           "DkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==")
    plus = ex2.index("+")
    ko(f, "cpm-hostile-j3-url-safe-minus", src + "3", "Annex B example 2 with '+' written '-'",
       ex2.replace("+", "-"), "base64_alphabet", plus, "", hostile="J3")
    t = b64(ber([PFI, app(P(0x9F7C, H("FFFFFF")))]))
    slash = t.index("/")
    ko(f, "cpm-hostile-j3-url-safe-underscore", src + "3",
       "A payload whose encoding holds '/', written '_'", t.replace("/", "_"), "base64_alphabet",
       slash, "", hostile="J3")
    ko(f, "cpm-hostile-j3-line-break", src + "3", "A line break after 76 characters (MIME)",
       ex2[:76] + "\n" + ex2[76:], "base64_alphabet", 76, "", hostile="J3")
    ko(f, "cpm-hostile-j3-trailing-newline", src + "3", "A trailing line feed",
       ex2 + "\n", "base64_alphabet", len(ex2), "", hostile="J3")
    ko(f, "cpm-hostile-j3-space", src + "3", "A space inside the text",
       ex2[:20] + " " + ex2[20:], "base64_alphabet", 20, "", hostile="J3")
    ko(f, "cpm-hostile-j3-non-ascii", src + "3",
       "A fullwidth letter A (U+FF21) inside the text: refused at its character offset",
       ex2[:30] + "\uff21" + ex2[30:], "base64_alphabet", 30, "", hostile="J3")
    ko(f, "cpm-hostile-j3-data-uri", src + "3", "A data: URI prefix",
       "data:" + ex2, "base64_alphabet", 4, "", hostile="J3")
    # J4 is in rules.json (cpm-pfi-*). J5: indefinite length.
    d = ber([PFI]) + H("6180") + ber([P(0x4F, AID_V), P(0x57, bcd(T2_D))]) + H("0000")
    ko(f, "cpm-hostile-j5-indefinite", src + "5", "61 80 ... 00 00", d, "ber_indefinite", 8,
       "61", hostile="J5")
    # J6: non-minimal lengths.
    d = H("8581") + b"\x05CPV01" + ber([app()])
    ko(f, "cpm-hostile-j6-non-minimal-pfi", src + "6", "85 81 05 'CPV01'", d,
       "ber_non_minimal", 1, "85", hostile="J6")
    inner = ber([P(0x4F, AID_V), P(0x57, bcd(T2_D))])
    d = ber([PFI]) + H("6182") + len(inner).to_bytes(2, "big") + inner
    ko(f, "cpm-hostile-j6-non-minimal-two-bytes", src + "6", "61 82 00 xx", d,
       "ber_non_minimal", 8, "61", hostile="J6")
    d = ber([PFI]) + H("61") + bytes([0x81, len(inner)]) + inner
    ko(f, "cpm-hostile-j6-non-minimal-81", src + "6", "61 81 xx with xx < 128", d,
       "ber_non_minimal", 8, "61", hostile="J6")
    # J7: huge lengths.
    d = ber([PFI]) + H("6184FFFFFFFF") + inner
    ko(f, "cpm-hostile-j7-length-ffffffff", src + "7", "61 84 FF FF FF FF", d, "ber_overflow",
       8, "61", hostile="J7")
    d = ber([PFI]) + H("6188") + H("FF" * 8) + inner
    ko(f, "cpm-hostile-j7-eight-length-bytes", src + "7", "61 88 followed by 8 bytes", d,
       "ber_overflow", 8, "61", hostile="J7")
    d = ber([PFI]) + H("61820FFF") + inner
    ko(f, "cpm-hostile-j7-over-max", src + "7", "61 82 0F FF: 4,095 bytes, more than any CPM",
       d, "ber_overflow", 8, "61", hostile="J7")
    d = ber([PFI]) + H("618201F4") + inner
    ko(f, "cpm-hostile-j7-overrun", src + "7", "61 82 01 F4: 500 bytes declared, fewer given",
       d, "ber_truncated", 7, "61", hostile="J7")
    d = ber([PFI]) + H("6182")
    ko(f, "cpm-hostile-j7-cut-length", src + "7", "The input ends inside a long-form length",
       d, "ber_truncated", 7, "61", hostile="J7")
    # J8: endless tag.
    d = ber([PFI]) + H("6108") + H("9FFFFFFF01000000")
    ko(f, "cpm-hostile-j8-endless-tag", src + "8", "9F FF FF FF ... inside 61", d, "ber_tag",
       9, "61", hostile="J8")
    d = ber([PFI]) + H("9F")
    ko(f, "cpm-hostile-j8-cut-tag", src + "8", "The input ends inside a two-byte tag", d,
       "ber_truncated", 7, "", hostile="J8")
    d = ber([PFI]) + H("610A") + H("9F800101") + ber([P(0x4F, AID_V)])[:6]
    ko(f, "cpm-hostile-j8-tag-leading-80", src + "8", "9F 80 01: a padded tag number", d,
       "ber_tag", 9, "61", hostile="J8")
    # J9: primitive/constructed bit flipped.
    d = ber([PFI, app()])
    flipped = d[:7] + bytes([0x41]) + d[8:]
    ko(f, "cpm-hostile-j9-application-as-primitive", src + "9", "41 instead of 61", flipped,
       "unexpected_object", 7, "41", hostile="J9")
    d = ber([PFI, app(), app(aid=H("A0000000041010")), C(0x62, P(0x5F20, "TEST/CARD"))])
    o = at(d, "62", "tag")
    flipped = d[:o] + bytes([0x42]) + d[o + 1:]
    ko(f, "cpm-hostile-j9-common-as-primitive", src + "9", "42 instead of 62", flipped,
       "unexpected_object", o, "42", hostile="J9")
    d = ber([PFI, app(P(0x5F20, "TEST/CARD"))])
    o = at(d, "61.57", "tag")
    flipped = d[:o] + bytes([0x77]) + d[o + 1:]
    ko(f, "cpm-hostile-j9-track2-as-constructed", src + "9",
       "57 written 77 (constructed): its value read as BER runs past its end", flipped,
       "ber_truncated", o + 2, "61.77.47",
       hostile="J9")
    # J10: deep nesting.
    for levels in (5, 200, 500):
        # Wrapped iteratively; headers[k] is the header size of the k-th 61 from the outside.
        data, headers = enc(P(0x5A, bcd(PAN_D))), []
        for _ in range(levels):
            head = b"\x61" + length_bytes(len(data))
            headers.insert(0, len(head))
            data = head + data
        d = ber([PFI]) + data
        assert len(d) <= MAX_BER, len(d)
        ko(f, "cpm-hostile-j10-nested-%d" % levels, src + "10",
           "%d nested 61 templates" % levels, d, "ber_depth", len(ber([PFI])) + sum(headers[:4]),
           "61.61.61.61", hostile="J10")
    # J11: trailing bytes.
    d = ber(BASE) + H("000000")
    ko(f, "cpm-hostile-j11-trailing-zeros", src + "11", "00 00 00 after the last template", d,
       "ber_trailing", len(ber(BASE)), "", hostile="J11")
    d = ber(BASE) + H("00")
    ko(f, "cpm-hostile-j11-trailing-zero", src + "11", "One 00 after the last template", d,
       "ber_trailing", len(ber(BASE)), "", hostile="J11")
    d = ber(BASE) + H("0000FF")
    ko(f, "cpm-hostile-j11-trailing-zeros-then-garbage", src + "11",
       "00 00 FF after the last template: 00 is not a tag", d, "ber_tag", len(ber(BASE)), "",
       hostile="J11")
    d = ber(BASE) + H("5A")
    ko(f, "cpm-hostile-j11-trailing-tag", src + "11", "A lone tag byte after the last template",
       d, "ber_truncated", len(ber(BASE)), "5A", hostile="J11")
    inner = ber([P(0x4F, AID_V), P(0x57, bcd(T2_D))]) + H("0000")
    d = ber([PFI]) + H("61") + bytes([len(inner)]) + inner
    ko(f, "cpm-hostile-j11-padding-inside-template", src + "11",
       "00 00 at the end of 61's value", d, "ber_trailing", len(d) - 2, "61", hostile="J11")
    # J12: duplicates.
    d = ber([PFI, app(P(0x5A, bcd(PAN_D)), P(0x5A, bcd("5555555555554444")))])
    ko(f, "cpm-hostile-j12-two-pans", src + "12", "Two 5A PANs in one 61", d, "duplicate_tag",
       at(d, "61.5A#2", "tag"), "61.5A", hostile="J12")
    d = ber([PFI, app(P(0x57, bcd("5555555555554444D25122011143878089")))])
    ko(f, "cpm-hostile-j12-two-tracks", src + "12", "Two 57 Track 2 fields in one 61", d,
       "duplicate_tag", at(d, "61.57#2", "tag"), "61.57", hostile="J12")
    # J13 is in rules.json (cpm-track2-non-bcd, cpm-pan-mismatch*). J14: overrun.
    d = ber([PFI]) + H("6108") + H("4F20A000000003101000")
    ko(f, "cpm-hostile-j14-child-overruns-parent", src + "14", "4F 20 inside 61 08", d,
       "ber_truncated", 9, "61.4F", hostile="J14")
    d = ber([PFI]) + H("6104") + H("4F07A0000000031010")
    ko(f, "cpm-hostile-j14-template-cuts-child", src + "14",
       "61 04 holding the first 4 bytes of a 4F 07 object", d, "ber_truncated", 9, "61.4F",
       hostile="J14")
    d = ber([PFI]) + H("611A") + ber([P(0x4F, AID_V)])
    ko(f, "cpm-hostile-j14-template-overruns-input", src + "14",
       "61 1A with fewer bytes left", d, "ber_truncated", 7, "61", hostile="J14")


def mutations():
    """Deterministic mutations of the valid vectors, each judged by the reference reading: a
    differential test of two independent implementations of this contract."""
    import random
    f = "mutations.json"
    rng = random.Random(20171)
    bases = [v for name in ("annex_b.json", "rules.json") for v in FILES[name]
             if v["expect"] == "valid" and "payload" in v and len(v["payload"]) < 400]
    made = set()
    kinds = ["flip", "set", "insert", "delete", "truncate", "text"]
    while len(made) < 160:
        base = rng.choice(bases)
        data = bytearray(base64.b64decode(base["payload"]))
        kind = kinds[len(made) % len(kinds)]
        i = rng.randrange(len(data))
        if kind == "flip":
            data[i] ^= 1 << rng.randrange(8)
        elif kind == "set":
            data[i] = rng.choice([0x00, 0x1F, 0x20, 0x4F, 0x57, 0x5A, 0x61, 0x62, 0x7F, 0x80,
                                  0x81, 0x82, 0x85, 0x9F, 0xFF, rng.randrange(256)])
        elif kind == "insert":
            data[i:i] = bytes([rng.randrange(256)])
        elif kind == "delete":
            del data[i]
        elif kind == "truncate":
            data = data[:i]
        if kind == "text":
            text = base["payload"]
            j = rng.randrange(len(text))
            payload = text[:j] + rng.choice("AZaz09+/=-_ .\n") + text[j + 1:]
            i = j
        else:
            payload = b64(bytes(data))
        if payload in made or not data:
            continue
        made.add(payload)
        vid = "cpm-mutation-%03d" % len(made)
        src = ("constructed; deterministic mutation (%s at %d) of %s; expectation from the "
               "reference reading in spec/tools/gen_cpm.py" % (kind, i, base["id"]))
        if kind == "text":
            data, err = ref_text(payload)
            if err is None:
                err = ref_ber(data)
            desc = "One character of the text replaced"
        else:
            err = ref_ber(bytes(data))
            desc = "One %s edit of the BER bytes" % kind
        v = {"id": vid, "source": src, "description": desc, "payload": payload}
        if err is None:
            v["expect"] = "valid"
        else:
            v["expect"] = "invalid"
            v["error"] = {"code": err[0], "offset": err[1], "path": err[2]}
        add(f, v)


def main():
    check = "--check" in sys.argv[1:]
    annex_b()
    rules()
    hostile()
    mutations()
    changed = []
    for name, vectors in sorted(FILES.items()):
        path = os.path.join(OUT, name)
        text = json.dumps(vectors, indent=2, ensure_ascii=False) + "\n"
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(name)
            if not check:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
    for name, vectors in sorted(FILES.items()):
        valid = sum(v["expect"] == "valid" for v in vectors)
        print("%-14s %3d valid %3d invalid" % (name, valid, len(vectors) - valid))
    if check and changed:
        print("out of date: " + ", ".join(changed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
