#!/usr/bin/env python3
"""Build the scheme-profile vectors under spec/profile/ (one file per profile).

Python 3, standard library only. Run from anywhere:

    python3 spec/tools/gen_profile.py            # rewrite spec/profile/*.json
    python3 spec/tools/gen_profile.py --check    # only verify; exit 1 if a file would change

Payloads are built from object lists with the TLV helpers of gen_mpm.py (`build` appends the
CRC, `at` gives the absolute character offset of an object's ID, length or value, nested paths
such as "38.01.00" included), so that CRCs and expected offsets are computed, never typed.
Real payloads are decoded by `parse` below (a plain character-count TLV reader) for their
`fields`.

Vector shape: the keys of spec/mpm vectors plus `profile` (the provider id exercised),
`error.rule` (the rule id of a `profile_rule` error) and, for valid vectors, `profile_warnings`:
every warning that carries a rule id, in the order raised, as {rule, offset, path}.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "profile"))
sys.path.insert(0, HERE)

from gen_mpm import at, build, crc_hex, enc, rep, rm, ins  # noqa: E402

FILES = {}
_CUR = [None, None]  # file name, profile id

TEMPLATES = set(range(26, 52)) | {62, 64} | set(range(80, 100))


def profile(name):
    _CUR[0] = name + ".json"
    _CUR[1] = name
    FILES.setdefault(_CUR[0], [])


def _opts(lenient, profiles):
    o = {}
    if lenient is not None:
        o["lenient"] = list(lenient)
    if profiles is not None:
        o["profiles"] = profiles
    return o


def _base(vid, source, desc, lenient, profiles, pedantic=False):
    assert vid.startswith("profile-"), vid
    v = {"id": vid, "source": source, "profile": _CUR[1]}
    if desc:
        v["description"] = desc
    o = _opts(lenient, profiles)
    if pedantic:
        o["pedantic"] = True
    if o:
        v["options"] = o
    return v


def finding(objs, rule, path, offset=None):
    """A profile warning at the value of `path` (or at `offset`)."""
    return {"rule": rule, "offset": at(objs, path) if offset is None else offset,
            "path": path.rsplit(".", 1)[0] if path.count(".") == 2 else path}


def absent(rule, objs=None, payload=None):
    """The departure of a scheme that lets 52, 59 and 60 be absent: one warning, at the first
    one absent (offset 0)."""
    ids = [o[0] for o in objs] if objs is not None else [o[0] for o in parse(payload)]
    first = next(m for m in ("52", "59", "60") if m not in ids)
    return {"rule": rule, "offset": 0, "path": first}


# The profiles whose schemes let 52, 59 and 60 be absent: a valid code of theirs without one of
# them carries that departure, named by this rule, before any other rule's warning.
FIELDS_ABSENT = {"promptpay": "promptpay.fields_absent",
                 "thai-billpay": "thai-billpay.fields_absent", "vietqr": "vietqr.fields_absent"}


def departures(objs, warnings, findings):
    """`warnings` and `findings` with the current profile's fields-absent departure first."""
    rule = FIELDS_ABSENT.get(_CUR[1])
    ids = {o[0] for o in objs}
    if rule is None or {"52", "59", "60"} <= ids:
        return sorted(warnings), list(findings)
    return (sorted(list(warnings) + ["scheme_departure"]),
            [absent(rule, objs)] + list(findings))


def ok(vid, source, desc, objs, warnings=(), findings=(), lenient=None, profiles=None):
    v = _base(vid, source, desc, lenient, profiles)
    v["payload"] = build(objs)
    v["fields"] = fields_of(objs, v["payload"][-4:])
    v["expect"] = "valid"
    v["warnings"], v["profile_warnings"] = departures(objs, warnings, findings)
    FILES[_CUR[0]].append(v)


def ok_raw(vid, source, desc, payload, warnings=(), findings=(), lenient=None):
    v = _base(vid, source, desc, lenient, None)
    v["payload"] = payload
    v["fields"] = fields_of(parse(payload)[:-1], payload[-4:])
    v["expect"] = "valid"
    v["warnings"], v["profile_warnings"] = departures(parse(payload), warnings, findings)
    v["canonical"] = False
    FILES[_CUR[0]].append(v)


def ko(vid, source, desc, objs, rule, path, offset=None, code="profile_rule", lenient=None,
       profiles=None, pedantic=False):
    """An invalid vector; the offset defaults to the value of `path` (a nested path such as
    38.01.00 reports the enclosing sub-object 38.01 with the exact offset)."""
    v = _base(vid, source, desc, lenient, profiles, pedantic)
    v["payload"] = build(objs)
    v["expect"] = "invalid"
    err = {"code": code,
           "offset": at(objs, path) if offset is None else offset,
           "path": path.rsplit(".", 1)[0] if path.count(".") == 2 else path}
    if rule is not None:
        err["rule"] = rule
    v["error"] = err
    FILES[_CUR[0]].append(v)


def ko_raw(vid, source, desc, payload, code, offset, path):
    """An invalid vector of a payload written by hand (a length another reader counts
    differently): the EMVCo error the decoder reports."""
    v = _base(vid, source, desc, None, None)
    v["payload"] = payload
    v["expect"] = "invalid"
    v["error"] = {"code": code, "offset": offset, "path": path}
    FILES[_CUR[0]].append(v)


def fields_of(objs, crc_value):
    """The `fields` map: templates one level deep, a nested template as its encoded text."""
    out = {}
    for oid, val in objs:
        if isinstance(val, list):
            out[oid] = {s: enc(v) if isinstance(v, list) else v for s, v in val}
        else:
            out[oid] = val
    out["63"] = crc_value
    return out


def country(b, source, rules, warnings=(), lenient=None, before=lambda p: []):
    """A valid vector of the current profile with country US: a warning per profile rule, after
    the findings `before(p)` gives (the scheme's departures)."""
    p = rep(b, "58", "US")
    ok("profile-%s-country" % _CUR[1], source, "country US (warning)", p,
       sorted(list(warnings) + ["country_currency_mismatch"] + ["profile_rule"] * len(rules)),
       before(p) + [finding(p, r, "58") for r in rules], lenient=lenient)


def parse(text, templates=True):
    """(id, value) pairs of a well-formed payload, templates as lists (one level)."""
    out, i = [], 0
    while i < len(text):
        oid, ln = text[i:i + 2], int(text[i + 2:i + 4])
        val = text[i + 4:i + 4 + ln]
        assert len(val) == ln, (text, i)
        out.append((oid, parse(val, False) if templates and int(oid) in TEMPLATES else val))
        i += 4 + ln
    return out


def tval(objs, tid):
    """Offset of a template's value (where a missing sub-object is reported)."""
    return at(objs, tid)


# ---------------------------------------------------------------------------------------------

def pix():
    profile("pix")
    R = "constructed; REFERENCE.md §3.2 (Pix)"
    H = "constructed; HOSTILE.md "
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "br.gov.bcb.pix"), ("01", "fulano@example.com")]),
         ("52", "0000"), ("53", "986"), ("58", "BR"), ("59", "FULANO DE TAL"),
         ("60", "BRASILIA"), ("62", [("05", "***")])]
    ok("profile-pix-static-email", R, "static Pix code with an e-mail key", b)
    for name, key in [("cpf", "12345678909"), ("cnpj", "11222333000181"),
                      ("phone", "+5561912345678"), ("evp", "123e4567-e12b-12d1-a456-426655440000"),
                      ("cnpj-alnum", "12ABC34501DE35")]:
        ok("profile-pix-key-" + name, R, "Pix key of kind " + name, rep(b, "26.01", key))
    ok("profile-pix-txid", R, "static txid of letters and digits", rep(b, "62.05", "PEDIDO123"))
    ok("profile-pix-fss", R, "facilitator ISPB in 26.03",
       ins(b, ("03", "12345678"), into="26"))
    up = rep(b, "26.00", "BR.GOV.BCB.PIX")
    ok("profile-pix-guid-upper", R + "; HOSTILE.md H3", "GUID in upper case", up,
       ["guid_case_folded"])
    dyn = [("00", "01"), ("01", "12"),
           ("26", [("00", "br.gov.bcb.pix"), ("25", "pix.example.com/qr/v2/9d36b84f")]),
           ("52", "0000"), ("53", "986"), ("54", "10.00"), ("58", "BR"),
           ("59", "FULANO DE TAL"), ("60", "BRASILIA"), ("62", [("05", "***")])]
    ok("profile-pix-dynamic", R, "dynamic Pix code: location URL and txid ***", dyn)
    p = rep(dyn, "62.05", "ABC123")
    ok("profile-pix-dynamic-txid", R, "dynamic code with a txid other than *** (warning)", p,
       ["profile_rule"], [finding(p, "pix.txid_dynamic", "62.05")])
    p = rep(dyn, "26.25", "xn--pix-banco-9za.example/qr")
    ok("profile-pix-url-punycode", H + "I3", "IDN host in the location URL (warning)", p,
       ["profile_rule"], [finding(p, "pix.url_punycode", "26.25")])
    p = rep(b, "58", "PT")
    ok("profile-pix-country", R, "Pix code with country PT (warning)", p,
       ["country_currency_mismatch", "profile_rule"], [finding(p, "pix.country", "58")])
    p = rep(b, "52", "5812")
    ok("profile-pix-mcc", R, "Pix code with MCC 5812 (warning)", p, ["profile_rule"],
       [finding(p, "pix.mcc", "52")])
    ok_raw("profile-pix-real-bcb-manual",
           "Banco Central do Brasil, Manual de Padrões para Iniciação do Pix: static BR Code "
           "example (also mpm-real-pix-bcb-manual)", "the manual's static example passes",
           "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D")
    ok_raw("profile-pix-real-pix-utils-dynamic",
           "https://github.com/thalesog/pix-utils tests/emvCodes.ts (DYNAMIC_TEST_EMV)",
           "a published dynamic code passes",
           "00020126740014br.gov.bcb.pix2552payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e875204000053039865802BR5914Thales Ogliari6015SAO MIGUEL DO O62070503***63040C64")

    # Pix Automático (bacen/pix-api openapi.yaml, JORNADA_2 and JORNADA_3): the recurrence URL
    # in an unreserved Pix template (80), 26 holding only the GUID or a charge.
    A = R + "; Pix Automático layout of bacen/pix-api openapi.yaml (spec/real/pix.json)"
    rec = ("80", [("00", "br.gov.bcb.pix"), ("25", "pix.example.com/qr/v2/rec/2353c790eefb")])
    j2 = [("00", "01"), ("26", [("00", "br.gov.bcb.pix")]), ("52", "0000"), ("53", "986"),
          ("58", "BR"), ("59", "FULANO DE TAL"), ("60", "BRASILIA"), ("62", [("05", "***")]),
          rec]
    ok("profile-pix-automatico-recurrence-only", A, "26 with its GUID alone, the recurrence "
       "URL in 80.25: the key-or-URL rule holds", j2)
    j3 = rep(rep(j2, "26", [("00", "br.gov.bcb.pix"), ("25", "pix.example.com/qr/v2/8b3d")]),
             "00", "01")
    j3 = ins(j3, ("01", "12"), after="00")
    ok("profile-pix-automatico-charge-and-recurrence", A, "an immediate charge in 26.25 and "
       "the recurrence URL in 80.25 (the amount is at the URL: dynamic_without_amount)", j3,
       ["dynamic_without_amount"])
    p = rep(j2, "80.25", "https://pix.example.com/qr/v2/rec/2353c790eefb")
    ko("profile-pix-automatico-url-scheme", A, "the recurrence URL follows the URL rules: no "
       "scheme", p, "pix.url", "80.25")
    p = rep(j2, "80.00", "br.com.example")
    ko("profile-pix-automatico-not-pix-80", A, "an 80 template of another GUID is no Pix "
       "recurrence: 26 has neither key nor URL", p, "pix.key_or_url", "26.01", tval(p, "26"))
    p = rep(ins(j2, ("01", "12"), after="00"), "26", [("00", "br.gov.bcb.pix"), ("01", "fulano@example.com")])
    p = rep(rep(p, "01", "11"), "62.05", "PEDIDO123")
    ok("profile-pix-automatico-key-and-recurrence", A, "a key in 26 beside the recurrence URL "
       "in 80.25: a static code, whose txid may be letters and digits", p)
    p = rep(rep(b, "59", "JOSÉ DA SILVA"), "62.05", "PEDIDO-123/A")
    ko("profile-pix-txid-after-accent", R, "a broken rule after a character outside ASCII: the "
       "offset counts characters", p, "pix.txid", "62.05")
    ko("profile-pix-key-malformed", R, "key that is no Pix key kind", rep(b, "26.01", "abcd"),
       "pix.key", "26.01")
    ko("profile-pix-key-phone-short", R, "+55 phone with too few digits",
       rep(b, "26.01", "+55619123"), "pix.key", "26.01")
    ko("profile-pix-key-phone-foreign", R, "phone key outside Brazil",
       rep(b, "26.01", "+14155550123"), "pix.key", "26.01")
    ko("profile-pix-key-uuid-no-hyphens", R, "random key without its hyphens",
       rep(b, "26.01", "123e4567e12b12d1a456426655440000"), "pix.key", "26.01")
    ko("profile-pix-key-email-no-host", R, "e-mail key without a domain",
       rep(b, "26.01", "fulano@"), "pix.key", "26.01")
    ko("profile-pix-key-hazard", R + "; HOSTILE.md G", "e-mail key with a zero-width space",
       rep(b, "26.01", "fulano@exam\u200bple.com"), "pix.key", "26.01")
    ko("profile-pix-key-tlv-bait", H + "D4", "a key that decodes as TLV is still no Pix key",
       rep(b, "26.01", "2612000401AB0104ABCD"), "pix.key", "26.01")
    ko("profile-pix-key-cpf-check", R, "CPF key with wrong check digits",
       rep(b, "26.01", "12345678900"), "pix.key_check_digits", "26.01")
    ko("profile-pix-key-cnpj-check", R, "CNPJ key with wrong check digits",
       rep(b, "26.01", "11222333000182"), "pix.key_check_digits", "26.01")
    p = rep(b, "26", [("00", "br.gov.bcb.pix"), ("02", "PEDIDO 1")])
    ko("profile-pix-no-key", R, "template with neither key nor URL", p, "pix.key_or_url",
       "26.01", tval(p, "26"))
    p = ins(b, ("25", "pix.example.com/qr/v2/abc"), into="26")
    ko("profile-pix-key-and-url", H + "I4", "both a key and a URL", p, "pix.key_and_url", "26.25")
    for name, url, cls in [("userinfo", "bank.com.br@evil.example/qr/v2/abc", "I1"),
                           ("scheme", "https://pix.example.com/qr/v2/abc", "I2"),
                           ("javascript", "javascript:alert(1)", "I2"),
                           ("ip", "192.168.0.1/qr/v2/abc", "I3"),
                           ("localhost", "localhost/qr", "I3"),
                           ("port", "pix.example.com:8443/qr", "I1"),
                           ("query", "pix.example.com/qr?id=1", "I1"),
                           ("escape", "pix.example.com/q%2Fr", "I1")]:
        ko("profile-pix-url-" + name, H + cls, "location URL " + name, rep(dyn, "26.25", url),
           "pix.url", "26.25")
    ko("profile-pix-fss-short", R, "facilitator ISPB of 4 digits",
       ins(b, ("03", "1234"), into="26"), "pix.fss", "26.03")
    p = rm(b, "62")
    ko("profile-pix-no-62", R, "no additional data template, so no txid", p,
       "pix.txid_missing", "62.05", 0)
    p = rep(b, "62", [("01", "FATURA1")])
    ko("profile-pix-no-txid", R, "62 without 05", p, "pix.txid_missing", "62.05", tval(p, "62"))
    ko("profile-pix-txid-symbols", H + "I5", "static txid with '-' and '/'",
       rep(b, "62.05", "PEDIDO-123/A"), "pix.txid", "62.05")
    ko("profile-pix-currency", R, "Pix in USD", rep(b, "53", "840"), "pix.currency", "53")
    p = rep(b, "26.01", "abcd")
    ok("profile-pix-key-malformed-lenient", R + "; leniency profile_rules",
       "leniency profile_rules turns the error into a warning", p, ["profile_rule"],
       [finding(p, "pix.key", "26.01")], lenient=["profile_rules"])
    ok("profile-pix-key-malformed-off", R + "; DecodeOptions::profiles(false)",
       "with profiles off only the EMVCo rules apply", p, profiles=False)


def promptpay():
    profile("promptpay")
    R = "constructed; REFERENCE.md §3.2 (PromptPay)"
    b = [("00", "01"), ("01", "11"),
         ("29", [("00", "A000000677010111"), ("01", "0066812345678")]),
         ("53", "764"), ("58", "TH")]
    ok("profile-promptpay-mobile", R, "mobile proxy, no 52/59/60", b)
    ok("profile-promptpay-tax-id", R, "national ID proxy",
       rep(b, "29", [("00", "A000000677010111"), ("02", "1234567890123")]))
    ok("profile-promptpay-ewallet", R, "e-wallet proxy",
       rep(b, "29", [("00", "A000000677010111"), ("03", "140000801111111")]))
    ok("profile-promptpay-bank-account", R, "bank account proxy",
       rep(b, "29", [("00", "A000000677010111"), ("04", "0141234567890")]))
    ok("profile-promptpay-ota", R, "OTA proxy under A000000677010114",
       rep(b, "29", [("00", "A000000677010114"), ("05", "AB12345678")]))
    ok("profile-promptpay-amount", R, "dynamic with amount",
       ins(rep(b, "01", "12"), ("54", "100.00"), after="53"))
    ok_raw("profile-promptpay-real-phone",
           "https://github.com/dtinth/promptpay-qr index.test.js ('Local phone number')",
           "a published code passes",
           "00020101021129370016A000000677010111011300668012345675802TH530376463046197")
    ok_raw("profile-promptpay-real-truemoney",
           "https://github.com/maythiwat/promptparse src/index.test.ts ('Generate TrueMoney QR')",
           "a published e-wallet code passes",
           "00020101021129390016A000000677010111031514000080111111153037645802TH63047C0F")
    p = rep(b, "58", "LA")
    ok("profile-promptpay-country", R, "country LA (warning)", p,
       ["country_currency_mismatch", "profile_rule"], [finding(p, "promptpay.country", "58")])
    H = "constructed; HOSTILE.md H11"
    ko("profile-promptpay-mobile-short", H, "0066 plus 8 digits",
       rep(b, "29.01", "006681234567"), "promptpay.mobile", "29.01")
    ko("profile-promptpay-mobile-prefix", R, "mobile without the 0066 prefix",
       rep(b, "29.01", "0081812345678"), "promptpay.mobile", "29.01")
    ko("profile-promptpay-tax-id-12", H, "national ID of 12 digits",
       rep(b, "29", [("00", "A000000677010111"), ("02", "123456789012")]),
       "promptpay.tax_id", "29.02")
    ko("profile-promptpay-ewallet-14", H, "e-wallet ID of 14 digits",
       rep(b, "29", [("00", "A000000677010111"), ("03", "14000080111111")]),
       "promptpay.ewallet", "29.03")
    ko("profile-promptpay-bank-account-dash", R, "bank account with a hyphen",
       rep(b, "29", [("00", "A000000677010111"), ("04", "014-1234567890")]),
       "promptpay.bank_account", "29.04")
    ko("profile-promptpay-ota-9", R, "OTA of 9 characters",
       rep(b, "29", [("00", "A000000677010114"), ("05", "AB1234567")]),
       "promptpay.ota", "29.05")
    p = rep(b, "29", [("00", "A000000677010111")])
    ko("profile-promptpay-no-proxy", R, "template without a proxy", p,
       "promptpay.proxy_missing", "29.01", tval(p, "29"))
    ko("profile-promptpay-two-proxies", R, "mobile and national ID together",
       ins(b, ("02", "1234567890123"), into="29"), "promptpay.proxy_ambiguous", "29.02")
    ko("profile-promptpay-currency", R, "PromptPay in USD", rep(b, "53", "840"),
       "promptpay.currency", "53")


def thai_billpay():
    profile("thai-billpay")
    R = "constructed; REFERENCE.md §3.2 (Thai QR bill payment)"
    b = [("00", "01"), ("01", "11"),
         ("30", [("00", "A000000677010112"), ("01", "099999999999990"), ("02", "CUSTOMER001"),
                 ("03", "INV001")]),
         ("53", "764"), ("58", "TH")]
    ok("profile-thai-billpay-valid", R, "biller ID of 15 digits with two references", b)
    ok("profile-thai-billpay-biller-13", R + "; real promptparse test payload uses 13 digits",
       "biller ID of 13 digits", rep(b, "30.01", "0112233445566"))
    ok("profile-thai-billpay-cross-border", R, "cross-border AID in USD",
       rep(rep(b, "30.00", "A000000677012006"), "53", "840"), ["country_currency_mismatch"])
    ok_raw("profile-thai-billpay-real",
           "https://github.com/maythiwat/promptparse src/index.test.ts ('Generate Bill Payment with Ref.3')",
           "a published bill payment passes",
           "00020101021130620016A000000677010112011301122334455660211CUSTOMER0010306INV00153037645802TH62070703SCB6304780E")
    p = rep(b, "30.02", "customer001")
    ok("profile-thai-billpay-reference-lower", R, "lower-case reference (warning)", p,
       ["profile_rule"], [finding(p, "thai-billpay.reference_charset", "30.02")])
    country(b, R, ['thai-billpay.country'])
    ko("profile-thai-billpay-biller-14", R, "biller ID of 14 digits",
       rep(b, "30.01", "09999999999999"), "thai-billpay.biller_id", "30.01")
    p = rm(b, "30.01")
    ko("profile-thai-billpay-no-biller", R, "no biller ID", p, "thai-billpay.biller_id",
       "30.01", tval(p, "30"))
    p = rm(b, "30.02")
    ko("profile-thai-billpay-no-reference1", R, "no reference 1", p,
       "thai-billpay.reference1", "30.02", tval(p, "30"))
    ko("profile-thai-billpay-reference1-long", R, "reference 1 of 21 characters",
       rep(b, "30.02", "A" * 21), "thai-billpay.reference1", "30.02")
    ko("profile-thai-billpay-reference2-long", R, "reference 2 of 21 characters",
       rep(b, "30.03", "B" * 21), "thai-billpay.reference2", "30.03")
    ko("profile-thai-billpay-currency", R, "domestic bill payment in USD", rep(b, "53", "840"),
       "thai-billpay.currency", "53")


def paynow():
    profile("paynow")
    R = "constructed; REFERENCE.md §3.2 (PayNow)"
    b = [("00", "01"), ("01", "12"),
         ("26", [("00", "SG.PAYNOW"), ("01", "2"), ("02", "201403121W"), ("03", "0"),
                 ("04", "20261231")]),
         ("52", "0000"), ("53", "702"), ("54", "10.00"), ("58", "SG"), ("59", "ACME PTE LTD"),
         ("60", "Singapore")]
    ok("profile-paynow-uen", R, "UEN proxy with expiry date", b)
    ok("profile-paynow-mobile", R, "mobile proxy",
       rep(rep(b, "26.01", "0"), "26.02", "+6591234567"))
    p = rep(b, "26.04", "20261231235959")
    ok("profile-paynow-expiry-14", R + "; REFERENCE.md §4.18", "expiry with a time (warning)",
       p, ["profile_rule"], [finding(p, "paynow.expiry_datetime", "26.04")])
    ok_raw("profile-paynow-real-uen",
           "Public TypeScript test of an EMVCo payout module, which cites it as SGQR's published "
           "PayNow example (also mpm-real-paynow-uen)", "a published code passes",
           "00020101021226470009SG.PAYNOW010120208123456780301004082026030452040000530370254040.995802SG5911testcompany6009Singapore62270123testordernumber1234567863040047")
    p = rep(b, "58", "MY")
    ok("profile-paynow-country", R, "country MY (warning)", p,
       ["country_currency_mismatch", "profile_rule"], [finding(p, "paynow.country", "58")])
    ko("profile-paynow-proxy-type", R, "proxy type 1", rep(b, "26.01", "1"),
       "paynow.proxy_type", "26.01")
    p = rm(b, "26.01")
    ko("profile-paynow-no-proxy-type", R, "no proxy type", p, "paynow.proxy_type", "26.01",
       tval(p, "26"))
    ko("profile-paynow-mobile-no-prefix", R, "mobile without +65",
       rep(rep(b, "26.01", "0"), "26.02", "91234567"), "paynow.proxy_value", "26.02")
    ko("profile-paynow-uen-symbol", R, "UEN with a hyphen", rep(b, "26.02", "2014-0312W"),
       "paynow.proxy_value", "26.02")
    p = rm(b, "26.02")
    ko("profile-paynow-no-proxy-value", R, "no proxy value", p, "paynow.proxy_value", "26.02",
       tval(p, "26"))
    ko("profile-paynow-editable", R, "editable flag 2", rep(b, "26.03", "2"),
       "paynow.editable", "26.03")
    ko("profile-paynow-expiry-month", R, "expiry in month 13", rep(b, "26.04", "20261301"),
       "paynow.expiry", "26.04")
    ko("profile-paynow-expiry-hour-25", R, "expiry with a time at hour 25",
       rep(b, "26.04", "20261231250000"), "paynow.expiry", "26.04")
    ko("profile-paynow-expiry-7", R, "expiry of 7 digits", rep(b, "26.04", "2026123"),
       "paynow.expiry", "26.04")
    ko("profile-paynow-currency", R, "PayNow in USD", rep(b, "53", "840"), "paynow.currency",
       "53")


def sgqr():
    profile("sgqr")
    R = "constructed; REFERENCE.md §3.2 (SGQR)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "SG.PAYNOW"), ("01", "2"), ("02", "201403121W"), ("03", "1")]),
         ("51", [("00", "SG.SGQR"), ("01", "180307AFC6F0"), ("02", "01.0001"), ("03", "608526"),
                 ("04", "01"), ("05", "#01-01"), ("06", "0000"), ("07", "20180307")]),
         ("52", "5812"), ("53", "702"), ("58", "SG"), ("59", "ACME CAFE"), ("60", "Singapore")]
    ok("profile-sgqr-valid", R, "SGQR label in 51 beside a PayNow account", b)
    p = [o if o[0] != "51" else ("50", o[1]) for o in b]
    country(b, R, ['paynow.country', 'sgqr.country'])
    ko("profile-sgqr-template-id", R, "SGQR label outside 51", p, "sgqr.template_id", "50.00")
    p = rm(b, "51.01")
    ko("profile-sgqr-no-id", R, "no SGQR ID", p, "sgqr.id", "51.01", tval(p, "51"))
    ko("profile-sgqr-postal-code", R, "postal code of 5 digits", rep(b, "51.03", "60852"),
       "sgqr.postal_code", "51.03")
    ko("profile-sgqr-date", R, "revision date on 32 March", rep(b, "51.07", "20180332"),
       "sgqr.date", "51.07")
    ko("profile-sgqr-paynow-first", R + "; spec/README.md profile order",
       "SGQR beside PayNow in MYR: PayNow's rules run before SGQR's", rep(b, "53", "458"),
       "paynow.currency", "53")


def duitnow():
    profile("duitnow")
    R = "constructed; REFERENCE.md §3.2 (DuitNow)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "A0000006150001"), ("01", "890053"), ("02", "0000000000123456")]),
         ("52", "5999"), ("53", "458"), ("58", "MY"), ("59", "KEDAI RUNCIT"),
         ("60", "KUALA LUMPUR")]
    ok("profile-duitnow-valid", R, "acquirer and merchant ID", b)
    p = rep(b, "00", "02")
    ok("profile-duitnow-pfi-02", R + "; REFERENCE.md §4.6", "PFI 02 (scheme departure)", p,
       ["scheme_departure"], [{"rule": "duitnow.pfi_02", "offset": 4, "path": "00"}])
    ok_raw("profile-duitnow-real",
           "Public TypeScript test of an EMVCo payout module, which cites it as PayNet's "
           "published DuitNow example (also mpm-real-duitnow-pfi-02)", "a published code passes",
           "00020201021126410014A000000615000101065016640209123456789520499995303458540510.005802MY5909QRCSDNBHD6005BANGI6304343F",
           ["scheme_departure", "static_with_amount"],
           [{"rule": "duitnow.pfi_02", "offset": 4, "path": "00"}])
    p = rep(b, "00", "02") + [("82", "7FFC1AC00E99EA2D7A0D7BB79755736A")]
    ok("profile-duitnow-digest-82", R + "; real DuitNow stickers (spec/real/duitnow.json)",
       "a digest in 82 read as a primitive value: two departures, each named", p,
       ["scheme_departure", "scheme_departure"],
       [{"rule": "duitnow.pfi_02", "offset": 4, "path": "00"},
        {"rule": "duitnow.primitive_82", "offset": at(p, "82", "id"), "path": "82"}])
    ko("profile-duitnow-digest-82-pedantic", R + "; spec/README.md Severity",
       "pedantic: 82 is a template, and the digest breaks its TLV", rep(p, "00", "01"), None,
       "82", at(p, "82"), code="invalid_id", pedantic=True)
    country(b, R, ['duitnow.country'])
    ko("profile-duitnow-acquirer-5", R, "acquirer ID of 5 digits", rep(b, "26.01", "89005"),
       "duitnow.acquirer", "26.01")
    p = rm(b, "26.01")
    ko("profile-duitnow-no-acquirer", R, "no acquirer ID", p, "duitnow.acquirer", "26.01",
       tval(p, "26"))
    p = rm(b, "26.02")
    ko("profile-duitnow-no-merchant-id", R, "no merchant ID", p, "duitnow.merchant_id",
       "26.02", tval(p, "26"))
    ko("profile-duitnow-merchant-id-29", R, "merchant ID of 29 characters",
       rep(b, "26.02", "1" * 29), "duitnow.merchant_id", "26.02")
    ko("profile-duitnow-currency", R, "DuitNow in SGD", rep(b, "53", "702"),
       "duitnow.currency", "53")


def qris():
    profile("qris")
    R = "constructed; REFERENCE.md §3.2 (QRIS)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "COM.GO-JEK.WWW"), ("01", "9360091430000000123"), ("02", "G000000123"),
                 ("03", "UMI")]),
         ("51", [("00", "ID.CO.QRIS.WWW"), ("02", "ID1020021181745"), ("03", "UMI")]),
         ("52", "5812"), ("53", "360"), ("58", "ID"), ("59", "WARUNG MAKAN"),
         ("60", "JAKARTA"), ("61", "12190")]
    ok("profile-qris-valid", R, "domestic PJSP template and central repository 51", b)
    ok("profile-qris-criteria-ure", R, "criteria URE", rep(rep(b, "51.03", "URE"), "26.03", "URE"))
    p = rep(b, "58", "MY")
    ok("profile-qris-country", R, "country MY (warning)", p,
       ["country_currency_mismatch", "profile_rule"], [finding(p, "qris.country", "58")])
    ko("profile-qris-nmid-short", R, "NMID with 12 digits", rep(b, "51.02", "ID102002118174"),
       "qris.nmid", "51.02")
    ko("profile-qris-nmid-prefix", R, "NMID without ID", rep(b, "51.02", "XX1020021181745"),
       "qris.nmid", "51.02")
    p = rm(b, "51.02")
    ko("profile-qris-no-nmid", R, "no NMID", p, "qris.nmid", "51.02", tval(p, "51"))
    ko("profile-qris-criteria", R, "criteria UXX", rep(b, "51.03", "UXX"), "qris.criteria",
       "51.03")
    p = rm(b, "51.03")
    ok("profile-qris-no-criteria", R + "; issue of the real-codes corpus (51.03 absent)",
       "no criteria in 51: a warning", p, ["profile_rule"],
       [finding(p, "qris.criteria_missing", "51.03", tval(p, "51"))])
    ko("profile-qris-domestic-criteria", R, "domestic template criteria 'umi'",
       rep(b, "26.03", "umi"), "qris.criteria", "26.03")
    ko("profile-qris-domestic-pan", R, "domestic merchant PAN with a letter",
       rep(b, "26.01", "93600914A"), "qris.merchant_pan", "26.01")
    ok("profile-qris-bill-number", R, "a bill number of letters in 62.01: 62 is no domestic "
       "template", ins(b, ("62", [("01", "INV-2026-001")]), after="61"))
    p = rep(rep(b, "26", [("00", "SWP.COM"), ("01", "JS"), ("02", "ca88737518a9466bbfb923644f4338d9")]),
            "52", "5812")
    ok("profile-qris-acquirer-template", R + "; layout of a real QRIS code (spec/real/qris.json, "
       "UBUDAHH, BALI)", "an acquirer's template whose accounts the table knows (SWP.COM) keeps "
       "its own layout", p)
    p = [o if o[0] != "51" else ("50", o[1]) for o in b]
    ko("profile-qris-template-id", R, "central repository template at 50", p,
       "qris.template_id", "50.00")
    ko("profile-qris-currency", R, "QRIS in USD", rep(b, "53", "840"), "qris.currency", "53")
    ok("profile-qris-gpnqr", R + "; real codes of the GPN QR era (spec/real/qris.json)",
       "central repository under the older GUID ID.OR.GPNQR.WWW", rep(b, "51.00",
                                                                        "ID.OR.GPNQR.WWW"))
    p = rm(b, "51")
    ko("profile-qris-static-no-51", R + "; every code of country ID is QRIS",
       "static code without the central repository template", p, "qris.central_repository",
       "51", 0)
    p = ins(rep(rm(b, "51"), "01", "12"), ("54", "25000"), after="53")
    ok("profile-qris-dynamic-no-51", R + "; real dynamic codes (spec/real/qris.json)",
       "dynamic code with the issuer's template alone", p)


def vietqr():
    profile("vietqr")
    R = "constructed; REFERENCE.md §3.2 (VietQR, NAPAS §5.2.3.2)"
    b = [("00", "01"), ("01", "11"),
         ("38", [("00", "A000000727"), ("01", [("00", "970403"), ("01", "0011012345678")]),
                 ("02", "QRIBFTTA")]),
         ("53", "704"), ("58", "VN")]
    ok("profile-vietqr-account", R, "transfer to an account, no 52/59/60", b)
    ok("profile-vietqr-card", R, "transfer to a card",
       rep(rep(b, "38.01", [("00", "970422"), ("01", "9704229208706730902")]), "38.02",
           "QRIBFTTC"))
    ok("profile-vietqr-dynamic", R, "amount and purpose",
       ins(ins(rep(b, "01", "12"), ("54", "50000"), after="53"), ("62", [("08", "thanh toan")])))
    for vid, src, payload in [
        ("profile-vietqr-real-static", "https://github.com/subiz/vietqr vietqr_test.go",
         "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"),
        ("profile-vietqr-real-to-card", "https://github.com/vocolboy/php-emv-qrcode tests/EMVTest.php",
         "00020101021238630010A00000072701330006970422011997042292087067309020208QRIBFTTC530370454061000005802VN621502118432917204163047793"),
        ("profile-vietqr-real-letters", "https://github.com/subiz/vietqr vietqr_test.go",
         "00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA53037045405401235802VN62290825chuyen khoan alsdkf laksj6304E5DB"),
    ]:
        ok_raw(vid, src, "a published code passes", payload)
    p = rm(b, "38.02")
    ok("profile-vietqr-no-service-code", R, "no service code (warning)", p, ["profile_rule"],
       [finding(p, "vietqr.service_code", "38.02", tval(p, "38"))])
    p = rep(b, "38.02", "QRXYZ")
    ok("profile-vietqr-service-code-unknown", R, "unknown service code (warning)", p,
       ["profile_rule"], [finding(p, "vietqr.service_code", "38.02")])
    country(b, R, ['vietqr.country'])
    ko("profile-vietqr-bin-5", R, "BIN of 5 digits: path of 01, offset of the BIN",
       rep(b, "38.01", [("00", "97040"), ("01", "0011012345678")]), "vietqr.bin", "38.01.00")
    ko("profile-vietqr-bin-letters", R, "BIN with a letter",
       rep(b, "38.01", [("00", "97040A"), ("01", "0011012345678")]), "vietqr.bin", "38.01.00")
    p = rep(b, "38.01", [("01", "0011012345678")])
    ko("profile-vietqr-no-bin", R, "no BIN", p, "vietqr.bin", "38.01", at(p, "38.01"))
    ko("profile-vietqr-account-20", R, "account of 20 characters",
       rep(b, "38.01", [("00", "970403"), ("01", "1" * 20)]), "vietqr.consumer", "38.01.01")
    ko("profile-vietqr-account-symbol", R, "account with a hyphen",
       rep(b, "38.01", [("00", "970403"), ("01", "0011-012345")]), "vietqr.consumer",
       "38.01.01")
    ok("profile-vietqr-beneficiary-other-sub", R, "a sub-ID other than 00 and 01 in 38.01 is "
       "not read as the account", rep(b, "38.01", [("00", "970403"), ("01", "0011012345678"),
                                                 ("02", "X-Y")]))
    p = rep(b, "38.01", [("00", "970403")])
    ko("profile-vietqr-no-account", R, "no account", p, "vietqr.consumer", "38.01",
       at(p, "38.01"))
    p = rep(b, "38.01", "970403")
    ko("profile-vietqr-beneficiary-not-template", R + "; REFERENCE.md §4.14",
       "01 is a bare BIN, not a template: the nested length overruns",
       p, "vietqr.beneficiary", "38.01", at(p, "38.01") + 2)
    p = rm(b, "38.01")
    ko("profile-vietqr-no-beneficiary", R, "no beneficiary organisation", p,
       "vietqr.beneficiary", "38.01", tval(p, "38"))
    ko("profile-vietqr-currency", R, "VietQR in USD", rep(b, "53", "840"), "vietqr.currency",
       "53")


KHQR_REAL = ("00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh Smith"
             "6010Phnom Penh62150211855123456789917001316257134678276304A96B")


def khqr():
    profile("khqr")
    R = "constructed; REFERENCE.md §3.2 (KHQR)"
    SDK = ("official Bakong KHQR SDK (npm bakong-khqr 1.0.20) ")
    b = [("00", "01"), ("01", "11"), ("29", [("00", "john_smith@devb")]),
         ("52", "5999"), ("53", "116"), ("58", "KH"), ("59", "John Smith"),
         ("60", "Phnom Penh")]

    def dep(objs, stamps=False):
        """KHQR's departures: the account ID in 29/30.00, and 99's timestamp in its 00."""
        tid = "29" if any(o[0] == "29" for o in objs) else "30"
        out = [{"rule": "khqr.account_id_guid", "offset": at(objs, tid + ".00"),
                "path": tid + ".00"}]
        if stamps:
            out.append({"rule": "khqr.timestamps_guid", "offset": at(objs, "99.00"),
                        "path": "99.00"})
        return out

    ok("profile-khqr-individual", R, "individual account (29) with a Bakong account ID: "
       "accepted by default, the departure named", b, ["scheme_departure"], dep(b))
    m = rep(b, "29", [("00", "coffee_shop@aclb"), ("01", "123456"), ("02", "ACLEDA Bank")])
    m = [o if o[0] != "29" else ("30", o[1]) for o in m]
    ok("profile-khqr-merchant", R, "merchant account (30) with merchant ID and acquiring bank",
       m, ["scheme_departure"], dep(m))
    d = ins(ins(rep(b, "01", "12"), ("54", "50000"), after="53"),
            ("99", [("00", "1700000000000"), ("01", "1700000600000")]))
    ok("profile-khqr-dynamic", R, "dynamic code with creation and expiration timestamps", d,
       ["scheme_departure", "scheme_departure"], dep(d, True))
    p = rep(d, "54", "50000.0")
    ok("profile-khqr-amount-zero-fraction", R + "; ts-khqr 'Valid KHQR 1' amount 50000.0",
       "KHR amount with a zero fraction", p, ["scheme_departure", "scheme_departure"],
       dep(p, True))
    usd = rep(rep(b, "53", "840"), "01", "11")
    ok("profile-khqr-usd", R + "; " + SDK + "transactionCurrency.js",
       "USD in Cambodia: KHQR settles in it, so no country_currency_mismatch", usd,
       ["scheme_departure"], dep(usd))
    p = rep(b, "59", "Caf\u00e9 \u1780\u17b6\u17a0\u17d2\u179c\u17c1")
    ok("profile-khqr-khmer-name", R + "; " + SDK + "test/feature/timestamp/decode.test.js "
       "(Khmer text: lengths in UTF-16 units equal characters in the Basic Multilingual Plane)",
       "merchant name with Khmer letters: KHQR allows UTF-8 names (warning non_ascii)", p,
       ["non_ascii", "scheme_departure"], dep(p))
    p = rep(b, "59", "Cafe \U0001F600")
    ko("profile-khqr-non-bmp-name", R + "; " + SDK + "src/tagLengthString.js (String.length: "
       "UTF-16 units); spec/README.md KHQR decisions",
       "an emoji in the name: EMVCo counts 6 characters, the Bakong SDKs 7 UTF-16 units, so the "
       "two read the code differently", p, "khqr.non_bmp", "59", at(p, "59") + 5)
    # The same name as the Bakong SDK writes it: length 07, in UTF-16 units. Read in characters,
    # 59's value takes the '6' of 60's ID, and the next header is '010P'.
    body = enc(b[:6]) + "5907Cafe \U0001F600" + enc(b[7:]) + "6304"
    sdk = body + crc_hex(body)
    ko_raw("profile-khqr-non-bmp-sdk-length", R + "; " + SDK + "src/tagLengthString.js "
           "(String.length)", "the emoji name as the Bakong SDK writes it (length 07 in UTF-16 "
           "units): read in characters it breaks the structure", sdk, "invalid_length",
           body.index("5907") + 4 + 7 + 2, "01")
    country(b, R, ['khqr.country'], ["scheme_departure"], before=dep)
    ko("profile-khqr-pedantic", R + "; spec/README.md Severity",
       "pedantic decoding refuses the account ID as a GUID", b, None, "29.00",
       code="invalid_guid", pedantic=True)
    p = ins(ins(rep(b, "01", "12"), ("54", "50000"), after="53"), ("62", [("01", "INV1")]))
    ko("profile-khqr-dynamic-no-timestamp", R + "; REFERENCE.md §4.11",
       "dynamic code without 99", p, "khqr.timestamp_missing", "99.00", 0)
    p = rep(d, "99", [("00", "1700000000000")])
    ko("profile-khqr-no-expiry", R + "; " + SDK + "src/MerchantCode/timeStamp.js:12 "
       "(\"Expiration timestamp is required for dynamic KHQR\")",
       "dynamic code without expiration", p, "khqr.expiry_missing", "99.01", tval(p, "99"))
    p = ins(rep(b, "01", "12"), ("99", [("00", "1700000000000"), ("01", "1700000600000")]))
    ko("profile-khqr-dynamic-no-amount", R + "; " + SDK + "src/decodeValidation.js:59-71",
       "dynamic code without an amount", p, "khqr.amount_missing", "54", at(p, "01"))
    p = ins(b, ("99", [("00", "39CA026411FDA"), ("68", "mmp")]))
    ok("profile-khqr-static-99-other-data", R + "; an ABA static code in the " + SDK +
       "decode tests: 99 is checked only in dynamic codes (src/MerchantCode/timeStamp.js)",
       "static code whose 99 holds no timestamp", p, ["scheme_departure", "scheme_departure"],
       dep(p, True))
    ko("profile-khqr-timestamp-12", R, "creation timestamp of 12 digits",
       rep(d, "99.00", "170000000000"), "khqr.timestamp", "99.00")
    ko("profile-khqr-expiry-before", R, "expiration before creation",
       rep(d, "99.01", "1600000000000"), "khqr.expiry_order", "99.01")
    p = rm(m, "30.01")
    ko("profile-khqr-merchant-no-id", R + "; " + SDK + "globalUniqueIdentifier.js:38-46",
       "merchant template without merchant ID", p, "khqr.merchant_id", "30.01", tval(p, "30"))
    p = rm(m, "30.02")
    ko("profile-khqr-merchant-no-bank", R, "merchant template without acquiring bank", p,
       "khqr.acquiring_bank", "30.02", tval(p, "30"))
    ko("profile-khqr-account-two-at", R, "account ID with two '@'",
       rep(b, "29.00", "john@smith@devb"), "khqr.account_id", "29.00")
    ko("profile-khqr-account-33", R + "; " + SDK + "globalUniqueIdentifier.js:109 (32)",
       "account ID of 33 characters: EMVCo's limit on a template's 00 (32) refuses it first",
       rep(b, "29.00", "a" * 27 + "@devbk"), None, "29.00", code="field_too_long")
    ko("profile-khqr-account-information-33", R + "; " + SDK + "globalUniqueIdentifier.js:122",
       "account information (29.01) of 33 characters", ins(b, ("01", "8" * 33), into="29"),
       "khqr.account_length", "29.01")
    ko("profile-khqr-acquiring-bank-33", R + "; " + SDK + "globalUniqueIdentifier.js:142 (32)",
       "acquiring bank of 33 characters", rep(m, "30.02", "B" * 33), "khqr.account_length",
       "30.02")
    ko("profile-khqr-currency", R, "KHQR in THB", rep(b, "53", "764"), "khqr.currency", "53")
    ko("profile-khqr-amount-khr-fraction", R + "; REFERENCE.md §4.10", "KHR amount 100.50",
       rep(d, "54", "100.50"), "khqr.amount_khr", "54")
    p = ins(usd, ("15", "25000344000203441000000000000006"), after="01")
    ko("profile-khqr-unionpay-usd", R + "; " + SDK + "generateKHQR.js:110",
       "UnionPay account (15) in a USD code", p, "khqr.unionpay_usd", "15")


def qrph():
    profile("qrph")
    R = "constructed; REFERENCE.md §3.2 (QR Ph)"
    b = [("00", "01"), ("01", "11"),
         ("27", [("00", "com.p2pqrpay"), ("01", "GXCHPHM2XXX"), ("02", "99964403"),
                 ("03", "217020000000656"), ("04", "DWQM4TK3JDNYH9CHA")]),
         ("52", "6016"), ("53", "608"), ("58", "PH"), ("59", "JUAN DELA CRUZ"),
         ("60", "MANILA")]
    ok("profile-qrph-p2p", R, "P2P template", b)
    m = [("00", "01"), ("01", "11"),
         ("28", [("00", "ph.ppmi.p2m"), ("01", "GXCHPHM2XXX"), ("03", "123456789012345"),
                 ("05", "000")]),
         ("52", "5812"), ("53", "608"), ("58", "PH"), ("59", "SARI SARI STORE"),
         ("60", "QUEZON CITY")]
    ok("profile-qrph-p2m", R, "P2M template", m)
    ok_raw("profile-qrph-real-gcash",
           "https://github.com/vocolboy/php-emv-qrcode tests/GCashTest.php ('generate without amount')",
           "a published GCash code passes",
           "00020101021127830012com.p2pqrpay0111GXCHPHM2XXX02089996440303152170200000006560417DWQM4TK3JDNYH9CHA5204601653036085802PH5910AN***A%20C6008MALANDAY6104123463047F32")
    country(b, R, ['qrph.country'])
    ko("profile-qrph-bic", R, "BIC with a digit in the country", rep(b, "27.01", "GXCH1HM2"),
       "qrph.bic", "27.01")
    p = rm(b, "27.01")
    ko("profile-qrph-no-bic", R, "no BIC", p, "qrph.bic", "27.01", tval(p, "27"))
    ko("profile-qrph-network-code", R, "P2P network code of 7 digits",
       rep(b, "27.02", "9996440"), "qrph.network_code", "27.02")
    p = rm(m, "28.03")
    ko("profile-qrph-p2m-no-merchant-id", R, "P2M without merchant ID", p,
       "qrph.merchant_id", "28.03", tval(p, "28"))
    ko("profile-qrph-currency", R, "QR Ph in USD", rep(b, "53", "840"), "qrph.currency", "53")


def fps():
    profile("fps")
    R = "constructed; REFERENCE.md §3.2 (HK FPS)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "hk.com.hkicl"), ("01", "004"), ("02", "1234567")]),
         ("52", "0000"), ("53", "344"), ("58", "HK"), ("59", "ACME LTD"), ("60", "HONG KONG")]
    ok("profile-fps-id", R, "FPS ID", b)
    ok("profile-fps-mobile", R, "mobile",
       rep(b, "26", [("00", "hk.com.hkicl"), ("03", "+852-91234567")]))
    ok("profile-fps-email", R, "e-mail",
       rep(b, "26", [("00", "hk.com.hkicl"), ("04", "pay@example.com.hk")]))
    ok("profile-fps-guid-upper", R + "; REFERENCE.md §4.12", "GUID in upper case",
       rep(b, "26.00", "HK.COM.HKICL"))
    ok("profile-fps-cny", R + "; FPS settles in HKD and CNY", "CNY: FPS settles in it, so no "
       "country_currency_mismatch", rep(b, "53", "156"))
    p = rep(rep(b, "59", "NA"), "60", "NA")
    ok("profile-fps-placeholders", R + "; REFERENCE.md §4.15", "NA placeholders (warnings)", p,
       ["profile_rule", "profile_rule"],
       [finding(p, "fps.placeholder", "59"), finding(p, "fps.placeholder", "60")])
    country(b, R, ['fps.country'])
    ko("profile-fps-clearing-code", R, "clearing code of 2 digits", rep(b, "26.01", "04"),
       "fps.clearing_code", "26.01")
    ko("profile-fps-id-6", R, "FPS ID of 6 digits", rep(b, "26.02", "123456"), "fps.fps_id",
       "26.02")
    ko("profile-fps-mobile-no-dash", R, "mobile without the dash",
       rep(b, "26", [("00", "hk.com.hkicl"), ("03", "+85291234567")]), "fps.mobile", "26.03")
    ko("profile-fps-email-malformed", R, "e-mail without '@'",
       rep(b, "26", [("00", "hk.com.hkicl"), ("04", "pay.example.com")]), "fps.email", "26.04")
    p = rep(b, "26", [("00", "hk.com.hkicl"), ("01", "004")])
    ko("profile-fps-no-proxy", R, "no FPS ID, mobile or e-mail", p, "fps.proxy_missing",
       "26.02", tval(p, "26"))
    ko("profile-fps-two-proxies", R, "FPS ID and mobile",
       ins(b, ("03", "+852-91234567"), into="26"), "fps.proxy_ambiguous", "26.03")
    ko("profile-fps-currency", R, "FPS in USD", rep(b, "53", "840"), "fps.currency", "53")


def upi():
    profile("upi")
    R = "constructed; REFERENCE.md §3.2 (UPI / BharatQR)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "A000000524"), ("01", "merchant@okaxis")]),
         ("27", [("00", "A000000524"), ("01", "STQ200318122305804I040108")]),
         ("52", "5411"), ("53", "356"), ("58", "IN"), ("59", "CENTRAL STORES"),
         ("60", "New Delhi"), ("61", "110016")]
    ok("profile-upi-valid", R, "VPA and transaction reference", b)
    ok("profile-upi-minimum-amount", R, "minimum amount in 26.02",
       ins(b, ("02", "10.00"), into="26"))
    ok("profile-upi-aadhaar", R, "Aadhaar template",
       ins(b, ("28", [("00", "A000000524"), ("01", "123456789012")]), after="27"))
    p = rm(b, "61")
    ok("profile-upi-no-postal-code", R, "no postal code (warning)", p, ["profile_rule"],
       [finding(p, "upi.postal_code", "61", 0)])
    ok_raw("profile-upi-real-hdfc",
           "REFERENCE.md §4.2: HDFC BharatQR payload of a merchant, published in public C# "
           "e-invoicing code (also mpm-real-bharatqr-hdfc-lowercase-lenient)",
           "a published code passes (lower-case CRC leniently)",
           "000201010211021644038499331959060415522024099331959061661000309933195920825HDFC00000015010030812820026560010A0000005240138centralwarehousingco.99331959@hdfcbank27430010A0000005240125STQ200318122305804I0401085204939953033565802IN5923CENTRAL WAREHOUSING NEW6009New Delhi610611001662410525STQ200318122305804I0401080708993319596304e9fc",
           ["crc_lowercase"], lenient=["lowercase_crc"])
    country(b, R, ['upi.country'])
    ko("profile-upi-vpa", R, "VPA without '@'", rep(b, "26.01", "merchantokaxis"), "upi.vpa",
       "26.01")
    p = rep(b, "26", [("00", "A000000524"), ("02", "10.00")])
    ko("profile-upi-no-vpa", R, "VPA template without VPA", p, "upi.vpa", "26.01",
       tval(p, "26"))
    ko("profile-upi-minimum-amount-3-decimals", R, "minimum amount 10.001",
       ins(b, ("02", "10.001"), into="26"), "upi.minimum_amount", "26.02")
    ko("profile-upi-reference-short", R, "transaction reference of 3 characters",
       rep(b, "27.01", "ABC"), "upi.reference", "27.01")
    ko("profile-upi-aadhaar-11", R, "Aadhaar of 11 digits",
       ins(b, ("28", [("00", "A000000524"), ("01", "12345678901")]), after="27"),
       "upi.aadhaar", "28.01")
    ko("profile-upi-currency", R, "UPI in USD", rep(b, "53", "840"), "upi.currency", "53")


def jpqr():
    profile("jpqr")
    R = "constructed; REFERENCE.md §3.2 (JPQR)"
    b = [("00", "01"), ("01", "11"),
         ("26", [("00", "jp.or.paymentsjapan"), ("01", "0000000000001"), ("02", "0400"),
                 ("03", "010600"), ("04", "000001")]),
         ("52", "5812"), ("53", "392"), ("58", "JP"), ("59", "HONPO SHOKUDO"),
         ("60", "TOKYO"), ("64", [("00", "JA"), ("01", "本舗食堂")])]
    ok("profile-jpqr-valid", R, "four merchant ID levels and a Japanese name", b)
    country(b, R, ['jpqr.country'])
    ko("profile-jpqr-level1-12", R, "level 1 of 12 digits", rep(b, "26.01", "000000000001"),
       "jpqr.merchant_id", "26.01")
    ko("profile-jpqr-level2-3", R, "level 2 of 3 digits", rep(b, "26.02", "040"),
       "jpqr.merchant_id", "26.02")
    p = rm(b, "26.01")
    ko("profile-jpqr-no-level1", R, "no level 1", p, "jpqr.merchant_id", "26.01",
       tval(p, "26"))
    ko("profile-jpqr-currency", R, "JPQR in USD", rep(b, "53", "840"), "jpqr.currency", "53")


def argentina():
    profile("argentina")
    R = ("constructed after real Mercado Pago and Prisma codes (spec/real/argentina.json); "
         "CUIT check digit: mod 11, weights 5432765432")
    b = [("00", "01"), ("01", "11"),
         ("43", [("00", "com.mercadolibre"), ("01", "https://mpago.la/pos/411091")]),
         ("50", [("00", "27128490952")]),
         ("52", "5970"), ("53", "032"), ("58", "AR"), ("59", "GLADYS MABEL GIMENEZ"),
         ("60", "VILLA BOSCH")]

    def dep(objs, path):
        return [{"rule": "argentina.identifier", "offset": at(objs, path), "path": path}]

    ok("profile-argentina-cuit", R, "the merchant's CUIT in 50.00: accepted, the departure "
       "named", b, ["scheme_departure"], dep(b, "50.00"))
    p = rep(b, "50", [("00", "CUIT"), ("01", "20-11111111-2")])
    ok("profile-argentina-cuit-label", R, "older Prisma form: 50.00 'CUIT', the number with "
       "hyphens in 50.01", p, ["scheme_departure"], dep(p, "50.00"))
    ko("profile-argentina-cuit-check-digit", R, "CUIT with a wrong check digit",
       rep(b, "50.00", "27128490953"), "argentina.cuit", "50.00")
    ko("profile-argentina-cuit-label-check-digit", R, "hyphenated CUIT with a wrong check digit",
       rep(b, "50", [("00", "CUIT"), ("01", "20-11111111-3")]), "argentina.cuit", "50.01")
    ko("profile-argentina-cuit-label-malformed", R, "hyphens in the wrong places",
       rep(b, "50", [("00", "CUIT"), ("01", "201-1111111-2")]), "argentina.cuit", "50.01")
    p = [o if o[0] != "50" else ("26", o[1]) for o in b]
    p = sorted(rep(p, "26.00", "27128490953"), key=lambda o: o[0])
    ko("profile-argentina-cuit-at-26", R, "a CUIT with a wrong check digit in the first "
       "merchant account template, 26", p, "argentina.cuit", "26.00")
    ko("profile-argentina-currency", R, "an Argentine code in USD", rep(b, "53", "840"),
       "argentina.currency", "53")
    ko("profile-argentina-pedantic", R + "; spec/README.md Severity",
       "pedantic: the CUIT is no GUID", b, None, "50.00", code="invalid_guid", pedantic=True)


def main():
    for f in (pix, promptpay, thai_billpay, paynow, sgqr, duitnow, qris, vietqr, khqr, qrph,
              fps, upi, jpqr, argentina):
        f()
    ids = [v["id"] for vs in FILES.values() for v in vs]
    assert len(ids) == len(set(ids)), "duplicate id"
    check_only = "--check" in sys.argv[1:]
    changed = []
    total = [0, 0]
    for name, vecs in sorted(FILES.items()):
        text = json.dumps(vecs, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path = os.path.join(OUT, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(name)
            if not check_only:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        nv = sum(v["expect"] == "valid" for v in vecs)
        total[0] += nv
        total[1] += len(vecs) - nv
        print("%-18s %3d vectors: %3d valid, %3d invalid" % (name, len(vecs), nv, len(vecs) - nv))
    print("%-18s %3d vectors: %3d valid, %3d invalid" % ("total", sum(total), *total))
    if check_only and changed:
        print("out of date:", ", ".join(changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
