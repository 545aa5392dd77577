#!/usr/bin/env python3
"""Checks the relative links of README.md and docs/*.md.

Every relative link must name a file that exists, and a #anchor must name a heading of the
file it points to (GitHub's slugs: lower case, punctuation dropped, spaces as hyphens, -1, -2
for repeated headings). Links to web sites (http:, https:, mailto:) are not checked.

Usage, from the repository root:
    python3 src/bench/check_links.py [--allow-missing docs/figures.md ...]

Exit status 0 when every link resolves; 1 with the broken links listed, one a line, as
FILE:LINE: LINK (why).
"""
import argparse
import os
import re
import sys
import unicodedata

LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
HEADING = re.compile(r'^(#{1,6})\s+(.*?)\s*#*\s*$')
FENCE = re.compile(r'^\s*(```|~~~)')


def slug(text):
    """GitHub's anchor for a heading's text."""
    text = re.sub(r'`([^`]*)`', r'\1', text)          # code spans keep their text
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', text)  # links keep their text
    text = re.sub(r'<[^>]+>', '', text)                # html tags
    text = text.strip().lower()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in ' -':
            out.append('-' if ch == ' ' else ch)
        elif ch == '_' or cat[0] in 'LN' or cat == 'Mn':
            out.append(ch)
    return ''.join(out)


def lines_outside_code(path):
    """(line number, text) of every line not inside a fenced code block."""
    with open(path, encoding='utf-8') as f:
        fenced = False
        for number, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield number, line.rstrip('\n')


def anchors(path, cache={}):
    """The anchors of every heading of a markdown file."""
    if path not in cache:
        seen = {}
        found = set()
        for _, line in lines_outside_code(path):
            m = HEADING.match(line)
            if not m:
                continue
            s = slug(m.group(2))
            n = seen.get(s, 0)
            seen[s] = n + 1
            found.add(s if n == 0 else f'{s}-{n}')
        cache[path] = found
    return cache[path]


def check(files, root, allowed_missing):
    broken = []
    for md in files:
        here = os.path.dirname(md)
        for number, line in lines_outside_code(md):
            # inline code spans are not links
            for m in LINK.finditer(re.sub(r'`[^`]*`', '', line)):
                target = m.group(1)
                if re.match(r'^[a-z][a-z0-9+.-]*:', target, re.I):
                    continue
                path, _, anchor = target.partition('#')
                resolved = os.path.normpath(os.path.join(here, path)) if path else md
                rel = os.path.relpath(resolved, root)
                where = f'{os.path.relpath(md, root)}:{number}: {target}'
                if not os.path.exists(resolved):
                    if rel not in allowed_missing:
                        broken.append(f'{where} (no file {rel})')
                    continue
                if anchor and resolved.endswith('.md') and anchor not in anchors(resolved):
                    broken.append(f'{where} (no heading #{anchor} in {rel})')
    return broken


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--root', default='.', help='the repository root (default: .)')
    parser.add_argument('--allow-missing', action='append', default=[], metavar='PATH',
                        help='a linked file (relative to the root) that may be absent; repeatable')
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    docs = os.path.join(root, 'docs')
    files = [os.path.join(root, 'README.md')]
    if os.path.isdir(docs):
        files += sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith('.md'))
    files = [f for f in files if os.path.exists(f)]
    allowed = {os.path.normpath(p) for p in args.allow_missing}
    broken = check(files, root, allowed)
    for b in broken:
        print(b)
    print(f'{len(files)} files checked, {len(broken)} broken link(s)', file=sys.stderr)
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main())
