"""References as real resolutions write them (issue 12): every form with a short excerpt written
for the test, in the layout of a Security Council, General Assembly or ECOSOC text."""

from __future__ import annotations

from resograph.reading.extract import extract


def sc_text(number: int, year: int, body: str) -> str:
    """A Security Council resolution `number (year)` whose preamble is `body`."""
    return (f"Resolution {number} ({year})\n\nThe Security Council,\n\n{body}\n\n"
            "1. Decides to remain seized of the question.\n")


def cited(text: str) -> dict[str, str | None]:
    """target → date of every citation of the text."""
    return {c.target: c.date for c in extract(text).citations}


def test_a_list_with_dates_between_items_and_the_year_once_at_the_end():
    x = cited(sc_text(250, 1968, "Recalling its resolutions 121 (1957) of 2 May, 124 (1957) of 9, June,\n"
                                 "130(1957) of 1 July and 133 (1957) of 4 August 1957, 140 (1958) of 5 March,"))
    assert x == {"S/RES/121(1957)": "1957-05-02", "S/RES/124(1957)": "1957-06-09",
                 "S/RES/130(1957)": "1957-07-01", "S/RES/133(1957)": "1957-08-04",
                 "S/RES/140(1958)": "1958-03-05"}


def test_a_year_after_a_date_is_never_the_next_item():
    # "of 4 March" then the item 2001 (1993): 2001 is a number, not the year of the date
    x = cited(sc_text(2100, 1996, "Recalling its resolutions 1999 (1993) of 4 March 2001 (1993) of 5 May,"))
    assert x == {"S/RES/1999(1993)": "1993-03-04", "S/RES/2001(1993)": "1993-05-05"}


def test_number_and_year_split_by_a_line_break():
    x = cited(sc_text(90, 1951, "Noting its resolutions 31 (1948) and 47\n(1948) of 3 April 1948,"))
    assert set(x) == {"S/RES/31(1948)", "S/RES/47(1948)"}


def test_a_full_stop_misread_for_a_comma_between_items():
    x = cited(sc_text(400, 1976, "Recalling its resolutions 301 (1971) of 2 May 1971.\n302 (1971) of 8 May,"
                                 " 303 (1971) and 304.(1971),"))
    assert set(x) == {"S/RES/301(1971)", "S/RES/302(1971)", "S/RES/303(1971)", "S/RES/304(1971)"}


def test_a_lost_opening_parenthesis_and_an_editors_bracket():
    x = cited(sc_text(400, 1976, "Recalling its resolutions 305 1971), 306 (1971) and\n"
                                 "reaffirming resolution [307 (1971) and other relevant resolutions,"))
    assert set(x) == {"S/RES/305(1971)", "S/RES/306(1971)", "S/RES/307(1971)"}


def test_ocr_slips_in_digits_inside_a_list_are_read_as_the_digits():
    x = cited(sc_text(600, 1987, "Recalling its resolutions 521 (1983), S22 (1983), SO3 (1983),\n"
                                 "I24 (1983) and $0l (1983),"))
    assert set(x) == {"S/RES/521(1983)", "S/RES/522(1983)", "S/RES/503(1983)", "S/RES/124(1983)",
                      "S/RES/501(1983)"}


def test_an_ocr_slip_alone_is_not_a_number():
    # no list around it: nothing makes "SOL (1982)" certain
    assert cited(sc_text(600, 1987, "Recalling resolution SOL (1982) and the Sol (1982) report,")) == {}


def test_never_the_document_itself_nor_a_later_resolution():
    # S/RES/300 can cite 299 but neither itself nor 301 (numbers run in the order of adoption)
    x = cited(sc_text(300, 1971, "Recalling its resolutions 299 (1971), 300 (1971) and 301 (1971),"))
    assert set(x) == {"S/RES/299(1971)"}


def test_a_misprinted_year_in_the_header_does_not_hide_earlier_resolutions():
    # the header prints 1973 for a resolution of 1978: 290 (1978) is still earlier than 300
    x = cited(sc_text(300, 1973, "Recalling its resolution 290 (1978),"))
    assert set(x) == {"S/RES/290(1978)"}


def test_early_security_council_numbers_after_a_general_assembly_clause():
    x = cited(sc_text(60, 1948, "Noting that, subject to a decision of the General Assembly, the truce\n"
                                "holds in accordance with resolution 54 (1948) of that date,"))
    assert set(x) == {"S/RES/54(1948)"}


def test_a_general_assembly_text_cites_no_security_council_resolution_of_a_later_year():
    text = ("The General Assembly,\n\nRecalling Security Council resolutions 2396 (2017) and 2999 (2031),\n\n"
            "1. Decides to remain seized of the matter.\n")
    x = extract("A/RES/79/5\n\n" + text)
    assert x.document.symbol == "A/RES/79/5"
    assert {c.target for c in x.citations} == {"S/RES/2396(2017)"}
