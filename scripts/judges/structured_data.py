"""Reads every page in the sitemap with extruct (the structured-data extractor search engines' tools
are built on) and reports what a search engine would find wrong: a page without its schema.org
description, a block that does not parse, a type that does not fit the page, a fact given as null or
empty, OpenGraph that disagrees with the canonical address.

Usage: structured_data.py BASE_URL (the sitemap's addresses must be on it). Exit status 1 on findings.
"""
import json
import sys
import urllib.request
import xml.etree.ElementTree as ElementTree

import extruct

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SOLUTION_TYPES = {"Product": "manufacturer", "Service": "provider", "Course": "provider"}


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def absent_values(value, at):
    """Every null, empty string or empty list in a JSON-LD value, by its path."""
    if value is None or value == "" or value == []:
        yield at
    elif isinstance(value, dict):
        for name, member in value.items():
            yield from absent_values(member, f"{at}.{name}")
    elif isinstance(value, list):
        for item in value:
            yield from absent_values(item, f"{at}[]")


def findings_on(url, html):
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], errors="strict")
    blocks = data["json-ld"]
    path = url.split("/", 3)[3]
    section = path.split("/")[1] if "/" in path else ""
    canonical = next(
        (prop[1] for og in data["opengraph"] for prop in og["properties"] if prop[0] == "og:url"), None
    )
    if canonical is None:
        yield "no og:url"
    elif canonical != url:
        yield f"og:url {canonical} is not the page's address"
    if len(blocks) != 1:
        yield f"{len(blocks)} JSON-LD blocks, expected one"
        return
    block = blocks[0]
    if block.get("@context") != "https://schema.org":
        yield f"@context {block.get('@context')!r}"
    kind = block.get("@type")
    if section == "organizations" and kind != "Organization":
        yield f"@type {kind!r} on a profile"
    if section == "solutions":
        role = SOLUTION_TYPES.get(kind)
        if role is None:
            yield f"@type {kind!r} on a solution"
        elif not isinstance(block.get(role), dict) or block[role].get("@type") != "Organization":
            yield f"no {role} Organization"
    if block.get("url") != url:
        yield f"url {block.get('url')!r} is not the page's address"
    if not block.get("name"):
        yield "no name"
    for at in absent_values(block, "$"):
        yield f"absent value at {at}"


def main():
    base = sys.argv[1].rstrip("/")
    sitemap = ElementTree.fromstring(fetch(f"{base}/sitemap.xml"))
    pages = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    # Profiles and solutions carry structured data; the sections are lists.
    described = [url for url in pages if url.count("/") >= 5]
    problems = []
    for url in described:
        try:
            problems += [f"{url}: {finding}" for finding in findings_on(url, fetch(url))]
        except (json.JSONDecodeError, ValueError) as error:
            problems.append(f"{url}: structured data does not parse: {error}")
    print(f"{len(described)} pages read, {len(problems)} findings")
    for problem in problems:
        print(problem)
    if len(described) < 100:
        print("fewer pages than the demo data has")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
