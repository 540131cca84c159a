"""EMVCo QR payment codes: decode, validate, route and generate.

The decoding is the ``emvqr`` Rust crate's (strict, panic-free, both modes: merchant-presented
text with a CRC and consumer-presented base64). A refused payload raises :class:`EmvqrError`
with the crate's error ``code``, the character ``offset``, the data-object ``path`` and, for a
scheme's rule, its ``rule`` id.

>>> import emvqr
>>> p = emvqr.decode("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D")
>>> (p.scheme, p.fields["59"])
('pix', 'Fulano de Tal')
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

from . import _native

__all__ = [
    "Decoded",
    "EmvqrError",
    "Finding",
    "GeneratorError",
    "Route",
    "Scan",
    "decode",
    "decode_all",
    "decode_batch",
    "decode_table",
    "new_code",
    "render_png",
    "render_svg",
    "route",
    "scan",
]

__version__ = _native.__version__


@dataclass(frozen=True)
class Finding:
    """An error or a warning: what, where (character offset and data-object path), and the
    scheme rule it comes from, if any."""

    code: str
    offset: int
    path: str
    message: str
    rule: Optional[str] = None
    severity: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def _finding(d: Dict[str, Any]) -> Finding:
    return Finding(
        code=d["code"],
        offset=d["offset"],
        path=d["path"],
        message=d["message"],
        rule=d.get("rule"),
        severity=d.get("severity"),
    )


class EmvqrError(ValueError):
    """A payload the decoder refuses: ``code``, ``offset``, ``path``, ``rule``."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding
        self.code = finding.code
        self.offset = finding.offset
        self.path = finding.path
        self.rule = finding.rule


class GeneratorError(ValueError):
    """A generator's input refused: ``input`` (as ``emvqr new`` names its flag) and why."""

    def __init__(self, input: str, message: str, code: Optional[str], rule: Optional[str]):
        super().__init__(f"{input}: {message}")
        self.input = input
        self.code = code
        self.rule = rule


@dataclass(frozen=True)
class Decoded:
    """A valid payload: its mode (``mpm`` or ``cpm``), the scheme recognised (profile ids
    joined by ``+``, or ``None``), its data objects and its warnings. Card data of a
    consumer-presented code is masked."""

    mode: str
    scheme: Optional[str]
    fields: Dict[str, Any]
    warnings: List[Finding] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def _decoded(d: Dict[str, Any]) -> Decoded:
    if not d["valid"]:
        raise EmvqrError(_finding(d["error"]))
    return Decoded(d["mode"], d["scheme"], d["fields"], [_finding(w) for w in d["warnings"]])


def decode(
    payload: str, *, lenient: bool = False, pedantic: bool = False, mode: str = "auto"
) -> Decoded:
    """Decodes and validates one payload; raises :class:`EmvqrError` when it is refused.
    ``mode``: ``auto`` (consumer-presented when the text starts as one), ``mpm`` or ``cpm``."""
    return _decoded(json.loads(_native.decode_json(payload, lenient, pedantic, mode)))


def decode_batch(
    payloads: List[str], *, lenient: bool = False, pedantic: bool = False
) -> List[Dict[str, Any]]:
    """Decodes many payloads with the interpreter released: one dict per payload, in order,
    with the same keys on each (``valid``, ``mode``, ``scheme``, ``fields``, ``error``,
    ``warnings``), as ``emvqr decode --lines --json`` writes them."""
    return json.loads(_native.decode_batch_json(list(payloads), lenient, pedantic))


_STRING_COLUMNS = [
    "mode",
    "scheme",
    "error_code",
    "path",
    "merchant_name",
    "merchant_city",
    "amount",
    "currency",
]


def decode_table(payloads: Any, *, lenient: bool = False, pedantic: bool = False) -> Any:
    """Decodes many payloads into an Apache Arrow table (``pyarrow``, the extra ``arrow``):
    one row per payload, in order, with ``line`` (from 1), ``valid``, ``mode``, ``scheme``,
    ``error_code``, ``offset``, ``path``, ``merchant_name``, ``merchant_city``, ``amount`` (the
    text, exact), ``currency`` (ISO 4217 alpha) and ``providers`` (the networks its accounts
    name). ``payloads`` is a list of strings or an Arrow string array; the Arrow buffers go to
    the decoder and come back without a Python object per value, and the decoding runs with
    the interpreter released."""
    import pyarrow as pa

    if isinstance(payloads, pa.ChunkedArray):
        payloads = payloads.combine_chunks()
    if not isinstance(payloads, pa.Array):
        payloads = pa.array(payloads, type=pa.string())
    if payloads.type != pa.string() or payloads.offset != 0 or payloads.null_count:
        payloads = pa.array([p or "" for p in payloads.to_pylist()], type=pa.string())
    n = len(payloads)
    _, offsets, data = payloads.buffers()
    valid, (offset_valid, offset_values), strings, (lists, providers) = _native.decode_arrow(
        bytes(offsets) if offsets is not None else b"\0\0\0\0",
        bytes(data) if data is not None else b"",
        n,
        lenient,
        pedantic,
    )

    def text(column, length):
        validity, value_offsets, values = column
        return pa.Array.from_buffers(
            pa.string(),
            length,
            [pa.py_buffer(validity), pa.py_buffer(value_offsets), pa.py_buffer(values)],
        )

    data = {
        "line": pa.array(range(1, n + 1), type=pa.int64()),
        "valid": pa.Array.from_buffers(pa.bool_(), n, [None, pa.py_buffer(valid)]),
    }
    for name, column in zip(_STRING_COLUMNS[:3], strings[:3]):
        data[name] = text(column, n)
    data["offset"] = pa.Array.from_buffers(
        pa.int64(), n, [pa.py_buffer(offset_valid), pa.py_buffer(offset_values)]
    )
    for name, column in zip(_STRING_COLUMNS[3:], strings[3:]):
        data[name] = text(column, n)
    names = text(providers, len(providers[1]) // 4 - 1)
    data["providers"] = pa.ListArray.from_arrays(
        pa.Array.from_buffers(pa.int32(), n + 1, [None, pa.py_buffer(lists)]), names
    )
    return pa.table(data)


def decode_all(payload: str, *, lenient: bool = False, pedantic: bool = False) -> List[Finding]:
    """Every error and warning of a merchant-presented payload, in payload order (each with
    its ``severity``); an empty list for a clean payload."""
    return [_finding(f) for f in json.loads(_native.decode_all_json(payload, lenient, pedantic))]


@dataclass(frozen=True)
class Scan:
    """What a scanned text is (``mpm``, ``cpm``, ``url``, ``paycode``, ``unknown`` or
    ``ambiguous``) and the providers it names."""

    kind: str
    candidates: List[Dict[str, Any]]
    mpm_error: Optional[Finding]

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def scan(text: str, *, lenient: bool = False, pedantic: bool = False) -> Scan:
    """Classifies a scanned text and lists the providers it names."""
    d = json.loads(_native.scan_json(text, lenient, pedantic))
    error = _finding(d["mpm_error"]) if d["mpm_error"] else None
    return Scan(d["kind"], d["candidates"], error)


@dataclass(frozen=True)
class Route:
    """How a wallet pays a scanned code: ``route`` (provider, via, cost, note) or ``None``
    with the ``reason`` (``no_route``, ``invalid_payload``...) and the reason in words."""

    wallet: str
    scan: Scan
    route: Optional[Dict[str, Any]]
    reason: Optional[str]
    reason_words: Optional[str]

    @property
    def payable(self) -> bool:
        return self.route is not None

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def route(text: str, wallet: str, *, lenient: bool = False, pedantic: bool = False) -> Route:
    """Routes a scanned text for one of the embedded wallets (``pix``, ``promptpay``,
    ``unionpay``, ``tenpay``, ``alipay``...)."""
    d = json.loads(_native.route_json(text, wallet, lenient, pedantic))
    error = _finding(d["mpm_error"]) if d["mpm_error"] else None
    s = Scan(d["kind"], d["candidates"], error)
    return Route(d["wallet"], s, d["route"], d["reason"], d["reason_words"])


def new_code(scheme: str, **inputs: Any) -> str:
    """A scheme's code from the inputs its users know, as ``emvqr new SCHEME`` takes them
    (``national_id`` for ``--national-id``; ``True`` for a flag such as ``editable``; a KHQR
    code with an ``amount`` takes ``created`` and ``expires``, milliseconds since 1970).

    >>> new_code("promptpay", phone="0812345678", amount="150.00")[:38]
    '00020101021229370016A00000067701011101'
    """
    args = {
        k.replace("_", "-"): ("true" if v is True else str(v))
        for k, v in inputs.items()
        if v is not None and v is not False
    }
    d = json.loads(_native.new_json(scheme, args))
    if "error" in d:
        e = d["error"]
        raise GeneratorError(e["input"], e["message"], e["code"], e["rule"])
    return d["payload"]


def render_png(payload: str, *, scale: int = 8, level: str = "M") -> bytes:
    """The payload as a PNG image (byte mode, quiet zone of 4 modules)."""
    return bytes(_native.render_png(payload, scale, level))


def render_svg(payload: str, *, level: str = "M") -> str:
    """The payload as an SVG document."""
    return _native.render_svg(payload, level)
