"""The Python package against the crate's own vectors and a few real codes."""

import doctest
import json
import pathlib

import pytest

import emvqr

SPEC = pathlib.Path(__file__).resolve().parents[3] / "spec"
# The static Pix code of the Banco Central do Brasil's manual (spec/real/pix.json).
PIX = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"


def vectors(kind):
    for path in sorted((SPEC / kind).glob("*.json")):
        for v in json.loads(path.read_text(encoding="utf-8")):
            if "payload" in v and not v.get("options"):
                yield v


@pytest.mark.parametrize("kind", ["mpm", "real", "cpm"])
def test_the_vectors_verdicts_and_errors(kind):
    """The vectors of spec/ decoded through the package: the verdict, and the error's code,
    offset and path where the vector gives them."""
    seen = 0
    mode = "cpm" if kind == "cpm" else "mpm"
    for v in vectors(kind):
        expect = v["expect"]
        if expect == "valid":
            decoded = emvqr.decode(v["payload"], mode=mode)
            assert decoded.mode == mode, v["id"]
        else:
            with pytest.raises(emvqr.EmvqrError) as info:
                emvqr.decode(v["payload"], mode=mode)
            want = v.get("error", {})
            if "code" in want:
                assert info.value.code == want["code"], v["id"]
            if "offset" in want:
                assert info.value.offset == want["offset"], v["id"]
            if "path" in want:
                assert info.value.path == want["path"], v["id"]
        seen += 1
    assert seen > 5


def test_decode_names_the_scheme_and_fields():
    p = emvqr.decode(PIX)
    assert (p.mode, p.scheme) == ("mpm", "pix")
    assert p.fields["26"]["01"] == "123e4567-e12b-12d1-a456-426655440000"
    assert p.to_dict()["fields"]["59"] == "Fulano de Tal"
    assert p.warnings == []


def test_errors_carry_code_offset_path_and_rule():
    with pytest.raises(emvqr.EmvqrError) as info:
        emvqr.decode(PIX[:-1] + "E")
    assert (info.value.code, info.value.offset, info.value.path) == ("crc_mismatch", 133, "63")
    bad_key = "00020101021126260014br.gov.bcb.pix0104abcd5204000053039865802BR5913FULANO DE TAL6008BRASILIA62070503***6304045C"
    with pytest.raises(emvqr.EmvqrError) as info:
        emvqr.decode(bad_key)
    assert (info.value.code, info.value.rule, info.value.path) == ("profile_rule", "pix.key", "26.01")


def test_batch_keeps_order_and_shape():
    out = emvqr.decode_batch([PIX, "000201", PIX])
    assert [o["valid"] for o in out] == [True, False, True]
    assert all(set(o) == {"valid", "mode", "scheme", "fields", "error", "warnings"} for o in out)
    assert out[1]["error"]["code"] == emvqr.decode_all("000201")[0].code


def test_scan_and_route():
    assert emvqr.scan("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB").kind == "url"
    r = emvqr.route(PIX, "pix")
    assert r.payable and r.route["provider"] == "pix"
    r = emvqr.route(PIX, "unionpay")
    assert not r.payable and r.reason == "no_route"
    with pytest.raises(ValueError):
        emvqr.route(PIX, "no-such-wallet")


def test_generators_make_codes_the_decoder_accepts():
    code = emvqr.new_code("pix", key="fulano@example.com", name="FULANO DE TAL", city="BRASILIA", amount="10.50")
    assert emvqr.decode(code).scheme == "pix"
    code = emvqr.new_code("promptpay", phone="0812345678", amount="150.00")
    assert emvqr.decode(code).fields["29"]["01"] == "0066812345678"
    code = emvqr.new_code("paynow", uen="201403121W", name="ACME PTE LTD", city="Singapore", editable=True)
    assert emvqr.decode(code).scheme == "paynow"
    with pytest.raises(emvqr.GeneratorError) as info:
        emvqr.new_code("promptpay", phone="12345")
    assert info.value.input == "phone"
    assert str(info.value) == "phone: a Thai mobile number has 10 digits starting with 0"


def test_render():
    png = emvqr.render_png(PIX, scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert emvqr.render_svg(PIX).startswith("<?xml") or "<svg" in emvqr.render_svg(PIX)


def test_the_documentation_examples():
    failures, tried = doctest.testmod(emvqr)
    assert (failures, tried > 0) == (0, True)


def test_decode_table_one_row_per_payload():
    pa = pytest.importorskip("pyarrow")
    cpm = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
    table = emvqr.decode_table(pa.array([PIX, "000201", cpm, PIX]))
    table.validate(full=True)
    assert table.num_rows == 4
    assert table.column("offset").to_pylist()[:2] == [None, emvqr.decode_all("000201")[0].offset]
    assert table.column("line").to_pylist() == [1, 2, 3, 4]
    assert table.column("valid").to_pylist() == [True, False, True, True]
    assert table.column("mode").to_pylist() == ["mpm", "mpm", "cpm", "mpm"]
    assert table.column("scheme").to_pylist()[0] == "pix"
    assert table.column("error_code").to_pylist()[1] == emvqr.decode_all("000201")[0].code
    assert table.column("merchant_name").to_pylist()[0] == "Fulano de Tal"
    assert table.column("currency").to_pylist()[0] == "BRL"
    assert table.column("providers").to_pylist()[0] == ["pix"]


def test_decode_table_of_nothing_and_of_refusals_only():
    pytest.importorskip("pyarrow")
    for payloads, rows in [([], 0), (["000201", ""], 2)]:
        table = emvqr.decode_table(payloads)
        table.validate(full=True)
        assert table.num_rows == rows
        assert table.column("providers").to_pylist() == [[]] * rows
