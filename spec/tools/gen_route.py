#!/usr/bin/env python3
"""Build the paycode, scan and route vectors under spec/paycode/, spec/scan/ and spec/route/.

Python 3, standard library only. Run from anywhere:

    python3 spec/tools/gen_route.py            # rewrite the vector files
    python3 spec/tools/gen_route.py --check    # only verify; exit 1 if a file would change

Constructed payloads are written as lists of data objects and encoded here, so that lengths
and CRCs (CRC-16/CCITT-FALSE, as in gen_mpm.py) are computed, never typed. Every expectation
(kind, candidates, route, skip reasons) is written by hand from REFERENCE.md, HOSTILE.md H,
spec/registry/ and spec/routing/; nothing here runs the library. Real payloads are taken from
spec/mpm/real.json by id, with that vector's provenance.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec"


def crc16(data: bytes) -> int:
    c = 0xFFFF
    for x in data:
        c ^= x << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) & 0xFFFF if c & 0x8000 else (c << 1) & 0xFFFF
    return c


def enc(objs) -> str:
    out = []
    for oid, val in objs:
        v = enc(val) if isinstance(val, list) else val
        assert 1 <= len(v) <= 99, (oid, v)
        out.append(f"{oid}{len(v):02d}{v}")
    return "".join(out)


def build(objs) -> str:
    body = enc(objs) + "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


REAL = {v["id"]: v for v in json.loads((SPEC / "mpm" / "real.json").read_text(encoding="utf-8"))}


def real(vid: str):
    v = REAL[vid]
    return v["payload"], f"spec/mpm/real.json {vid}: {v['source']}", v.get("options")


CN_TAIL = [("52", "5812"), ("53", "156"), ("58", "CN"), ("59", "NOODLE HOUSE"), ("60", "SHANGHAI")]
BR_TAIL = [("52", "0000"), ("53", "986"), ("58", "BR"), ("59", "FULANO DE TAL"), ("60", "BRASILIA"),
           ("62", [("05", "***")])]
TH_TAIL = [("52", "0000"), ("53", "764"), ("58", "TH"), ("59", "SHOP"), ("60", "BANGKOK")]


def mpm(accounts, tail, poi="11"):
    return build([("00", "01"), ("01", poi)] + accounts + tail)


UP = ("15", "6200000012345678")
TENPAY = ("26", [("00", "com.tenpay"), ("01", "1900012345")])
ALIPAY = ("27", [("00", "COM.ALIPAY"), ("01", "https://qr.alipay.com/fkx12345")])
UNIFIED = mpm([UP, TENPAY, ALIPAY], CN_TAIL)
TENPAY_ALIPAY = mpm([TENPAY, ALIPAY], CN_TAIL)
ALIPAY_TENPAY = mpm([("26", [("00", "COM.ALIPAY"), ("01", "https://qr.alipay.com/fkx12345")]),
                     ("27", [("00", "com.tenpay"), ("01", "1900012345")])], CN_TAIL)
UNIONPAY_ONLY = mpm([UP], CN_TAIL)


def pix(guid: str, key: str = "123e4567-e12b-12d1-a456-426655440000", tid: str = "26"):
    return (tid, [("00", guid), ("01", key)])


def pp(aid: str):
    return ("29", [("00", aid), ("01", "0066812345678")])


PP_REAL = REAL["mpm-real-promptpay-phone"]["payload"]
C = "constructed"
GH = "https://github.com/"

# ------------------------------------------------------------------------------------------
# paycode vectors: {id, source, payload, expect, providers}

PAYCODE = [
    ("paycode-tenpay-mainland-13", "134567890123456789", "match", ["tenpay"], "WeChat Pay 18 digits 10-14"),
    ("paycode-tenpay-mainland-10", "101234567890123456", "match", ["tenpay"], "WeChat Pay 18 digits 10-14"),
    ("paycode-wechatpayhk-15", "151234567890123456", "match", ["wechatpayhk"],
     "WeChat Pay HK users' codes: 18 digits starting 15 (official)"),
    ("paycode-tenpay-17-digits", "13456789012345678", "none", [], "WeChat Pay needs 18 digits"),
    ("paycode-tenpay-prefix-16", "161234567890123456", "none", [], "16 is neither WeChat Pay nor Alipay"),
    ("paycode-alipay-16", "2512345678901234", "match", ["alipay"], "Alipay 16-24 digits 25-30"),
    ("paycode-alipay-24-prefix-30", "301234567890123456789012", "match", ["alipay"], "Alipay 24 digits starting 30"),
    ("paycode-alipay-25-digits", "3012345678901234567890123", "none", [], "Alipay allows at most 24 digits"),
    ("paycode-alipay-prefix-24", "2412345678901234", "none", [], "24 is outside 25-30"),
    ("paycode-alipay-24-prefix-28-not-02", "281234561234567890123456", "match", ["alipay"],
     "24 digits starting 28 without business type 02 at digits 7-8: Alipay only"),
    ("paycode-two-paths-24-prefix-28", "281234021234567890123456", "match", ["alipay", "alipayplus"],
     "24 digits starting 28 with business type 02: an Alipay code Alipay+ also accepts (one code, "
     "two acceptance paths)"),
    ("paycode-alipayplus-mainstream", "123456021234567890123456", "match", ["alipayplus"],
     "Alipay+ 6-digit issuer, 02, 16-digit UIN"),
    ("paycode-alipayplus-mainstream-not-02", "123456031234567890123456", "none", [],
     "business type 03 is not user-presented"),
    ("paycode-two-paths-17-prefix-28", "28123456789012345", "match", ["alipay", "alipayplus"],
     "Alipay+ legacy 28[0-9]{15} is also an Alipay 17-digit code: one code, two paths"),
    ("paycode-two-paths-19-prefix-289-6", "2891234567890612345", "match", ["alipay", "alipayplus"],
     "Alipay+ legacy 289[0-9]{10}6[0-9]{5}, also an Alipay code: one code, two paths"),
    ("paycode-unionpay-19", "6236098835899996543", "match", ["unionpay"],
     "UnionPay sample from the UPI gateway (REFERENCE.md 2.7)"),
    ("paycode-unionpay-18", "623609883589999654", "none", [], "UnionPay needs 19 digits"),
    ("paycode-letter", "13456789012345678X", "none", [], "digits only"),
    ("paycode-fullwidth-digits", "１３４５６７８９０１２３４５６７８９", "none", [], "full-width digits are not ASCII digits"),
    ("paycode-leading-space", " 134567890123456789", "none", [], "never trimmed"),
    ("paycode-trailing-newline", "134567890123456789\n", "none", [], "never trimmed"),
]

# ------------------------------------------------------------------------------------------
# scan vectors: {id, source, payload, expect (kind), candidates: [{provider, matched_by, id?}]}


def cand(provider, by, tid=None):
    c = {"provider": provider, "matched_by": by}
    if tid is not None:
        c["id"] = tid
    return c


SCAN = []


def scan(vid, payload, kind, cands, source=C, desc=None, hostile=None, options=None,
         valid=None):
    v = {"id": vid, "source": source}
    if desc:
        v["description"] = desc
    v["payload"] = payload
    v["expect"] = kind
    v["candidates"] = cands
    if valid is not None:
        v["valid"] = valid
    if hostile:
        v["hostile"] = hostile
    if options:
        v["options"] = options
    SCAN.append(v)


def scan_real(vid, rid, kind, cands, desc=None, valid=None):
    payload, source, options = real(rid)
    scan(vid, payload, kind, cands, source, desc, options=options, valid=valid)


scan_real("scan-real-pix-bcb", "mpm-real-pix-bcb-manual", "mpm", [cand("pix", "guid", 26)])
scan_real("scan-real-pix-dynamic", "mpm-real-pix-utils-dynamic", "mpm", [cand("pix", "guid", 26)])
scan_real("scan-real-promptpay-phone", "mpm-real-promptpay-phone", "mpm", [cand("promptpay", "aid", 29)])
scan_real("scan-real-truemoney", "mpm-real-truemoney", "mpm", [cand("promptpay", "aid", 29)])
scan_real("scan-real-thai-billpay", "mpm-real-promptparse-bill-payment", "mpm", [cand("thai-billpay", "aid", 30)])
scan_real("scan-real-vietqr", "mpm-real-vietqr-static", "mpm", [cand("vietqr", "aid", 38)])
scan_real("scan-real-duitnow", "mpm-real-duitnow-pfi-02", "mpm", [cand("duitnow", "aid", 26)])
scan_real("scan-real-paynow", "mpm-real-paynow-uen", "mpm", [cand("paynow", "guid", 26)])
scan_real("scan-real-qrph", "mpm-real-qrph-gcash-static", "mpm", [cand("qrph", "guid", 27)])
scan_real("scan-real-laoqr-unionpay-15", "mpm-real-laoqr-primitive-15", "mpm",
          [cand("unionpay", "primitive_id", 15)], "15 is UnionPay; 38's GUID is not registered")
scan_real("scan-real-pakistan-visa-mastercard", "mpm-real-pakistan-uuid-guid", "mpm",
          [cand("visa", "primitive_id", 2), cand("mastercard", "primitive_id", 4)],
          "the UUID GUID of 31 is not registered")
scan_real("scan-real-bharatqr-hdfc", "mpm-real-bharatqr-hdfc-lowercase", "mpm",
          [cand("visa", "primitive_id", 2), cand("mastercard", "primitive_id", 4), cand("upi", "aid", 26)],
          "06 and 08 are EMVCo-reserved (no provider); 27 is a UPI transaction reference, not an account")
scan_real("scan-real-hk-fps-stale-crc", "mpm-real-hk-fps-stale-crc", "mpm",
          [cand("fps", "guid", 26)], "a stale CRC: an invalid MPM payload, whose provider is still "
          "named", valid=False)
scan_real("scan-real-khqr-invalid", "mpm-real-khqr-account-only", "mpm", [],
          "an account ID in 26 (not KHQR's 29 or 30): invalid, and naming no provider", valid=False)
scan("scan-real-khqr-no-expiry",
     "00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh Smith6010Phnom "
     "Penh62150211855123456789917001316257134678276304A96B", "mpm",
     [cand("khqr", "account_id", 29)], GH + "ishinvin/ts-khqr src/__tests__/verify-khqr.test.ts "
     "('Valid KHQR 1')", "a KHQR code that breaks KHQR's rule (dynamic without expiry): "
     "its provider named, the code invalid", valid=False)
scan("scan-annex-b-unregistered-guids",
     "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A",
     "mpm", [], "EMV MPM 1.0 Annex B", "valid MPM whose GUIDs name no registered provider")
scan("scan-unified", UNIFIED, "mpm",
     [cand("unionpay", "primitive_id", 15), cand("tenpay", "guid", 26), cand("alipay", "guid", 27)],
     "constructed; spec/unified.md")
scan("scan-khqr-account-id",
     build([("00", "01"), ("01", "11"), ("29", [("00", "jonhsmith@nbcq")]), ("52", "5999"), ("53", "116"),
            ("58", "KH"), ("59", "Jonh Smith"), ("60", "Phnom Penh")]),
     "mpm", [cand("khqr", "account_id", 29)], "constructed; REFERENCE.md 3.2 KHQR layout",
     options={"lenient": ["non_guid_identifier"]})
SG_TAIL = [("52", "5812"), ("53", "702"), ("58", "SG"), ("59", "HAWKER STALL"), ("60", "Singapore")]
scan("scan-card-primitives", mpm([("09", "6011000000000004"), ("11", "371449635398431"), ("13", "3530111333300000")],
     CN_TAIL), "mpm", [cand("discover", "primitive_id", 9), cand("amex", "primitive_id", 11),
     cand("jcb", "primitive_id", 13)], "constructed; EMV MPM 1.0 Table 4.1 (REFERENCE.md 3.1)")
scan("scan-sgqr-paynow-nets", mpm([("26", [("00", "SG.PAYNOW"), ("01", "2"), ("02", "201403121W")]),
     ("27", [("00", "SG.COM.NETS"), ("01", "23456789"), ("02", "11137066800")]),
     ("28", [("00", "COM.MYFAVE"), ("01", "https://myfave.com/qr/x1")]),
     ("29", [("00", "SG.AIRPAY"), ("01", "93600000001")]),
     ("51", [("00", "SG.SGQR"), ("01", "180917C3B1E2"), ("02", "01.0001"), ("03", "018956")])], SG_TAIL),
     "mpm", [cand("paynow", "guid", 26), cand("nets", "guid", 27), cand("myfave", "guid", 28),
     cand("shopeepay", "guid", 29), cand("sgqr", "guid", 51)],
     "constructed; REFERENCE.md 3.2 SGQR layout (one sticker, many schemes)")
scan("scan-qris", mpm([("26", [("00", "COM.GO-JEK.WWW"), ("01", "936009140000000001"), ("03", "UMI")]),
     ("51", [("00", "ID.CO.QRIS.WWW"), ("02", "ID1020000000001"), ("03", "UMI")])],
     [("52", "5812"), ("53", "360"), ("58", "ID"), ("59", "WARUNG"), ("60", "JAKARTA")]), "mpm",
     [cand("gopay", "guid", 26), cand("qris", "guid", 51)], "constructed; REFERENCE.md 3.2 QRIS layout")
scan("scan-vnpay", mpm([("26", [("00", "A000000775"), ("01", "0102030405")])],
     [("52", "5812"), ("53", "704"), ("58", "VN"), ("59", "CUA HANG"), ("60", "HANOI")]), "mpm",
     [cand("vnpay", "aid", 26)], "constructed; REFERENCE.md 3.2 VNPAY GUID")
HK_TAIL = [("52", "0000"), ("53", "344"), ("58", "HK"), ("59", "NA"), ("60", "HK")]
scan("scan-fps", mpm([("26", [("00", "hk.com.hkicl"), ("01", "004"), ("02", "9999999")])], HK_TAIL), "mpm",
     [cand("fps", "guid", 26)], "constructed; REFERENCE.md 3.2 FPS layout")
scan("scan-fps-upper", mpm([("26", [("00", "HK.COM.HKICL"), ("01", "004"), ("02", "9999999")])], HK_TAIL), "mpm",
     [cand("fps", "guid", 26)], "constructed; REFERENCE.md 3.2, 4.12: upper-case FPS GUID also seen")
scan("scan-upi-outside-26", mpm([("27", [("00", "A000000524"), ("01", "STQ200318122305804I0401")])],
     [("52", "5812"), ("53", "356"), ("58", "IN"), ("59", "SHOP"), ("60", "Delhi")]), "mpm", [],
     "constructed; REFERENCE.md 3.2: BharatQR 27 is a transaction reference, not an account")
# URLs
scan("scan-url-wxp", "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB", "url", [cand("tenpay", "url")],
     "constructed; REFERENCE.md 3.3 wxp://f2f0 form")
scan("scan-url-alipay", "https://qr.alipay.com/fkx17923ubpxijxrwtpj9c3", "url", [cand("alipay", "url")],
     "constructed; REFERENCE.md 3.3")
scan("scan-url-alipay-upper", "HTTPS://QR.ALIPAY.COM/FKX17923UBPXIJXRWTPJ9C3", "url", [cand("alipay", "url")],
     "constructed; REFERENCE.md 3.3 upper-case form", hostile="H3")
scan("scan-url-unionpay", "https://qr.95516.com/00010000/01116734060400", "url", [cand("unionpay", "url")],
     "constructed; REFERENCE.md 3.3")
scan("scan-url-alipayplus-mpm", "HTTPS://WALLET.EXAMPLE/MPM/3/R1BMRDAxNlBMVlMwMDMxLjA", "url",
     [cand("alipayplus", "url")], "constructed; REFERENCE.md 3.3 Alipay+ MPM URL form")
scan("scan-url-alipayplus-sample",
     "HTTPS://QR.SAMPLEDOMAIN.COM/MPM/3/R1BMRDA5NVBMVlMwMDIwMUNEU0QwMzMwMTE0U0FNUExFUExBVEZPUk0wMjExU0FNUE"
     "xFTUVSSURDSVJEMDM5MDExMlNBTVBMRUlTU1VFUjAyMDIxMjAzMTNNSU5JUFJPR1JBTUlE", "url",
     [cand("alipayplus", "url")],
     "https://docs.alipayplus.com/alipayplus/alipayplus/code-scanning-payment-standards/mpmcodesample "
     "(the official code sample)")
scan("scan-url-alipayplus-empty", "https://wallet.example/MPM/3/", "unknown", [],
     desc="an Alipay+ order-code path with no payload: no code", hostile="H13")
scan("scan-url-alipayplus-order", "https://alipay.com/281000040000000012345", "url", [cand("alipayplus", "url")],
     "constructed; REFERENCE.md 3.3 Alipay+ order code")
scan("scan-url-embedded-mpm", "https://qr.alipay.com/" + PP_REAL, "unknown", [],
     desc="an MPM payload inside a URL: no family matches the whole input (Alipay's URL forms "
     "want fkx, bax, ... and letters and digits)", hostile="H13")
scan("scan-url-lookalike-host", "https://qr.alipay.com.evil.example/fkx1", "unknown", [], hostile="H5")
scan("scan-url-lookalike-scheme", "wxp:/f2f0YpJfRdX8mWcqH7m1pQWMoHvB", "unknown", [], hostile="H6")
scan("scan-url-fullwidth", "ｗｘｐ://f2f0YpJfRdX8mWcqH7m1pQWMoHvB", "unknown", [], hostile="H4")
scan("scan-url-leading-space", " wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB", "unknown", [], hostile="H1")
scan("scan-url-inner-space", "wxp://f2f0 YpJfRdX8", "unknown", [], hostile="H1")
scan("scan-url-alipayplus-bad-host", "https://wallet example/MPM/3/R1BMRA", "unknown", [], hostile="H13")
scan("scan-url-95516-http-lookalike", "https://qr.95516.co/00010000/0111", "unknown", [], hostile="H6")
# CPM and paycodes
scan("scan-cpm-annex-b-1", "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", "cpm", [],
     "EMV CPM 1.0 Annex B example 1 (REFERENCE.md 2.6)",
     "EMV CPM is recognised; its application AIDs are matched once the CPM decoder feeds them")
scan("scan-cpm-jpqr", "hQVKUFFSMDFhEk8HSlBRUjAwMVcHMTIzNDU2Nw==", "cpm", [cand("jpqr", "cpm_format")],
     "constructed; REFERENCE.md 2.7 JPQR CPM prefix")
scan("scan-cpm-not-base64", "hQVDUFYwMW!!", "unknown", [])
scan("scan-paycode-tenpay", "134567890123456789", "paycode", [cand("tenpay", "paycode")])
scan("scan-paycode-two-providers", "281234021234567890123456", "paycode",
     [cand("alipay", "paycode"), cand("alipayplus", "paycode")])
scan("scan-unknown-text", "hello", "unknown", [])
scan("scan-unknown-digits", "12345", "unknown", [], desc="digits matching no payment-code rule")
# HOSTILE.md H
scan("scan-h1-guid-trailing-space", mpm([pix("br.gov.bcb.pix ")], BR_TAIL), "mpm", [],
     desc="invalid_guid: never trimmed, and naming no provider", hostile="H1", valid=False)
scan("scan-h2-guid-cyrillic", mpm([pix("br.gоv.bcb.pix")], BR_TAIL), "mpm", [],
     desc="invalid_guid: non-ASCII, and naming no provider", hostile="H2", valid=False)
scan("scan-h3-guid-upper-pix", mpm([pix("BR.GOV.BCB.PIX")], BR_TAIL), "mpm", [cand("pix", "guid", 26)],
     desc="Pix GUIDs match in any ASCII case", hostile="H3")
scan("scan-h3-guid-lower-paynow", mpm([("26", [("00", "sg.paynow"), ("01", "2"), ("02", "201403121W")])],
     [("52", "0000"), ("53", "702"), ("58", "SG"), ("59", "SHOP"), ("60", "Singapore")]), "mpm", [],
     desc="PayNow's GUID is exact: sg.paynow names no provider", hostile="H3")
scan("scan-h4-guid-fullwidth", mpm([pix("ＢＲ.gov.bcb.pix")], BR_TAIL), "mpm", [], hostile="H4",
     valid=False)
scan("scan-h5-guid-extension", mpm([pix("br.gov.bcb.pix.evil")], BR_TAIL), "mpm", [], hostile="H5")
scan("scan-h5-aid-extension", mpm([pp("A000000677010111FF")], TH_TAIL), "mpm", [], hostile="H5")
scan("scan-h6-guid-truncated", mpm([pix("br.gov.bcb.pi")], BR_TAIL), "mpm", [], hostile="H6")
scan("scan-h6-aid-truncated", mpm([pp("A0000006770101")], TH_TAIL), "mpm", [], hostile="H6")
scan("scan-h8-two-providers", mpm([pix("br.gov.bcb.pix"), ("27", [("00", "com.example.pay"), ("01", "x")])], BR_TAIL),
     "mpm", [cand("pix", "guid", 26)], hostile="H8")
scan("scan-h9-primitive-and-template", mpm([("04", "5412345678901234"),
     ("26", [("00", "A0000000041010"), ("01", "123456")])], CN_TAIL), "mpm",
     [cand("mastercard", "primitive_id", 4), cand("mastercard", "aid", 26)],
     desc="never merged: two candidates in payload order", hostile="H9")
scan("scan-h10-unknown-guid", mpm([("26", [("00", "com.unknown.pay"), ("01", "x")])], CN_TAIL), "mpm", [],
     hostile="H10")
scan("scan-h12-promptpay-ota", mpm([pp("A000000677010114")], TH_TAIL), "mpm", [],
     desc="the OTA AID is not registered: never downgraded to 0111", hostile="H12")
scan("scan-h-nested-unreserved", mpm([pix("br.gov.bcb.pix"),
     ("80", [("00", "COM.ALIPAY"), ("01", "https://qr.alipay.com/fkx1")])], BR_TAIL), "mpm",
     [cand("pix", "guid", 26)], desc="unreserved templates are never candidates", hostile="H13")

# ------------------------------------------------------------------------------------------
# route vectors: {id, source, payload, wallet, table?, expect, route?, skipped?}

ROUTE = []


def route(vid, payload, wallet, expect, rt=None, skipped=None, source=C, desc=None, hostile=None,
          table=None, options=None, kind=None):
    v = {"id": vid, "source": source}
    if desc:
        v["description"] = desc
    v["payload"] = payload
    v["wallet"] = wallet
    if table:
        v["table"] = table
    if kind:
        v["kind"] = kind
    v["expect"] = expect
    v["route"] = None if rt is None else {"provider": rt[0], "via": rt[1]}
    if skipped is not None:
        v["skipped"] = [{"provider": p, "reason": r} for p, r in skipped]
    if hostile:
        v["hostile"] = hostile
    if options:
        v["options"] = options
    ROUTE.append(v)


U = "constructed; spec/unified.md"
route("route-unified-tenpay", UNIFIED, "tenpay", "routed", ("tenpay", "direct"),
      [("unionpay", "outranked"), ("alipay", "not_accepted")], U)
route("route-unified-alipay", UNIFIED, "alipay", "routed", ("alipay", "direct"),
      [("unionpay", "outranked"), ("tenpay", "not_accepted")], U)
route("route-unified-unionpay", UNIFIED, "unionpay", "routed", ("unionpay", "direct"),
      [("tenpay", "outranked"), ("alipay", "outranked")], U)
route("route-unified-pix-wallet", UNIFIED, "pix", "no_route", None,
      [("unionpay", "not_accepted"), ("tenpay", "not_accepted"), ("alipay", "not_accepted")], U)
route("route-unionpay-only-tenpay", UNIONPAY_ONLY, "tenpay", "routed", ("unionpay", "unionpay"), [])
route("route-unionpay-only-alipay", UNIONPAY_ONLY, "alipay", "routed", ("unionpay", "unionpay"), [])
route("route-unionpay-only-unionpay", UNIONPAY_ONLY, "unionpay", "routed", ("unionpay", "direct"), [])
p, s, _ = real("mpm-real-laoqr-primitive-15")
route("route-real-laoqr-tenpay", p, "tenpay", "routed", ("unionpay", "unionpay"), [], s)
route("route-tenpay-alipay-codes-unionpay", TENPAY_ALIPAY, "unionpay", "routed", ("tenpay", "unionpay"),
      [("alipay", "outranked")], desc="equal cost: payload order decides")
route("route-alipay-tenpay-codes-unionpay", ALIPAY_TENPAY, "unionpay", "routed", ("alipay", "unionpay"),
      [("tenpay", "outranked")], desc="equal cost: payload order decides")
route("route-tenpay-alipay-codes-tenpay", TENPAY_ALIPAY, "tenpay", "routed", ("tenpay", "direct"),
      [("alipay", "not_accepted")])
route("route-tenpay-alipay-codes-alipay", TENPAY_ALIPAY, "alipay", "routed", ("alipay", "direct"),
      [("tenpay", "not_accepted")])
route("route-tenpay-only-alipay", mpm([TENPAY], CN_TAIL), "alipay", "no_route", None,
      [("tenpay", "not_accepted")], desc="Alipay does not pay WeChat Pay codes")
route("route-alipay-only-tenpay", mpm([ALIPAY], CN_TAIL), "tenpay", "no_route", None,
      [("alipay", "not_accepted")], desc="WeChat Pay does not pay Alipay codes")
W = "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"
A = "https://qr.alipay.com/fkx17923ubpxijxrwtpj9c3"
route("route-wxp-tenpay", W, "tenpay", "routed", ("tenpay", "direct"), [])
route("route-wxp-unionpay", W, "unionpay", "routed", ("tenpay", "unionpay"), [])
route("route-wxp-alipay", W, "alipay", "no_route", None, [("tenpay", "not_accepted")])
route("route-alipay-url-alipay", A, "alipay", "routed", ("alipay", "direct"), [])
route("route-alipay-url-unionpay", A, "unionpay", "routed", ("alipay", "unionpay"), [])
route("route-alipay-url-tenpay", A, "tenpay", "no_route", None, [("alipay", "not_accepted")])
route("route-95516-tenpay", "https://qr.95516.com/00010000/01116734060400", "tenpay", "routed",
      ("unionpay", "unionpay"), [])
route("route-alipayplus-alipay", "HTTPS://WALLET.EXAMPLE/MPM/3/R1BMRDAxNlBMVlMwMDMxLjA", "alipay", "routed",
      ("alipayplus", "alipayplus"), [])
for rid, wallet, prov in [("mpm-real-pix-bcb-manual", "pix", "pix"), ("mpm-real-pix-utils-static", "pix", "pix"),
                          ("mpm-real-promptpay-phone", "promptpay", "promptpay"),
                          ("mpm-real-promptparse-anyid-amount", "promptpay", "promptpay"),
                          ("mpm-real-promptparse-bill-payment", "promptpay", "thai-billpay")]:
    p, s, _ = real(rid)
    route(f"route-real-{rid[9:]}-{wallet}", p, wallet, "routed", (prov, "direct"), [], s)
p, s, _ = real("mpm-real-pix-bcb-manual")
route("route-real-pix-bcb-manual-tenpay", p, "tenpay", "no_route", None, [("pix", "not_accepted")], s)
route("route-real-pix-bcb-manual-table", p, "pix", "routed", ("pix", "direct"), [], s, table="pix.json",
      desc="the table loaded from its JSON at run time")
p, s, _ = real("mpm-real-promptpay-phone")
route("route-real-promptpay-phone-table-tenpay", p, "tenpay", "no_route", None, [("promptpay", "not_accepted")], s,
      table="tenpay.json")
route("route-promptpay-and-billpay", mpm([pp("A000000677010111"),
      ("30", [("00", "A000000677010112"), ("01", "0994000165501"), ("02", "REF1")])], TH_TAIL),
      "promptpay", "routed", ("promptpay", "direct"), [("thai-billpay", "outranked")],
      desc="cost 0 beats cost 1")
route("route-billpay-then-promptpay", mpm([("29", [("00", "A000000677010112"), ("01", "0994000165501"), ("02", "INV001")]),
      ("30", [("00", "A000000677010111"), ("01", "0066812345678")])], TH_TAIL),
      "promptpay", "routed", ("promptpay", "direct"), [("thai-billpay", "outranked")],
      desc="routing is by GUID, not template number; cost before payload order")
route("route-paycode-tenpay", "134567890123456789", "tenpay", "no_route", None,
      [("tenpay", "consumer_presented")], desc="a payment code is shown to a merchant, not paid by a wallet", kind="paycode")
route("route-cpm-unionpay", "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", "unionpay", "no_route", None, [], kind="cpm")
route("route-unknown", "hello", "tenpay", "no_route", None, [], kind="unknown")
# HOSTILE.md H
route("route-h1-guid-trailing-space", mpm([pix("br.gov.bcb.pix ")], BR_TAIL), "pix", "invalid_payload",
      None, [], hostile="H1", kind="mpm")
route("route-h2-guid-cyrillic", mpm([pix("br.gоv.bcb.pix")], BR_TAIL), "pix", "invalid_payload", None, [],
      hostile="H2", kind="mpm")
route("route-h3-guid-upper", mpm([pix("BR.GOV.BCB.PIX")], BR_TAIL), "pix", "routed", ("pix", "direct"), [],
      hostile="H3")
route("route-h4-guid-dotless-i", mpm([pix("br.gov.bcb.pıx")], BR_TAIL), "pix", "invalid_payload", None,
      [], hostile="H4", kind="mpm")
route("route-khqr-invalid", "00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh "
      "Smith6010Phnom Penh62150211855123456789917001316257134678276304A96B", "unionpay", "invalid_payload",
      None, [("khqr", "not_accepted")], GH + "ishinvin/ts-khqr src/__tests__/verify-khqr.test.ts "
      "('Valid KHQR 1')", "a KHQR code that breaks KHQR's rule: refused as invalid", kind="mpm")
route("route-h5-guid-extension", mpm([pix("br.gov.bcb.pix.evil")], BR_TAIL), "pix", "no_route", None, [],
      hostile="H5", kind="mpm")
route("route-h5-aid-extension", mpm([pp("A000000677010111FF")], TH_TAIL), "promptpay", "no_route", None, [],
      hostile="H5", kind="mpm")
route("route-h6-aid-truncated", mpm([pp("A0000006770101")], TH_TAIL), "promptpay", "no_route", None, [],
      hostile="H6", kind="mpm")
route("route-h7-two-pix-accounts", mpm([pix("br.gov.bcb.pix", "alice@example.com"),
      pix("br.gov.bcb.pix", "mallory@example.com", "27")], BR_TAIL), "pix", "ambiguous_route", None,
      [("pix", "ambiguous_account"), ("pix", "ambiguous_account")], hostile="H7")
route("route-h7-two-pix-accounts-other-wallet", mpm([UP, pix("br.gov.bcb.pix", "alice@example.com"),
      pix("br.gov.bcb.pix", "mallory@example.com", "27")], BR_TAIL), "tenpay", "ambiguous_route", None,
      [("unionpay", "refused"), ("pix", "ambiguous_account"), ("pix", "ambiguous_account")],
      desc="refused whatever the wallet: the code itself is ambiguous", hostile="H7")
route("route-h7-same-account-twice", mpm([pix("br.gov.bcb.pix", "alice@example.com"),
      pix("BR.GOV.BCB.PIX", "alice@example.com", "27")], BR_TAIL), "pix", "routed", ("pix", "direct"),
      [("pix", "outranked")], desc="the same account twice is not ambiguous", hostile="H7")
route("route-h7-two-tenpay-accounts", mpm([TENPAY, ("28", [("00", "com.tenpay"), ("01", "1900099999")])],
      CN_TAIL), "tenpay", "ambiguous_route", None,
      [("tenpay", "ambiguous_account"), ("tenpay", "ambiguous_account")], hostile="H7")
route("route-h8-pix-and-unknown", mpm([pix("br.gov.bcb.pix"), ("27", [("00", "com.example.pay"), ("01", "x")])],
      BR_TAIL), "pix", "routed", ("pix", "direct"), [], hostile="H8")
route("route-h10-unknown-guid", mpm([("26", [("00", "com.unknown.pay"), ("01", "x")])], CN_TAIL), "tenpay",
      "no_route", None, [], hostile="H10", kind="mpm")
route("route-h12-promptpay-ota", mpm([pp("A000000677010114")], TH_TAIL), "promptpay", "no_route", None, [],
      hostile="H12", kind="mpm")
route("route-h-nested-unreserved-alipay", mpm([pix("br.gov.bcb.pix"),
      ("80", [("00", "COM.ALIPAY"), ("01", "https://qr.alipay.com/fkx1")])], BR_TAIL), "alipay", "no_route", None,
      [("pix", "not_accepted")], desc="an Alipay account in unreserved 80 does not make the code payable",
      hostile="H13", kind="mpm")
route("route-h-nested-payload-in-80", mpm([UP, ("80", [("00", "com.example.vas"), ("01", UNIFIED[:70])])],
      CN_TAIL), "tenpay", "routed", ("unionpay", "unionpay"), [],
      desc="a payload nested in an unreserved template does not change the route", hostile="H13")
# A template holding another provider's code: account_mismatch, refused.
WXP = "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"
ALIPAY_WITH_WXP = mpm([("27", [("00", "COM.ALIPAY"), ("01", WXP)])], CN_TAIL)
TENPAY_WITH_ALIPAY = mpm([("26", [("00", "com.tenpay"), ("01", "https://qr.alipay.com/fkx12345")])],
                         CN_TAIL)
scan("scan-alipay-template-wechat-url", ALIPAY_WITH_WXP, "mpm", [cand("alipay", "guid", 27)],
     desc="an Alipay template holding a WeChat Pay code: account_mismatch, invalid", valid=False)
scan("scan-tenpay-template-alipay-url", TENPAY_WITH_ALIPAY, "mpm", [cand("tenpay", "guid", 26)],
     desc="a Tenpay template holding an Alipay code: account_mismatch, invalid", valid=False)
scan("scan-alipay-template-alipayplus-url",
     mpm([("27", [("00", "com.alipay"), ("01", "https://qr.alipay.hk/2810040101aicst8xqmv6ddlc4")])],
         CN_TAIL), "mpm", [cand("alipay", "guid", 27)],
     desc="an Alipay template holding an AlipayHK code: one family, valid", valid=True)
# An acquirer's code in a wallet's template: SwiftPass serves WeChat Pay and Alipay.
SWIFTPASS_URL = "https://app.wepayez.com/spay/scanQr?qrcodeId=ca88737518a9466bbfb923644f4338d9---B"
scan("scan-alipay-template-swiftpass-url",
     mpm([("26", [("00", "SWP.COM"), ("01", "JS")]), ("27", [("00", "com.alipay"), ("01", SWIFTPASS_URL)])],
         CN_TAIL), "mpm", [cand("swiftpass", "guid", 26), cand("alipay", "guid", 27)],
     desc="SwiftPass's template, and an Alipay template holding a SwiftPass code (as in a real QRIS "
     "code, spec/real/qris.json): an acquirer serving Alipay, valid", valid=True)
scan("scan-alipay-template-unknown-host",
     mpm([("27", [("00", "com.alipay"), ("01", "https://pay.example.com/281234")])], CN_TAIL), "mpm",
     [cand("alipay", "guid", 27)],
     desc="an Alipay template holding a URL of no known form: valid, with the warning "
     "account_unverified (an Alipay+ acquirer the registry does not know)", valid=True)
scan("scan-unionpay-primitive-url", mpm([("15", "https://qr.alipay.com/fkx12345")], CN_TAIL), "mpm",
     [cand("unionpay", "primitive_id", 15)],
     desc="a UnionPay account (15) holding an Alipay code: account_mismatch, invalid", valid=False)
route("route-alipay-template-wechat-url", ALIPAY_WITH_WXP, "alipay", "invalid_payload", None,
      [("alipay", "refused")], desc="never routed direct: the template holds another wallet's code",
      kind="mpm")
route("route-tenpay-template-alipay-url", TENPAY_WITH_ALIPAY, "tenpay", "invalid_payload", None,
      [("tenpay", "refused")], desc="never routed direct: the template holds another wallet's code",
      kind="mpm")

# The unified code, for the other wallets of spec/china.md (spec/unified.md).
route("route-unified-upi-international", UNIFIED, "upi-international", "routed", ("unionpay", "direct"),
      [("tenpay", "outranked"), ("alipay", "not_accepted")], U)
route("route-unified-alipayplus-partner", UNIFIED, "alipayplus-partner", "routed",
      ("alipay", "alipayplus"), [("unionpay", "not_accepted"), ("tenpay", "not_accepted")], U)
route("route-unified-ecny", UNIFIED, "ecny", "routed", ("unionpay", "unionpay"),
      [("tenpay", "not_accepted"), ("alipay", "not_accepted")], U)
route("route-unified-wechat-alias", UNIFIED, "wechat", "routed", ("tenpay", "direct"),
      [("unionpay", "outranked"), ("alipay", "not_accepted")], U)

# The wallets a Chinese user holds (spec/china.md), on real codes of spec/scan/sources/china.jsonl.
UP_URL = "https://qr.95516.com/00010000/62026334965734775092636235222043"
ECNY_URL = "https://qr.pbcdci.cn/004043112022083115224300703035700000004"
ALIPAY_URL = "https://qr.alipay.com/bax03190uxd47wbekffy6033"
ALIPAYHK_URL = "https://qr.alipay.hk/2810040101aicst8xqmv6ddlc4"
CH = "spec/china.md; codes of spec/scan/sources/china.jsonl"
route("route-wechat-alias-unionpay-code", UP_URL, "wechat", "routed", ("unionpay", "unionpay"), [],
      CH, "the wallet named wechat is Tenpay's table: a UnionPay code through the interconnection",
      kind="url")
route("route-ecny-merchant-code", ECNY_URL, "ecny", "routed", ("ecny", "direct"), [], CH,
      "an e-CNY merchant code, paid from the e-CNY wallet", kind="url")
route("route-ecny-unionpay-code", UP_URL, "ecny", "routed", ("unionpay", "unionpay"), [], CH,
      "a UnionPay code, paid from an e-CNY wallet through UnionPay", kind="url")
route("route-tenpay-ecny-code", ECNY_URL, "tenpay", "no_route", None, [("ecny", "not_accepted")],
      CH, "WeChat Pay's table has no route to e-CNY merchant codes", kind="url")
route("route-upi-international-wechat-code", WXP, "upi-international", "routed",
      ("tenpay", "unionpay"), [], CH, "a WeChat Pay code paid by a UnionPay International wallet",
      kind="url")
route("route-alipayplus-partner-alipay-code", ALIPAY_URL, "alipayplus-partner", "routed",
      ("alipay", "alipayplus"), [], CH, "an Alipay code paid by an Alipay+ partner wallet",
      kind="url")
route("route-alipayplus-partner-alipayhk-code", ALIPAYHK_URL, "alipayplus-partner", "routed",
      ("alipayhk", "alipayplus"), [], CH, "an AlipayHK code paid by an Alipay+ partner wallet",
      kind="url")

# Two primitive accounts of one network (issue: ambiguity everywhere).
UP15 = "25000344000203441000000000000006"
UP16 = "25000344000203441000000000000007"
route("route-two-unionpay-primitives", mpm([("15", UP15), ("16", UP16)], CN_TAIL), "unionpay",
      "ambiguous_route", None, [("unionpay", "ambiguous_account"), ("unionpay", "ambiguous_account")],
      desc="UnionPay's 15 and 16 with different accounts: one could be shown and the other paid",
      hostile="H7")
route("route-two-unionpay-primitives-same", mpm([("15", UP15), ("16", UP15)], CN_TAIL), "unionpay",
      "routed", ("unionpay", "direct"), [("unionpay", "outranked")],
      desc="the same account in 15 and 16: no ambiguity", hostile="H7")
route("route-two-visa-primitives", mpm([("02", "4000123412341234"), ("03", "4000123412349999")],
      CN_TAIL), "unionpay", "ambiguous_route", None,
      [("visa", "ambiguous_account"), ("visa", "ambiguous_account")],
      desc="Visa's 02 and 03 with different accounts", hostile="H7")
route("route-h13-embedded-mpm-in-url", "https://qr.alipay.com/" + PP_REAL, "promptpay", "no_route", None,
      [], hostile="H13", kind="unknown")


# ---------------------------------------------------------------------------------------------
# Real codes of the mainland wallets (spec/scan/sources/china.jsonl, gathered with their exact
# provenance, never edited): what each names. Per kind of code, the kind and the provider a scan
# must give; per code, where the crate's reading differs from the kind's, why.

CHINA_KINDS = {
    "wechat-personal": ("url", "tenpay"),
    "wechat-native": ("url", "tenpay"),
    "alipay-url": ("url", "alipay"),
    "unionpay-url": ("url", "unionpay"),
    "ecny-url": ("url", "ecny"),
    "wechat-paycode": ("paycode", "tenpay"),
    "alipay-paycode": ("paycode", "alipay"),
    "swiftpass-url": ("url", "swiftpass"),
    "alipayplus-url": ("url", "alipayplus"),
}
# Kinds the crate names no provider for: a wallet refuses them (a scan says unknown).
CHINA_UNKNOWN = {
    "lookalike": "a string the source itself treats as no payment code of that wallet",
    "unionpay-gateway": "a UnionPay gateway endpoint, not a payment code (spec/china.md)",
    "unionpay-paycode": "the source's placeholder, of no wallet's form",
    "qq-wallet": "QQ Wallet and the operators' wallets have no provider in the registry yet",
    "jd-pay": "JD Pay has no provider in the registry yet",
    "other-wallet": "the telecom operators' wallets have no provider in the registry yet",
}
# Codes whose reading is not their kind's, and why.
CHINA_OVERRIDES = {
    "https://qr.95516.com/0000/82853": (
        "unknown", None, "a test fixture's path: UnionPay's first segment is an 8-digit "
        "institution code"),
    "weixin://wxpay/bizpayurl?pr=test": (
        "unknown", None, "a mocked placeholder: the pr of every real Native code is 7 letters "
        "and digits"),
    "wxp://s7vrLb5C": (
        "unknown", None, "a mocked gateway response: WeChat Pay's personal codes are "
        "wxp://f2f and a token of 20 or more characters"),
    "123456789012345678": (
        "paycode", "tenpay", "the source's UnionPay placeholder happens to be of WeChat Pay's "
        "form (18 digits starting 12): no scan can tell a placeholder"),
}


def china_vectors():
    path = SPEC / "scan" / "sources" / "china.jsonl"
    out, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        if r["scheme"] == "rule-note" or r["payload"] in seen:
            continue
        seen.add(r["payload"])
        if r["commit"]:
            source = "https://github.com/%s/blob/%s/%s#L%s" % (r["repo"], r["commit"], r["path"],
                                                              r["line"])
        else:
            source = r["document"]
        v = {"id": "scan-china-%s-%d" % (r["scheme"], n), "source": source,
             "description": r["source_says"][:300], "payload": r["payload"]}
        kind, provider, why = CHINA_KINDS.get(r["scheme"], ("unknown", None)) + (None,)
        if r["scheme"] in CHINA_UNKNOWN:
            why = CHINA_UNKNOWN[r["scheme"]]
        override = CHINA_OVERRIDES.get(r["payload"])
        if override and override[0] is not None:
            kind, provider, why = override
        v["expect"] = kind
        cand = []
        if provider is not None:
            matched_by = "url" if kind == "url" else "paycode"
            c = {"provider": provider, "matched_by": matched_by}
            if provider == "unionpay" and kind == "url":
                c["institution"] = r["payload"].split("/")[3]
            if provider == "ecny" and kind == "url":
                c["institution"] = r["payload"].split("/")[3][:3]
            cand.append(c)
            # An Alipay payment code of 17 to 19 digits starting 28 is also an Alipay+ code:
            # one code, two acceptance paths.
            p = r["payload"]
            if provider == "alipay" and kind == "paycode" and p.startswith("28") \
                    and 17 <= len(p) <= 19:
                cand.append({"provider": "alipayplus", "matched_by": "paycode"})
        v["candidates"] = cand
        if why:
            v["why"] = why
        out.append(v)
    return out


def files():
    out = {}
    pv = [{"id": i, "source": "REFERENCE.md 2.7 rules; constructed code", "description": d, "payload": p,
           "expect": e, "providers": pr} for i, p, e, pr, d in PAYCODE]
    pv[15]["source"] = "REFERENCE.md 2.7: UnionPay payment code seen beside a CPM payload in UPI gateway samples"
    out[SPEC / "paycode" / "wallet.json"] = pv
    out[SPEC / "scan" / "scan.json"] = [v for v in SCAN if "hostile" not in v]
    out[SPEC / "scan" / "hostile.json"] = [v for v in SCAN if "hostile" in v]
    out[SPEC / "scan" / "china.json"] = china_vectors()
    out[SPEC / "route" / "route.json"] = [v for v in ROUTE if "hostile" not in v]
    out[SPEC / "route" / "hostile.json"] = [v for v in ROUTE if "hostile" in v]
    ids = [v["id"] for vs in out.values() for v in vs]
    assert len(ids) == len(set(ids)), "duplicate id"
    return {k: json.dumps(v, indent=1, ensure_ascii=False) + "\n" for k, v in out.items()}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in files().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        sys.exit("gen_route.py: stale: " + ", ".join(stale))
    print(f"gen_route.py: {len(PAYCODE)} paycode, {len(SCAN)} scan, {len(ROUTE)} route vectors"
          + (" up to date" if check else " written"))


if __name__ == "__main__":
    main()
