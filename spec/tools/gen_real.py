#!/usr/bin/env python3
"""Build the real-code corpus under spec/real/ (one file of vectors per scheme).

Python 3, standard library only. Run from anywhere:

    python3 spec/tools/gen_real.py            # rewrite spec/real/*.json
    python3 spec/tools/gen_real.py --check    # only verify; exit 1 if a file would change

Inputs, both under spec/real/sources/:
- `*.jsonl`: the codes as gathered, one JSON object a line, never edited: the payload exactly as
  its source prints it, the scheme, the provenance (repository, commit, path and line, or a
  document), the source's own verdict (`valid`, `invalid` or `unstated`) and what the source
  says about it.
- `verdicts.json`: this crate's verdict on each code, by vector id: `expect`, the `error` for an
  invalid one (`code`, `path`, and `rule` for a scheme rule) and `why`, which names the clause or
  rule that decides. `why` is required wherever the verdict differs from the source's, and
  where the source gives none.

Each vector is an `mpm` vector decoded with the default options (spec/README.md, "Vector
format (real)").
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.normpath(os.path.join(HERE, "..", "real"))
SOURCES = os.path.join(REAL, "sources")
VERDICTS = os.path.join(SOURCES, "verdicts.json")

RECORD_KEYS = {"payload", "scheme", "country", "repo", "commit", "path", "line", "document",
               "source_verdict", "source_says"}


def fail(msg):
    sys.exit("gen_real.py: " + msg)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def records():
    """Every gathered record, in file order; the first of two records of one payload wins."""
    out, seen = [], {}
    for name in sorted(os.listdir(SOURCES)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(SOURCES, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                where = "%s:%d" % (name, n)
                if set(r) != RECORD_KEYS:
                    fail("%s: keys %s" % (where, sorted(set(r) ^ RECORD_KEYS)))
                if not isinstance(r["payload"], str) or not r["payload"]:
                    fail(where + ": no payload")
                if r["source_verdict"] not in ("valid", "invalid", "unstated"):
                    fail(where + ": source_verdict")
                # A file of a repository: its commit and path; otherwise a document (an issue
                # thread, a web page, a package outside GitHub) says where.
                if r["commit"] is not None:
                    if not (r["repo"] and re.fullmatch(r"[0-9a-f]{40}", r["commit"])
                            and r["path"]):
                        fail(where + ": a repository file needs its repository, commit and path")
                elif not r["document"]:
                    fail(where + ": neither a repository file nor a document")
                if r["payload"] in seen:
                    continue
                seen[r["payload"]] = where
                out.append(r)
    return out


def vector_id(r, taken):
    origin = r["repo"].split("/")[-1] if r["repo"] else r["document"].split(" ")[0]
    if not r["commit"] and r["document"]:
        origin = (r["repo"] or "").split("/")[-1] + "-" + r["document"][:24]
    base = "real-%s-%s" % (slug(r["scheme"]), slug(origin)[:40])
    if r["line"]:
        base += "-%d" % r["line"]
    vid, n = base, 2
    while vid in taken:
        vid, n = "%s-%d" % (base, n), n + 1
    taken.add(vid)
    return vid


def source_text(r):
    if r["commit"]:
        line = "#L%d" % r["line"] if r["line"] else ""
        return "https://github.com/%s/blob/%s/%s%s" % (r["repo"], r["commit"], r["path"], line)
    return r["document"] + (" (%s, line %d)" % (r["path"], r["line"]) if r["line"] else "")


def build():
    with open(VERDICTS, encoding="utf-8") as f:
        verdicts = json.load(f)
    files, taken = {}, set()
    for r in records():
        vid = vector_id(r, taken)
        d = verdicts.get(vid)
        if d is None:
            fail("%s: no verdict in sources/verdicts.json" % vid)
        if set(d) - {"expect", "error", "why"} or d.get("expect") not in ("valid", "invalid"):
            fail(vid + ": malformed verdict")
        if (d["expect"] == "invalid") != ("error" in d):
            fail(vid + ": an invalid verdict, and only one, names its error")
        if d["expect"] != r["source_verdict"] and not d.get("why"):
            fail(vid + ": the verdict differs from the source's (or it gave none): say why")
        v = {"id": vid, "scheme": r["scheme"], "source": source_text(r),
             "provenance": {k: r[k] for k in ("repo", "commit", "path", "line", "document")
                            if r[k] is not None},
             "source_verdict": r["source_verdict"], "source_says": r["source_says"],
             "payload": r["payload"], "expect": d["expect"]}
        if r["country"]:
            v["country"] = r["country"]
        if "error" in d:
            v["error"] = d["error"]
        if d.get("why"):
            v["why"] = d["why"]
        files.setdefault(slug(r["scheme"]) + ".json", []).append(v)
    stale = set(verdicts) - taken
    if stale:
        fail("verdicts for no record: %s" % sorted(stale)[:5])
    return files


def main():
    files = build()
    check_only = "--check" in sys.argv[1:]
    changed = []
    present = {n for n in os.listdir(REAL) if n.endswith(".json")}
    for name, vecs in sorted(files.items()):
        text = json.dumps(vecs, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path = os.path.join(REAL, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(name)
            if not check_only:
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
    extra = sorted(present - set(files))
    if extra:
        changed += extra
        if not check_only:
            for name in extra:
                os.remove(os.path.join(REAL, name))
    total = differ = 0
    for name, vecs in sorted(files.items()):
        d = sum(1 for v in vecs if v["source_verdict"] != "unstated"
                and v["expect"] != v["source_verdict"])
        total += len(vecs)
        differ += d
        print("%-24s %4d codes: %4d valid, %4d invalid, %3d differ from the source" % (
            name, len(vecs), sum(v["expect"] == "valid" for v in vecs),
            sum(v["expect"] == "invalid" for v in vecs), d))
    print("%-24s %4d codes, %d verdicts differ from the source's" % ("total", total, differ))
    if check_only and changed:
        print("out of date: " + ", ".join(changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
