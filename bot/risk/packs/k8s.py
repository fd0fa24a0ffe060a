"""Kubernetes through kubectl: bindings that hand a broad group (every authenticated
user, every service account, anonymous) a role, pods that get the host, Pod Security
switched off, and the API server or a service exposed on every interface."""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

BROAD_SUBJECTS = r"(?:system:(?:authenticated|unauthenticated|anonymous|serviceaccounts)\b)"

RULES: tuple[Rule, ...] = (
    Rule(
        "k8s.broad_group_binding",
        "permissions",
        "critical",
        "require_approval",
        "Binds a role to every authenticated user, every service account or anonymous "
        "callers: anyone who can reach the cluster gets those rights.",
        (
            p(
                "kubectl",
                "oc",
                sub=("create", "clusterrolebinding|rolebinding"),
                args_re=r"--(?:group|user|serviceaccount)[= ]" + BROAD_SUBJECTS,
            ),
            p("oc", sub=("adm", "policy", "add-\\S*role\\S*"), args_re=BROAD_SUBJECTS),
        ),
        match=(
            "kubectl create clusterrolebinding open --clusterrole=view "
            "--group=system:authenticated",
            "kubectl create rolebinding all-sa --clusterrole=edit "
            "--group=system:serviceaccounts -n prod",
            "kubectl create clusterrolebinding anon --clusterrole=cluster-admin "
            "--user=system:anonymous",
        ),
        not_match=(
            "kubectl create rolebinding jane-view --clusterrole=view --user=jane -n dev",
            "kubectl get clusterrolebindings -o wide",
        ),
    ),
    Rule(
        "k8s.privileged_pod",
        "security_controls",
        "high",
        "require_approval",
        "Runs a pod with the host's powers (privileged, host network, host PID or the "
        "node's filesystem): whoever is in it controls the node.",
        (
            p("kubectl", sub=("run",), args_re=r"--privileged(?:=true)?(?:\s|$)"),
            p(
                "kubectl",
                sub=("run|patch|set|create",),
                args_re=r"\"?(?:privileged|hostNetwork|hostPID|hostIPC)\"?\s*:\s*true",
            ),
        ),
        match=(
            "kubectl run shell --image=alpine --privileged -it -- sh",
            'kubectl run x --image=alpine --overrides=\'{"spec":{"hostPID":true}}\'',
            'kubectl patch deploy api -p \'{"spec":{"template":{"spec":{"hostNetwork":true}}}}\'',
        ),
        not_match=(
            "kubectl run shell --image=alpine -it -- sh",
            'kubectl patch deploy api -p \'{"spec":{"replicas":3}}\'',
        ),
    ),
    Rule(
        "k8s.pod_security_off",
        "security_controls",
        "high",
        "require_approval",
        "Sets a namespace's Pod Security level to privileged: any pod, including ones that "
        "take over the node, is admitted.",
        (
            p(
                "kubectl",
                sub=("label",),
                args_re=r"pod-security\.kubernetes\.io/enforce=privileged",
            ),
        ),
        match=("kubectl label ns prod pod-security.kubernetes.io/enforce=privileged --overwrite",),
        not_match=("kubectl label ns prod pod-security.kubernetes.io/enforce=restricted",),
    ),
    Rule(
        "k8s.api_exposed",
        "permissions",
        "high",
        "require_approval",
        "Exposes the cluster API or a service on every network interface of this machine: "
        "anyone who can reach it uses your credentials.",
        (
            p(
                "kubectl",
                sub=("proxy",),
                args_re=r"--address[= ]0\.0\.0\.0|--accept-hosts[= ]"
                r"['\"]?(?:\.\*|\*)",
            ),
            p("kubectl", sub=("port-forward",), args_re=r"--address[= ](?:\S*,)?0\.0\.0\.0"),
        ),
        match=(
            "kubectl proxy --address=0.0.0.0 --accept-hosts='.*'",
            "kubectl port-forward --address 0.0.0.0 svc/postgres 5432:5432 -n prod",
        ),
        not_match=(
            "kubectl proxy --port=8001",
            "kubectl port-forward svc/postgres 5432:5432 -n prod",
        ),
    ),
)
