#!/usr/bin/env node
// Conformance adapter for promptparse (npm), speaking spec/PROTOCOL.md on stdin/stdout.
//
// promptparse's parse(payload, strict = true) checks the CRC (in either case) and splits the
// TLV; it returns null for what it refuses. The adapter answers with the verdict and the fields
// (templates 26-51, 62, 64 and 80-99 as objects of their sub-tags). promptparse gives no reason
// for a refusal, so no error code is sent and refusals are scored on the verdict.
"use strict";

const readline = require("node:readline");
const { parse } = require("promptparse");

const TEMPLATES = new Set();
for (let n = 26; n <= 51; n++) TEMPLATES.add(String(n));
for (let n = 80; n <= 99; n++) TEMPLATES.add(String(n));
TEMPLATES.add("62");
TEMPLATES.add("64");

function fieldsOf(qr) {
  const fields = {};
  for (const tag of qr.getTags()) {
    if (TEMPLATES.has(tag.id) && Array.isArray(tag.subTags)) {
      const subs = {};
      for (const sub of tag.subTags) subs[sub.id] = sub.value;
      fields[tag.id] = subs;
    } else {
      fields[tag.id] = tag.value;
    }
  }
  return fields;
}

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
  let qr;
  try {
    qr = parse(payload, true, true);
  } catch (e) {
    return { valid: false, error: null, fields: null, message: String(e) };
  }
  if (qr === null) return { valid: false, error: null, fields: null, message: "parse() returned null" };
  return { valid: true, error: null, fields: fieldsOf(qr) };
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
