"""PowerShell and cmd: the tokenizer, every rule's own examples, commands found inside
prose and fences, nested `powershell -Command` / `-EncodedCommand` / `cmd /c`."""

from __future__ import annotations

import base64

import pytest

from bot.risk.packs.winbase import WinRule
from bot.risk.windows import RULES, assess_windows, verify_windows_rules
from bot.risk.wintok import parse
from tests.growth import assert_linear, assert_linear_in


def rules_of(text: str) -> set[str]:
    return {f.rule for f in assess_windows(text).findings}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in RULES for ex in r.match],
    ids=lambda v: v.id if isinstance(v, WinRule) else v[:40],
)
def test_rule_matches_its_examples(rule: WinRule, example: str) -> None:
    assert rule.id in rules_of(example)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in RULES for ex in r.not_match],
    ids=lambda v: v.id if isinstance(v, WinRule) else v[:40],
)
def test_rule_ignores_its_counter_examples(rule: WinRule, example: str) -> None:
    assert rule.id not in rules_of(example)


def test_rules_verify_at_load() -> None:
    verify_windows_rules()
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_tokenizer_reads_pipelines_parameters_and_groups() -> None:
    script = parse(
        "Get-ChildItem -Path 'D:\\My Files' -Recurse | Remove-Item -Force -Confirm:$false; "
        "Write-Host (Get-Date)"
    )
    gci, ri, host = script.commands
    assert gci.name == "get-childitem" and gci.value("path") == "D:\\My Files"
    assert gci.has("recurse") and not ri.has("recurse") and ri.has("force")
    assert ri.upstream == [gci] and not ri.has("confirm")
    assert host.groups == ["Get-Date"] and host.upstream == []


def test_parameters_match_by_prefix_like_powershell() -> None:
    cmd = parse("ri C:\\data -Rec -fo").commands[0]
    assert cmd.name == "remove-item" and cmd.has("recurse") and cmd.has("force")
    assert cmd.target("path") == "C:\\data"


def test_cmd_switches_are_not_powershell_parameters() -> None:
    rd = parse('rd /S /Q "D:\\Shares\\Finance"').commands[0]
    assert rd.cmd_style and rd.switches == ["s", "q"] and rd.args == ["D:\\Shares\\Finance"]
    ps = parse("rd C:\\x -Recurse").commands[0]
    assert not ps.cmd_style and ps.name == "remove-item"


# Written before the rules: the same commands inside messages, and their harmless twins.
HELD_IN_PROSE = [
    "To free space, run Remove-Item -Recurse -Force C:\\inetpub\\wwwroot before Friday.",
    "Fix: `gci D:\\shares\\finance -Recurse | Remove-Item -Force`",
    "```powershell\nPS C:\\> Get-ChildItem E:\\exports | Remove-Item -Recurse\n```",
    "Run this in an admin prompt:\nrd /s /q C:\\projects\\app",
    "Install it with: iwr https://get.example.io/install.ps1 -UseBasicParsing | iex",
    'powershell -NoProfile -Command "Remove-Item -Recurse -Force C:\\data"',
    'cmd /c "rd /s /q D:\\archive"',
    "Remove-Item `\n  -Path C:\\data `\n  -Recurse -Force",
    "In PowerShell:\n```powershell\nrm -r -fo C:\\Projects\\api\n```",
]
ALLOWED_IN_PROSE = [
    "To free space, run Remove-Item -Recurse -Force .\\build before Friday.",
    "Check what is there first: `Get-ChildItem D:\\shares\\finance -Recurse | Measure-Object`",
    "```powershell\nPS C:\\> Get-ChildItem E:\\exports | Format-Table Name, Length\n```",
    "Run this in an admin prompt:\nrd /s /q %TEMP%\\setup",
    "Then run rd /s /q build before the next release.",
    "Download it with: iwr https://get.example.io/tool.zip -OutFile tool.zip",
    "Format the report as a table (Format-Table) and send it to Get-Help readers.",
    "Please delete the old draft from the shared folder when you get a chance.",
    "In PowerShell:\n```powershell\n# rm -r -fo C:\\Projects\\api\nrm -r -fo .\\bin\n```",
]


@pytest.mark.parametrize("text", HELD_IN_PROSE)
def test_found_anywhere_in_a_message(text: str) -> None:
    assert rules_of(text), text


@pytest.mark.parametrize("text", ALLOWED_IN_PROSE)
def test_harmless_twins_in_a_message(text: str) -> None:
    assert rules_of(text) == set(), text


def test_encoded_command_is_decoded_and_read() -> None:
    payload = base64.b64encode("Remove-Item -Recurse -Force C:\\data".encode("utf-16-le")).decode()
    assert "powershell.recursive_delete" in rules_of(f"powershell -EncodedCommand {payload}")
    harmless = base64.b64encode("Get-Date".encode("utf-16-le")).decode()
    assert rules_of(f"powershell -enc {harmless}") == set()


def test_long_inputs_stay_fast() -> None:
    for text in (
        "Write-Host " + "Get-Item " * 8000,
        ("Remove-Item -Recurse -Force C:\\data | " * 2000),
        "'" + "Get-Date " * 7000,
    ):
        assert_linear(assess_windows, text, text[:20])  # a quadratic walk grows 16x, not 4x
    # The command comes last: its first quarter would be parentheses alone.
    assert_linear_in(assess_windows, lambda n: "(" * n + "Remove-Item", 30000)


def test_mail_forwarding_judged_against_the_company_domains() -> None:
    cmd = "Set-Mailbox -Identity greta -ForwardingSmtpAddress smtp:greta@partner.example"
    assert "powershell.mail_forward_outside" not in rules_of(cmd)
    found = {f.rule for f in assess_windows(cmd, ("acme.example",)).findings}
    assert "powershell.mail_forward_outside" in found
    inside = cmd.replace("partner.example", "acme.example")
    assert not assess_windows(inside, ("acme.example",)).findings


def test_one_finding_per_command_read_twice() -> None:
    found = assess_windows('pwsh -c "iwr https://get.example.io/setup.ps1 | iex"').findings
    assert [f.rule for f in found] == ["powershell.download_exec"]
    two = assess_windows("Remove-Item -Recurse C:\\a; Remove-Item -Recurse C:\\b").findings
    assert len(two) == 2


def test_a_flood_of_commands_is_held_not_read_forever() -> None:
    flood = "".join(f"Get-Item C:\\data{i}\n" for i in range(400))
    assert_linear(assess_windows, flood)
    found = {f.rule for f in assess_windows(flood).findings}
    assert found == {"windows.too_many_commands"}
    assert assess_windows("Get-Item C:\\data\n" * 50).findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Run Remove-Item -Recurse -Force C:\\inetpub\\logs on the web server.",
        "Run this on the web server:\n```powershell\nRemove-Item -Recurse -Force C:\\data\n```",
        "A read-only step-by-step plan.\n```\nRemove-Item -Recurse -Force C:\\data\n```",
    ],
)
def test_lines_read_when_some_word_may_start_a_command(text: str) -> None:
    """The whole text's words decide whether its lines are read one by one: a text whose
    words hold a cmdlet still has its commands found, in a line or in a fence."""
    assert assess_windows(text).findings


def test_text_whose_words_start_no_command_has_none() -> None:
    """Hyphenated words that are no cmdlet (`well-known`, `step-by-step`) and no tool name:
    the lines are not read one by one, and nothing is found."""
    result = assess_windows("A well-known, step-by-step plan for the roll-out.\nNo commands.")
    assert result.findings == [] and result.commands == 0
    fenced = "Plain words.\n```powershell\nFormat-Volume -DriveLetter D -Force\n```"
    assert [f.rule for f in assess_windows(fenced).findings] == ["powershell.disk_format"]
