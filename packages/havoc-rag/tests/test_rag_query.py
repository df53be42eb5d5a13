import pytest
from havoc_rag import clean_query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Is this process stable? 10.1 10.3 9.9 10.0 10.2", "Is this process stable?"),
        ("are these normal: 10.1, 10.3, 9.9, 10.0.", "are these normal:"),
        (
            "Cpk for spec limits 10 and 12, data: 10.4, 11.2, 10.9, 11.5",
            "Cpk for spec limits 10 and 12, data:",
        ),
        ("compare [1.2, 3.4, 5.6] with (7; 8; 9) please", "compare with please"),
        ("values 4;5;6|7 and -1.5e-3 2E4 +3% then what", "values and then what"),
        (
            "fractional factorial for 5 factors at alpha 0.05",
            "fractional factorial for 5 factors at alpha 0.05",
        ),
        ("a 2^3 design with 2 replicates, Cpk 1.33", "a 2^3 design with 2 replicates, Cpk 1.33"),
        ("between 10 and 12 mm", "between 10 and 12 mm"),
        ("Welch t-test", "Welch t-test"),
        ("part 4711-0815 from 2024-05-01", "part 4711-0815 from 2024-05-01"),
        ("x1 12 13 14", "x1"),  # a name stays, the data after it goes
        ("x12 13 14", "x12 13 14"),  # a run cannot start inside a word
        ("", ""),
        ("1 2 3 4 5", ""),
    ],
)
def test_clean_query_single_line(raw, expected):
    assert clean_query(raw) == expected


def test_clean_query_drops_pasted_table_rows_but_keeps_the_question():
    raw = (
        "Do the two machines differ in mean diameter?\n"
        "machine,diameter\n"
        "A,10.1\n"
        "A,10.3\n"
        "B,9.8\n"
        "10.2,9.9,10.4\n"
        "A 10.1 10.3\n"
        "thanks"
    )
    assert clean_query(raw) == (
        "Do the two machines differ in mean diameter?\nmachine,diameter\nA,10.1\nA,10.3\nB,9.8\nthanks"
    )


def test_clean_query_tsv_block():
    raw = "Which control chart?\nday\tdefects\tunits\n1\t4\t200\n2\t7\t210\n3\t3\t190"
    assert clean_query(raw) == "Which control chart?\nday\tdefects\tunits"


def test_clean_query_rejects_non_text():
    with pytest.raises(TypeError):
        clean_query(12)  # type: ignore[arg-type]
