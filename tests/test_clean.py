import pytest

from summarizer.clean import clean_text, drop_boilerplate, join_wrapped_lines, squeeze_spaces, strip_control


@pytest.mark.parametrize("raw, expected", [
    ("display\nThe strike was ordered.", "The strike was ordered."),
    ("Advertisement\nText here.", "Text here."),
    ("Story continues below advertisement\nText.", "Text."),
    ("A line of words.\nAnother line.", "A line of words.\nAnother line."),
    ("Image copyright AP\nText.", "Text."),
    ("Advertisement - scroll to continue reading the story below\nText.", "Text."),
    ("Advertisement all three of the injured happened to be men.", "Advertisement all three of the injured happened to be men."),
    ("Image caption the whole article is on this line and it goes on for a long while, as in Multi-News.",
     "Image caption the whole article is on this line and it goes on for a long while, as in Multi-News."),
])
def test_drop_boilerplate(raw, expected):
    assert drop_boilerplate(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Kataib Sayyid\nal-Shuhada.", "Kataib Sayyid al-Shuhada."),
    ("A heading\nThe text starts.", "A heading\nThe text starts."),
    ("Ends here.\nlower case line.", "Ends here.\nlower case line."),
])
def test_join_wrapped_lines(raw, expected):
    assert join_wrapped_lines(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb", "a\nb"),
    ("bell\x07 and \x1b[31mred", "bell and [31mred"),
    ("over\rwrite", "over\nwrite"),
    ("zero\u200bwidth", "zerowidth"),
])
def test_strip_control(raw, expected):
    assert strip_control(raw) == expected


def test_squeeze_spaces_collapses_runs_and_blank_lines():
    assert squeeze_spaces("a \t b\n\n\n\nc") == "a b\n\nc"


def test_clean_text_on_the_seed_with_display_lines():
    from tests.conftest import CORPUS

    text = clean_text((CORPUS / "000_f55b193912d6adec.txt").read_text(encoding="utf-8"))
    assert "display" not in text.split("\n")
    assert text.startswith("The US military carried out air strikes")


def test_control_class_is_exactly_unicode_controls_and_format_characters():
    import unicodedata

    from summarizer.clean import _CONTROL

    planes = list(range(0x30000)) + list(range(0xE0000, 0xE1000))
    expected = {c for c in planes if unicodedata.category(chr(c)) in ("Cc", "Cf")} - {ord("\n"), ord("\t"), 0x200D}
    assert {c for c in planes if _CONTROL.fullmatch(chr(c))} == expected
