#!/usr/bin/env node
// Conformance adapter for pix-utils (npm), speaking spec/PROTOCOL.md on stdin/stdout.
//
// pix-utils parses Brazil's Pix codes only (EMV MPM with the GUID br.gov.bcb.pix), so the
// adapter skips every payload that does not carry that GUID (in any case) and answers the rest
// with parsePix's verdict. The parsed Pix object is not a map of EMV data objects, so no fields
// are sent; the library's refusal text is sent as `message` (it does not map to the spec's codes).
"use strict";

const readline = require("node:readline");
const { parsePix, hasError } = require("pix-utils");

function answer(request) {
  if (!["mpm", "profile"].includes(request.kind || "mpm")) {
    return { skipped: "only merchant-presented payloads" };
  }
  let payload = request.payload;
  if (typeof payload !== "string") {
    try {
      const bytes = Buffer.from(request.payload_hex || "", "hex");
      payload = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (_) {
      return { skipped: "the library takes text only, these bytes are not UTF-8" };
    }
  }
  if (!payload.toLowerCase().includes("br.gov.bcb.pix")) {
    return { skipped: "not a Pix payload (pix-utils parses Pix only)" };
  }
  let pix;
  try {
    pix = parsePix(payload);
  } catch (e) {
    return { valid: false, error: null, fields: null, message: String(e) };
  }
  if (hasError(pix)) {
    return { valid: false, error: null, fields: null, message: String(pix.message) };
  }
  return { valid: true, error: null, fields: null };
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (line.trim() === "") return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, protocol_error: String(e) }) + "\n");
    return;
  }
  const response = Object.assign({ id: request.id }, answer(request));
  process.stdout.write(JSON.stringify(response) + "\n");
});
