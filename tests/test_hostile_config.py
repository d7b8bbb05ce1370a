"""Link-check settings a config file or an option can hold that would stall or break a run: values
YAML reads as not-a-number or infinity, durations past what date arithmetic takes, bounds named
wrongly. Each is refused with its file and line before any request."""

from __future__ import annotations

import pytest

from catalog_scrapers.linkcheck.config import ConfigError, load_config


@pytest.mark.parametrize("line, words", [
    ("interval: .inf", "有限"),     # a host paced by infinity: the run waits on it until its budget
    ("interval: .nan", "有限"),
    ("deadline: .inf", "有限"),
    ("dead_days: .nan", "有限"),
    ("dead_days: .inf", "有限"),
    ("max_age: 99999999999d", "3650"),
    ("budget: 99999999999d", "3650"),
    ("per_host: 0", "至少为 1"),     # said "must not be negative" of a zero
    ("history: 0", "至少为 1"),
])
def test_settings_that_would_stall_or_break_a_run_are_refused_with_their_line(tmp_path, line, words):
    config = tmp_path / "linkcheck.yaml"
    config.write_text("# settings\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    message = str(caught.value)
    assert "linkcheck.yaml:2:" in message and words in message, message
    assert "不能为负数" not in message
