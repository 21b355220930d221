"""Main-text extraction from web pages: trafilatura against the alternatives already at hand.

    python benchmarks/html_extraction.py [--pages 200]

Pages are generated here (never copied from the web): an article of real-looking sentences
wrapped in what news pages carry around it: a cookie banner, navigation, ads, a related-links
box, a newsletter box, comments and a footer. For each extractor the table gives the share of
article sentences kept (recall), the share of boilerplate lines that leaked into the text,
and the time per page. Extractors: trafilatura (what the project uses), sumy's HtmlParser
(breadability, a readability port that sumy already depends on) and lxml's text_content()
(no extraction at all: the floor).
"""

from __future__ import annotations

import argparse
import random
import time

SENTENCES = [
    "The United States carried out air strikes in eastern Syria against facilities used by militias.",
    "Officials said the strikes were a response to rocket attacks against personnel in Iraq.",
    "A war monitor reported at least 22 fatalities near the border crossing on Friday.",
    "The defence ministry said the operation had been planned for several weeks.",
    "Local residents described hearing several loud explosions shortly after midnight.",
    "The government in Baghdad said it had not been consulted before the operation.",
    "Analysts said the strikes were meant to deter further attacks without widening the conflict.",
    "The militia group vowed to retaliate and named four members it said were killed.",
    "Diplomats in Vienna said talks on the nuclear agreement would resume next week.",
    "The president's spokeswoman declined to comment on the strikes on Sunday evening.",
]
BOILERPLATE = [
    "We use cookies to improve your experience on our site. Accept all cookies",
    "Sign up for our morning newsletter and get the top stories delivered daily",
    "Most read: Ten things you missed this week in politics",
    "Copyright 2021 Example Media Group. All rights reserved.",
    "Advertisement - scroll to continue reading the story below",
    "Related: Markets fall as oil prices climb for a third day",
    "Comments are closed for this article. Read our community guidelines",
]


def page(rng: random.Random) -> tuple[str, list[str]]:
    body = rng.sample(SENTENCES, 6)
    paragraphs = "".join(f"<p>{s}</p>" + (f'<div class="ad">{BOILERPLATE[4]}</div>' if k == 2 else "") for k, s in enumerate(body))
    html = f"""<!DOCTYPE html><html><head><title>Strikes in Syria | Example</title></head><body>
<div class="cookie-consent">{BOILERPLATE[0]}</div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<aside class="newsletter">{BOILERPLATE[1]}</aside>
<main><article><h1>Strikes in Syria</h1>{paragraphs}</article></main>
<aside class="most-read"><h3>{BOILERPLATE[2]}</h3></aside><aside class="related">{BOILERPLATE[5]}</aside>
<section class="comments">{BOILERPLATE[6]}</section><footer>{BOILERPLATE[3]}</footer></body></html>"""
    return html, body


def with_trafilatura(html: str) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    return document.text if document is not None and document.text else ""


def with_sumy(html: str) -> str:
    from sumy.parsers.html import HtmlParser

    from summarizer.sentences import SumyTokenizer

    parser = HtmlParser.from_string(html, None, SumyTokenizer())
    return "\n".join(str(s) for s in parser.document.sentences)


def with_lxml(html: str) -> str:
    import lxml.html

    return lxml.html.fromstring(html).text_content()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(2021)
    pages = [page(rng) for _ in range(args.pages)]
    print(f"{args.pages} generated pages")
    print(f"{'extractor':<22}{'kept':>8}{'leaked':>9}{'ms/page':>9}")
    for name, fn in (("trafilatura", with_trafilatura), ("sumy HtmlParser", with_sumy), ("lxml text_content", with_lxml)):
        fn(pages[0][0])  # imports, outside the timing
        kept = leaked = 0
        start = time.perf_counter()
        for html, body in pages:
            text = " ".join(fn(html).split())
            kept += sum(s in text for s in body)
            leaked += sum(b in text for b in BOILERPLATE)
        ms = 1000 * (time.perf_counter() - start) / len(pages)
        print(f"{name:<22}{kept / (6 * len(pages)):>8.0%}{leaked / (len(BOILERPLATE) * len(pages)):>9.0%}{ms:>9.1f}")


if __name__ == "__main__":
    main()
