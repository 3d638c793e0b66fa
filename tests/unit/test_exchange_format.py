"""Canonical records: key order, omitted empty values and keyword handling."""

from goodpractice.practices.exchange.format import KEYS, build_record, comparable, keyword_list


def test_records_follow_the_documented_key_order_and_leave_out_empty_options():
    values = dict.fromkeys(KEYS)
    values.update(
        external_id="x",
        language="fi",
        title="T",
        summary="S",
        body="<p>B</p>",
        themes=["family-centre"],
        organisations=["853"],
        status="in_use",
        evidence_level="described",
        published=False,
        keywords=[],
        evaluation="",
        started_year=2020,
    )
    record = build_record(dict(reversed(list(values.items()))))
    assert list(record) == [
        "external_id",
        "language",
        "title",
        "summary",
        "body",
        "themes",
        "organisations",
        "started_year",
        "status",
        "evidence_level",
        "published",
    ]
    assert record["published"] is False


def test_keywords_are_deduplicated_ignoring_case_and_sorted():
    assert keyword_list([" perhe ", "Perhe", "arki", "Ääni", "", "Bussi"]) == [
        "arki",
        "Bussi",
        "perhe",
        "Ääni",
    ]


def test_keyword_case_does_not_count_as_a_change():
    assert comparable({"keywords": ["Perhe"]}) == comparable({"keywords": ["perhe"]})
    assert comparable({"title": "Perhe"}) != comparable({"title": "perhe"})
