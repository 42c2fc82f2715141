"""The strict compose reader: the subset it reads, and what it refuses instead of guessing."""

from __future__ import annotations

import pytest

from tests.docker.compose_yaml import ComposeSyntaxError, parse_compose


def test_nested_mappings_lists_and_quoted_strings_are_read_as_yaml_reads_them():
    text = (
        "# a comment\n"
        "services:\n"
        "  web:  # trailing comment\n"
        "    ports:\n"
        '      - "8000:8000"\n'
        "      - ./a.toml:/etc/a.toml:ro\n"
        "    environment:\n"
        "      TOKEN: 'it''s # not a comment'\n"
        "      URL: http://web:9000/api\n"
    )
    assert parse_compose(text) == {
        "services": {
            "web": {
                "ports": ["8000:8000", "./a.toml:/etc/a.toml:ro"],
                "environment": {"TOKEN": "it's # not a comment", "URL": "http://web:9000/api"},
            }
        }
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ports: [8000]\n", "unsupported YAML syntax"),
        ("a: &anchor x\n", "unsupported YAML syntax"),
        ("a: b: c\n", "a plain scalar may not contain"),
        ("a: *alias\n", "unsupported YAML syntax"),
        ("a: |\n  text\n", "unsupported YAML syntax"),
        ("a:\n\t- x\n", "tabs are not allowed"),
        ("a: x\na: y\n", "duplicate key 'a'"),
        ("port: 8000\n", "is not read as a string"),
        ("debug: yes\n", "is not read as a string"),
        ("a:\n  - b: c\n", "lists of mappings are not supported"),
        ("a:\n- x\n", "'a' has no value"),
        ("a: x\n  b: y\n", "unexpected indentation"),
        ('a: "x\\ty"\n', "unsupported double-quoted string"),
    ],
)
def test_anything_outside_the_subset_is_refused_with_its_line(text: str, message: str):
    with pytest.raises(ComposeSyntaxError, match=message):
        parse_compose(text)
