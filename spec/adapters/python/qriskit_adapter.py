#!/usr/bin/env python3
"""Conformance adapter for qriskit (PyPI), speaking spec/PROTOCOL.md on stdin/stdout.

qriskit parses and validates QRIS, Indonesia's profile of EMV QRCPS MPM. It is scored here on
its EMVCo checks: the two rules that only QRIS has (currency 360, country ID) are set aside, and
every other error-level issue makes the payload invalid. The error code is sent only when the
library reports exactly one error and that error names one code of the spec unambiguously;
otherwise the response carries the verdict alone (and is scored on it). Warnings are not sent.
"""

import json
import sys

import qriskit
from qriskit import model
from qriskit.errors import QRISParseError

# Issues that belong to the QRIS profile, not to EMVCo MPM.
QRIS_ONLY = {"currency.invalid", "country.invalid"}

# qriskit issue code -> spec error code, where the meaning is the same.
ISSUE_CODES = {
    "crc.missing": "crc_missing",
    "crc.not_last": "crc_not_last",
    "tag.duplicate": "duplicate_id",
    "tag.required": "missing_mandatory",
    "merchant_account.missing": "missing_merchant_account",
    "poi.invalid": "invalid_poi",
    "amount.invalid": "invalid_amount",
    "tag.length": "field_too_long",
}

# Structural parse errors, by the start of the library's message.
PARSE_CODES = {
    "Payload is empty": "empty",
    "Truncated element": "truncated",
    "Invalid tag": "invalid_id",
    "Invalid length": "invalid_length",
}

MPM_TEMPLATES = {f"{n:02d}" for n in list(range(26, 52)) + [62, 64] + list(range(80, 100))}


def fields_of(qris):
    fields = {}
    for node in qris.nodes:
        if node.tag in MPM_TEMPLATES:
            children = model.children_of(node.value)
            if children is None:
                fields[node.tag] = node.value
            else:
                fields[node.tag] = {c.tag: c.value for c in children}
        else:
            fields[node.tag] = node.value
    return fields


def answer(request):
    if request.get("kind", "mpm") not in ("mpm", "profile"):
        return {"skipped": "only merchant-presented payloads"}
    if "payload" in request:
        payload = request["payload"]
    else:
        try:
            payload = bytes.fromhex(request["payload_hex"]).decode("utf-8")
        except (KeyError, ValueError):
            return {"skipped": "the library takes text only, these bytes are not UTF-8"}
    try:
        qris = model.parse_payload(payload)
    except QRISParseError as exc:
        message = str(exc)
        code = next((c for p, c in PARSE_CODES.items() if message.startswith(p)), None)
        if code is None and "declares" in message:
            code = "length_overrun"
        return {"valid": False, "error": code, "fields": None, "message": message}
    except Exception as exc:  # the library failed: report it as a refusal without a code
        return {"valid": False, "error": None, "fields": None, "message": repr(exc)}
    try:
        issues = qriskit.validate(qris)
    except Exception as exc:  # the library failed: report it as a refusal without a code
        return {"valid": False, "error": None, "fields": None, "message": repr(exc)}
    errors = [i for i in issues if i.severity == "error" and i.code not in QRIS_ONLY]
    if not errors:
        return {"valid": True, "error": None, "fields": fields_of(qris)}
    code = ISSUE_CODES.get(errors[0].code) if len(errors) == 1 else None
    message = ", ".join(f"{i.code} {i.path}" if i.path else i.code for i in errors)
    return {"valid": False, "error": code, "fields": None, "message": message}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as exc:
            print(json.dumps({"id": None, "protocol_error": str(exc)}), flush=True)
            continue
        response = {"id": request.get("id")}
        response.update(answer(request))
        print(json.dumps(response, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
