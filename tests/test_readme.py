"""The README's sample output is what the command prints."""

import re

from tests.conftest import ROOT


def test_the_readme_sample_is_the_start_of_what_brief_prints(run):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"`summarizer brief` on the bundled corpus.*?\n```\n(.*?)```", readme, re.S).group(1)
    printed = run("brief", "--width", "80").out
    assert len(sample.splitlines()) > 10
    assert printed.startswith(sample)


def test_the_readme_set_up_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.search(r"## Set-up\n.*?\n\n    (.*?)\n    (.*?)\n", readme, re.S).groups()
    assert all(command in ci for command in commands)
