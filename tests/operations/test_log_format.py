import json
import logging

from goodpractice.operations.log_format import JsonFormatter


def _line(**kwargs):
    record = logging.makeLogRecord(
        {"name": "search", "levelname": "WARNING", "msg": "Engine %s down", "args": ("x",)} | kwargs
    )
    return json.loads(JsonFormatter().format(record))


def test_a_log_line_is_one_json_object_with_the_message_and_extras():
    entry = _line(page_id=7)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "search"
    assert entry["message"] == "Engine x down"
    assert entry["page_id"] == 7
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_kept_in_the_same_line():
    try:
        raise ValueError("broken")
    except ValueError:
        import sys

        entry = _line(exc_info=sys.exc_info())
    assert "ValueError: broken" in entry["exception"]
