#!/usr/bin/env python3
"""Keep the contract format's three descriptions in step with its loader.

The keys of each contract mapping are listed once, in
src/contract/fields.inc, and the loader takes them from there. This test
holds to that list the JSON Schema (share/contract-v1.schema.json) and
the key lists of ocicheck-contract(5), object by object, and holds the
schema to the loader's verdict on every contract under testdata/: one
that loads passes the schema, one refused for a key or a type fails it.
`ocicheck contract schema` must print the schema file byte for byte.

usage: contract-docs.py OCICHECK SOURCE_DIR   (exit 77: no jsonschema/yaml)
"""
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"skipped: {e.name} is not installed (python3-jsonschema, "
          "python3-yaml)")
    sys.exit(77)

ocicheck, src = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)


def loader_objects():
    """{path: (open, [keys])} from the field table, fields.inc."""
    text = open(os.path.join(src, "src/contract/fields.inc")).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out, path = {}, None
    for m in re.finditer(r"CONTRACT_(\w+)\((.*?)\)\s*$|CONTRACT_END",
                         text, flags=re.S | re.M):
        if m.group(0) == "CONTRACT_END":
            path = None
            continue
        args = [a.strip() for a in m.group(2).split(",")]
        if m.group(1) == "OBJECT":
            path = args[1].strip('"')
            out[path] = (args[3] == "1", [])
        elif path is not None and m.group(1) != "ALIAS":
            key = next(a for a in args if a.startswith('"'))
            out[path][1].append(key.strip('"'))
    if len(out) < 10:
        sys.exit(f"fields.inc: only {len(out)} objects read; has its form "
                 "changed?")
    return out


def schema_objects(schema):
    """{path: (open, [keys])} of every schema object with properties."""
    out = {}

    def deref(node):
        while "$ref" in node:
            node = schema["definitions"][node["$ref"].split("/")[-1]]
        return node

    def walk(node, path):
        node = deref(node)
        if "properties" in node:
            out[path] = (node.get("additionalProperties") is not False,
                         list(node["properties"]))
            for k, sub in node["properties"].items():
                walk(sub, f"{path}.{k}" if path else k)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + "[]")

    walk(schema, "")
    return out


def man_objects():
    """{path: (None, [keys])}: each .Ss names a path, each .It Cm a key."""
    out, path = {}, None
    for line in open(os.path.join(src, "man/ocicheck-contract.5")):
        m = re.match(r"\.Ss (.*)", line)
        if m:
            title = m.group(1).strip().strip('"')
            path = "" if title == "Top level" else title
            if not re.fullmatch(r"[A-Za-z.\[\]]*", path):
                path = None
            else:
                out.setdefault(path, (None, []))
            continue
        if line.startswith(".Sh"):
            path = None
        m = re.match(r"\.It Cm (\S+)", line)
        if m and path is not None:
            out[path][1].append(m.group(1))
    return out


def compare(name, got, want):
    for path in sorted(set(want) | set(got)):
        if path not in got:
            fail(f"{name} lacks object '{path}'")
            continue
        if path not in want:
            fail(f"{name} has object '{path}', which the loader lacks")
            continue
        gk, wk = got[path][1], want[path][1]
        if sorted(gk) != sorted(wk) or len(set(gk)) != len(gk):
            fail(f"{name} '{path}': keys {sorted(gk)}, loader "
                 f"{sorted(wk)}")
        if got[path][0] is not None and got[path][0] != want[path][0]:
            fail(f"{name} '{path}': {'open' if got[path][0] else 'closed'},"
                 f" loader {'open' if want[path][0] else 'closed'}")


class CoreLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, as ocicheck reads plain scalars (PyYAML
    alone takes yes, on and 010 the YAML 1.1 way)."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, rx, first in [
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("null", r"^(?:~|null|Null|NULL|)$", "~nN\0"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)"
         r"(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         "-+.0123456789")]:
    CoreLoader.add_implicit_resolver("tag:yaml.org,2002:" + tag,
                                     re.compile(rx), list(first))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null",
                                 re.compile(r"^$"), [""])

# The loader's messages for a key or a type; any other refusal (a value
# out of range, items that contradict each other) is the loader's alone.
KEY_OR_TYPE = re.compile(r"unknown key|lacks required key|must be a "
                         r"(mapping|list|string|boolean|number)|must be "
                         r"strings|must be error, warning|must be a "
                         r"non-negative integer")


def contracts():
    for root, _, files in os.walk(os.path.join(src, "testdata")):
        for f in sorted(files):
            if not f.endswith((".yaml", ".yml")):
                continue
            p = os.path.join(root, f)
            with open(p, errors="replace") as fh:
                head = fh.read(4096)
            if re.search(r"^apiVersion: *['\"]?ocicheck/", head, re.M):
                yield p


def check_testdata(schema):
    validator = jsonschema.Draft7Validator(schema)
    n = {"loads": 0, "refused": 0, "other": 0}
    for p in contracts():
        r = subprocess.run([ocicheck, "--no-config", "contract", "lint", p],
                           capture_output=True, text=True)
        try:
            doc = yaml.load(open(p), Loader=CoreLoader)
        except yaml.YAMLError:
            doc = None
        errs = list(validator.iter_errors(doc)) if doc is not None else []
        rel = os.path.relpath(p, src)
        if "invalid contract" not in r.stderr:
            n["loads"] += 1
            if doc is None:
                fail(f"{rel}: loads, but PyYAML cannot read it")
            for e in errs[:3]:
                fail(f"{rel}: loads, but the schema refuses it at "
                     f"/{'/'.join(map(str, e.path))}: {e.message}")
            continue
        msgs = [l for l in r.stderr.splitlines()[1:]
                if re.match(r".*:\d+:\d+: ", l)]
        if msgs and all(KEY_OR_TYPE.search(m) for m in msgs):
            n["refused"] += 1
            if doc is not None and not errs:
                fail(f"{rel}: refused for a key or type ({msgs[0]}), but "
                     "the schema passes it")
        else:
            n["other"] += 1
    if n["loads"] < 20:
        fail(f"only {n['loads']} contracts under testdata/ load")
    print(f"testdata: {n['loads']} contracts load and pass the schema, "
          f"{n['refused']} refused for a key or type fail it, "
          f"{n['other']} refused for other reasons")


def check_man_example():
    """The worked example in EXAMPLES must itself be a valid contract."""
    import tempfile
    text = open(os.path.join(src, "man/ocicheck-contract.5")).read()
    m = re.search(r"^\.Sh EXAMPLES\n.*?^\.Bd -literal[^\n]*\n(.*?)^\.Ed",
                  text, flags=re.S | re.M)
    if not m:
        fail("ocicheck-contract(5) has no example contract")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
        f.write(m.group(1).replace("\\e", "\\"))
        f.flush()
        r = subprocess.run([ocicheck, "--no-config", "contract", "lint",
                            f.name], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"the example of ocicheck-contract(5) does not lint: "
             f"{r.stderr.strip()}")


def main():
    path = os.path.join(src, "share/contract-v1.schema.json")
    raw = open(path, "rb").read()
    schema = json.loads(raw)
    jsonschema.Draft7Validator.check_schema(schema)
    out = subprocess.run([ocicheck, "contract", "schema"],
                         capture_output=True).stdout
    if out != raw:
        fail("`ocicheck contract schema` differs from "
             "share/contract-v1.schema.json")
    want = loader_objects()
    compare("the schema", schema_objects(schema), want)
    compare("ocicheck-contract(5)", man_objects(), want)
    check_man_example()
    check_testdata(schema)
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


main()
