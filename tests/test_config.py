from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, parse_duration
from bot.config_file import load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "twokey.yml"
    path.write_text(text)
    return path


def test_shipped_example_loads(example_config):
    assert {a.name for a in example_config.agents} == {"opsbot", "datapal"}
    assert example_config.agent_by_slack_id["B0OPSBOT1"].name == "opsbot"
    customers = next(r for r in example_config.catalog if r.name == "customers")
    assert customers.classification == "restricted" and "ssn" in customers.pii_fields
    assert example_config.policy.default_timeout == 1800


def test_no_file_means_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(None).agents


def test_an_explicit_empty_mapping_is_the_builtin_default(tmp_path):
    # An empty file is refused (tests/test_operator_defaults.py); `{}` says "defaults" on purpose.
    cfg = load_config(write(tmp_path, "{}\n"))
    assert cfg.catalog == [] and cfg.policy.quorum.critical == 2


def test_unknown_key_names_file_and_path(tmp_path):
    path = write(tmp_path, "policy:\n  defualt_timeout: 10m\n")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    hint = "unknown key (check the spelling; see examples/twokey.yml)"
    assert str(exc.value) == f"{path}: policy.defualt_timeout: {hint}"


def test_wrong_type_names_the_key(tmp_path):
    path = write(tmp_path, "policy:\n  quorum:\n    critical: lots\n")
    with pytest.raises(ConfigError, match=r"policy\.quorum\.critical: .*integer"):
        load_config(path)


def test_bad_duration(tmp_path):
    with pytest.raises(ConfigError, match=r"policy\.default_timeout: 'soon' is not a duration"):
        load_config(write(tmp_path, "policy:\n  default_timeout: soon\n"))


def test_unknown_approver_group_is_reported(tmp_path):
    text = "catalog:\n  - name: t\n    approver_group: nobody\n"
    with pytest.raises(
        ConfigError, match="catalog.0.approver_group: unknown approver group 'nobody'"
    ):
        load_config(write(tmp_path, text))


def test_section_of_wrong_shape(tmp_path):
    with pytest.raises(ConfigError, match=r"agents: Input should be a valid list"):
        load_config(write(tmp_path, "agents: {name: x}\n"))


def test_invalid_yaml_names_line(tmp_path):
    with pytest.raises(ConfigError, match=r"not valid YAML at line 2"):
        load_config(write(tmp_path, "slack:\n\tadmins: []\n"))


def test_key_given_twice_is_refused_with_its_line(tmp_path):
    """YAML keeps the last of two equal keys silently; a pasted-twice section would vanish."""
    text = "policy:\n  default_timeout: 30m\n  quorum: {low: 1}\n  default_timeout: 5m\n"
    with pytest.raises(
        ConfigError, match=r"not valid YAML at line 4.*duplicate key 'default_timeout'"
    ):
        load_config(write(tmp_path, text))


def test_same_key_in_sibling_mappings_is_fine(tmp_path):
    text = "approvers:\n  a: {users: [U1]}\n  b: {users: [U2]}\n"
    load_config(write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yml")


def test_bad_regex_rule(tmp_path):
    text = "policy:\n  rules:\n    - id: r1\n      pattern: '('\n      reason: x\n"
    with pytest.raises(ConfigError, match=r"policy.rules.0.pattern: invalid regular expression"):
        load_config(write(tmp_path, text))


def test_empty_approver_group(tmp_path):
    with pytest.raises(ConfigError, match="approvers.ops: an approver group needs"):
        load_config(write(tmp_path, "approvers:\n  ops: {}\n"))


@pytest.mark.parametrize(
    ("raw", "seconds"), [(90, 90), ("45s", 45), ("30m", 1800), ("2h", 7200), ("1d", 86400)]
)
def test_durations(raw, seconds):
    assert parse_duration(raw) == seconds


def test_settings_from_environment(monkeypatch):
    monkeypatch.setenv("TWOKEY_DATABASE_URL", "sqlite:///x.db")
    monkeypatch.delenv("TWOKEY_SECRET_KEY", raising=False)
    settings = Settings()
    assert settings.twokey_database_url == "sqlite:///x.db"
    with pytest.raises(ConfigError, match="TWOKEY_SECRET_KEY must be set"):
        settings.require("twokey_secret_key")
