#!/usr/bin/env python3
"""Check and reduce SARIF logs for their goldens, all in one process:

    sarif-reduce.py BASEDIR RAW OUT [RAW OUT ...]

Each RAW is what `ocicheck -f sarif` wrote, run from BASEDIR; OUT gets it
after a check and two reductions, so that the goldens do not carry (and go
stale with) the whole rule table and the checkout path:
- every result's ruleIndex must name its ruleId's entry in
  tool.driver.rules; the golden then keeps only the rules the results
  use, without their description texts, with ruleIndex renumbered;
- the %SRCROOT% and working directory URIs must be BASEDIR's file URI,
  written as file:///TESTDATA/.
The rest is kept as is; scripts/conformance-sarif validates the unreduced
output against the SARIF schema. An empty RAW (no report written) stays
empty. Exits 1 naming every RAW that fails the check.
"""
import json
import sys
import urllib.parse

DESCRIPTIONS = ('shortDescription', 'fullDescription', 'help')


def reduce(log, here):
    run = log['runs'][0]
    driver = run['tool']['driver']
    rules = driver['rules']
    used = set()
    for r in run['results']:
        i = r['ruleIndex']
        if not 0 <= i < len(rules) or rules[i]['id'] != r['ruleId']:
            raise ValueError('ruleIndex %r does not name %s' % (i, r['ruleId']))
        used.add(i)
    keep = sorted(used)
    renumber = {old: new for new, old in enumerate(keep)}
    driver['rules'] = [{k: v for k, v in rules[i].items()
                        if k not in DESCRIPTIONS} for i in keep]
    for r in run['results']:
        r['ruleIndex'] = renumber[r['ruleIndex']]
    for holder in (run.get('originalUriBaseIds', {}).get('%SRCROOT%'),
                   *(i.get('workingDirectory') for i in run['invocations'])):
        if holder is None:
            continue
        if holder['uri'] != here:
            raise ValueError('%s is not %s' % (holder['uri'], here))
        holder['uri'] = 'file:///TESTDATA/'


def main():
    base, pairs = sys.argv[1], sys.argv[2:]
    here = 'file://' + urllib.parse.quote(base, safe="/-._~!$&'()*+,;=@")
    if not here.endswith('/'):
        here += '/'
    bad = 0
    for raw, out in zip(pairs[::2], pairs[1::2]):
        with open(raw, encoding='utf-8') as f:
            text = f.read()
        try:
            if text:
                log = json.loads(text)
                reduce(log, here)
                text = json.dumps(log, indent=2, ensure_ascii=False) + '\n'
        except (ValueError, KeyError, TypeError) as e:
            print('%s: %s' % (raw, e))
            bad = 1
            continue
        with open(out, 'w', encoding='utf-8') as f:
            f.write(text)
    return bad


if __name__ == '__main__':
    sys.exit(main())
