"""The UniFFI interface (the one the Kotlin and Swift sources in generated/ call), through
UniFFI's Python backend: `check.sh` generates the Python module beside the compiled library
and points EMVQR_UNIFFI_PY at the folder."""

import os
import sys

import pytest

sys.path.insert(0, os.environ["EMVQR_UNIFFI_PY"])
import emvqr_uniffi as u  # noqa: E402

# The static Pix code of the Banco Central do Brasil's manual (spec/real/pix.json).
PIX = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"


def test_decode():
    d = u.decode(PIX)
    assert (d.scheme, d.merchant_name, d.currency) == ("pix", "Fulano de Tal", "BRL")
    key = [f for f in d.fields if f.id == "26"][0].subs[1]
    assert (key.id, key.value) == ("01", "123e4567-e12b-12d1-a456-426655440000")
    with pytest.raises(u.EmvqrError.Invalid) as info:
        u.decode(PIX.replace("1D3D", "1D3E"))
    assert (info.value.code, info.value.offset, info.value.path) == ("crc_mismatch", 133, "63")


def test_scan_and_route():
    assert u.scan("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB").kind == "url"
    assert u.route(PIX, "pix").payable
    refused = u.route(PIX, "unionpay")
    assert not refused.payable and refused.reason
    with pytest.raises(u.EmvqrError.UnknownWallet):
        u.route(PIX, "no-such-wallet")


def test_generators():
    code = u.new_code("promptpay", {"phone": "0812345678", "amount": "150.00"})
    assert u.decode(code).scheme == "promptpay"
    with pytest.raises(u.EmvqrError.Input) as info:
        u.new_code("promptpay", {"phone": "12345"})
    assert info.value.input == "phone"
