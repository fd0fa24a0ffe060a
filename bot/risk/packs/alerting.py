"""Monitoring and alerting silenced as a whole: every Datadog monitor muted or put in a
downtime scoped to everything, an Alertmanager or Grafana silence whose matcher is a
regular expression that matches every alert, the Alertmanager itself scaled to nothing or
stopped.

While it lasts, no outage, breach or runaway job pages anyone. The prose reader catches
"mute every alert until next quarter"; these catch the commands and API calls that do it.
Silencing one alert, one host or one service (`alertname=DiskSpaceLow`,
`dog downtime post host:batch-3 …`), listing silences and reading the Alertmanager's logs
are not held.
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

# A matcher value that every label value matches: `.*`, `.+`, `^.*$`.
_MATCH_ALL = r"\^?\.[*+]\$?"
# Services whose only job is to deliver alerts: scaled to zero or stopped, nothing pages.
_ALERTERS = r"(?:[\w.-]*/)?(?:\S*alertmanager\S*|vmalert\S*|\S*-?alerta|\S*cortex-ruler\S*)"

RULES: tuple[Rule, ...] = (
    Rule(
        "alerting.mute_all",
        "security_controls",
        "high",
        "require_approval",
        "Silences every alert or monitor at once (a mute-all, a downtime scoped to everything, "
        "a silence whose matcher matches every alert, the alert router stopped): while it "
        "lasts, no outage or breach pages anyone.",
        (
            p("dog", sub=("monitor", "mute_all")),
            p("dog", sub=("downtime", "post", r"\*")),
            p("curl", "http", "https", "xh", "wget", args_re=r"/api/v\d/monitor/mute_all\b"),
            p(
                "curl",
                "http",
                "https",
                "xh",
                args_re=r"(?i)/api/v\d/downtime\b.*\"scope\"\s*:\s*\[?\s*\"\*\"",
            ),
            p("amtool", sub=("silence", "add"), args_re=rf"=~\s*{_MATCH_ALL}(?:\s|$)"),
            p(
                "curl",
                "http",
                "https",
                "xh",
                args_re=rf"(?is)^(?=.*/silences\b)(?=.*\"value\"\s*:\s*\"{_MATCH_ALL}\")"
                r"(?=.*\"isRegex\"\s*:\s*true)",
            ),
            p(
                "kubectl",
                "oc",
                sub=("scale",),
                args_re=rf"(?i)(?=.*--replicas[= ]0(?:\s|$))(?=.*(?:^|\s){_ALERTERS}(?:\s|$))",
            ),
            p(
                "systemctl",
                "service",
                sub=("stop|disable|mask",),
                args_re=r"(?i)(?:^|\s)(?:prometheus-)?alertmanager(?:\.service)?(?:\s|$)",
            ),
        ),
        match=(
            "dog monitor mute_all",
            "dog downtime post '*' 1767225600 1767484800",
            "curl -X POST https://api.datadoghq.com/api/v1/monitor/mute_all -H 'DD-API-KEY: x'",
            'curl -X POST https://api.datadoghq.eu/api/v2/downtime -d \'{"data":{"attributes":'
            '{"scope":"*","monitor_identifier":{"monitor_tags":["*"]}}}}\'',
            "amtool silence add 'alertname=~.+' --duration=72h --comment=freeze",
            'amtool silence add severity=~".*" --alertmanager.url=http://am:9093',
            "curl -X POST http://grafana:3000/api/alertmanager/grafana/api/v2/silences -d "
            '\'{"matchers":[{"name":"alertname","value":".*","isRegex":true}]}\'',
            "kubectl scale statefulset alertmanager-main --replicas=0 -n monitoring",
            "kubectl -n monitoring scale --replicas=0 deploy/vmalert-main",
            "sudo systemctl stop prometheus-alertmanager",
        ),
        not_match=(
            "dog monitor mute 123456 --end 1767225600",
            "dog downtime post host:batch-worker-3 1767225600 1767232800",
            "curl https://api.datadoghq.com/api/v1/monitor?name=auth",
            "amtool silence add alertname=DiskSpaceLow instance=build-07:9100 --duration=2h",
            "amtool silence query",
            "amtool silence add alertname=~'Disk.*' instance=build-07 --duration=1h",
            "curl -s http://grafana:3000/api/alertmanager/grafana/api/v2/silences",
            "curl -X POST http://grafana:3000/api/alertmanager/grafana/api/v2/silences -d "
            '\'{"matchers":[{"name":"alertname","value":"DiskFull","isRegex":false}]}\'',
            "kubectl scale statefulset alertmanager-main --replicas=3 -n monitoring",
            "kubectl scale deploy checkout --replicas=0 -n staging",
            "kubectl logs statefulset/alertmanager-main -n monitoring --tail=100",
            "sudo systemctl restart prometheus-alertmanager",
        ),
    ),
)
