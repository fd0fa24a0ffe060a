"""Kubernetes through kubectl: bindings that hand a broad group (every authenticated
user, every service account, anonymous) a role, pods that get the host, Pod Security
switched off, and the API server or a service exposed on every interface."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Pattern, Rule, Safe, p

BROAD_SUBJECTS = r"(?:system:(?:authenticated|unauthenticated|anonymous|serviceaccounts)\b)"
# A throwaway cluster on this machine (kind, k3d, minikube, Docker Desktop): local scope.
LOCAL_CONTEXT = (
    r"--context[= ](?:kind-|k3d-|minikube\b|docker-desktop\b|rancher-desktop\b|colima\b"
    r"|orbstack\b)"
)


def _k(*programs: str, **kw: object) -> Pattern:
    """A kubectl pattern that never fires against a local throwaway cluster."""
    extra = kw.pop("args_not_re", None)
    return p(*programs, args_not_re=f"{extra}|{LOCAL_CONTEXT}" if extra else LOCAL_CONTEXT, **kw)


# kubectl's own commands; any other first word is a plugin (`kubectl cnpg …`, `kubectl
# rook-ceph …`, `kubectl krew …`), which brings its own verbs.
_BUILTINS = frozenset(
    (
        "get",
        "describe",
        "create",
        "apply",
        "delete",
        "edit",
        "patch",
        "replace",
        "rollout",
        "scale",
        "autoscale",
        "expose",
        "run",
        "set",
        "label",
        "annotate",
        "logs",
        "exec",
        "attach",
        "port-forward",
        "proxy",
        "cp",
        "auth",
        "debug",
        "events",
        "top",
        "cordon",
        "uncordon",
        "drain",
        "taint",
        "certificate",
        "cluster-info",
        "config",
        "api-resources",
        "api-versions",
        "version",
        "diff",
        "kustomize",
        "wait",
        "explain",
        "plugin",
        "completion",
        "alpha",
        "options",
        "krew",
    )
)
_PLUGIN_VERB = re.compile(
    r"(?i)(?:destroy|delete|del|purge|wipe|drop|remove|rm|uninstall|prune|nuke|teardown|"
    r"reset|flush|truncate|erase|fence|hibernate)(?:[-_]\w+)?"
)


def _plugin_destroys(cmd: Any, walk: Any) -> bool:
    """`kubectl cnpg destroy ledger-pg 2`: a plugin (not a kubectl command) whose next word
    deletes or wipes something."""
    pos = cmd.pos
    if not pos or pos[0].lower() in _BUILTINS or not re.fullmatch(r"[a-z][\w-]*", pos[0]):
        return False
    return any(_PLUGIN_VERB.fullmatch(w) for w in pos[1:4])


CHECKS = {"k8s_plugin_destroys": _plugin_destroys}

RULES: tuple[Rule, ...] = (
    Rule(
        "k8s.plugin_destroy",
        "destructive",
        "high",
        "require_approval",
        "A kubectl plugin destroys, deletes or wipes something in the cluster (an instance "
        "and its volumes, a pool, a backup); it may not be recoverable.",
        (_k("kubectl", "oc", check="k8s_plugin_destroys"),),
        match=(
            "kubectl cnpg destroy ledger-pg 2 -n prod",
            "kubectl rook-ceph rbd purge replicapool",
            "kubectl rook-ceph ceph osd purge 3 --yes-i-really-mean-it",
            "oc cnpg destroy orders-pg 1",
            "kubectl minio tenant delete prod-tenant -n minio",
        ),
        not_match=(
            "kubectl cnpg status ledger-pg -n prod",
            "kubectl delete pod web-1",
            "kubectl get pods delete-me",
            "kubectl krew uninstall neat",
            "kubectl cnpg destroy ledger-pg 2 --context kind-dev",
        ),
    ),
    Rule(
        "k8s.broad_group_binding",
        "permissions",
        "critical",
        "require_approval",
        "Binds a role to every authenticated user, every service account or anonymous "
        "callers: anyone who can reach the cluster gets those rights.",
        (
            _k(
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
            _k("kubectl", sub=("run",), args_re=r"--privileged(?:=true)?(?:\s|$)"),
            _k(
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
            _k(
                "kubectl",
                sub=("label",),
                args_re=r"pod-security\.kubernetes\.io/enforce=privileged",
            ),
        ),
        match=("kubectl label ns prod pod-security.kubernetes.io/enforce=privileged --overwrite",),
        not_match=("kubectl label ns prod pod-security.kubernetes.io/enforce=restricted",),
    ),
    Rule(
        "k8s.service_made_public",
        "permissions",
        "high",
        "require_approval",
        "Turns a cluster-internal service into one reachable from outside the cluster (a "
        "LoadBalancer or NodePort) with no source range: anyone who finds it can connect.",
        (
            _k(
                "kubectl",
                sub=("patch",),
                args_re=r"\"type\"\s*:\s*\"(?:LoadBalancer|NodePort)\"",
                args_not_re=r"loadBalancerSourceRanges",
            ),
            # `kubectl expose` makes a new Service of that type: the same opening
            _k("kubectl", "oc", sub=("expose",), args_re=r"--type[= ](?:LoadBalancer|NodePort)\b"),
        ),
        match=(
            "kubectl -n kubernetes-dashboard patch svc kubernetes-dashboard "
            '-p \'{"spec":{"type":"LoadBalancer"}}\'',
            "kubectl -n ops expose deploy/admin-api --type=LoadBalancer --port=8443",
            "kubectl expose deployment postgres -n prod --type NodePort --port 5432",
        ),
        not_match=(
            "kubectl -n kubernetes-dashboard port-forward svc/kubernetes-dashboard 8443:443",
            'kubectl patch svc api -p \'{"spec":{"type":"ClusterIP"}}\'',
            "kubectl -n ops expose deploy/admin-api --port=8443",
            "kubectl -n ops expose deploy/admin-api --type=ClusterIP --port=8443",
            "kubectl expose deploy/api --type=LoadBalancer --port=80 --context kind-dev",
        ),
    ),
    Rule(
        "k8s.helm_cluster_admin",
        "permissions",
        "critical",
        "require_approval",
        "Installs a Helm chart with values that give it cluster-admin: whatever the chart runs "
        "controls the whole cluster.",
        (
            _k(
                "helm",
                sub=("install|upgrade",),
                args_re=r"(?i)--set(?:-string)?[= ]\S*(?:clusterAdmin=true|=cluster-admin\b)",
            ),
        ),
        match=(
            "helm install kubesaver kubesaver/kubesaver -n kube-system "
            "--set rbac.clusterAdmin=true",
            "helm upgrade --install agent x/agent --set rbac.clusterRole=cluster-admin",
        ),
        not_match=(
            "helm template opencost opencost/opencost > /tmp/opencost.yaml",
            "helm install kubesaver kubesaver/kubesaver -n cost --set rbac.create=true",
        ),
    ),
    Rule(
        "k8s.gitops_removed",
        "destructive",
        "high",
        "require_approval",
        "Uninstalls the GitOps controller or deletes what it manages: the cluster stops "
        "following Git, and deleting a Flux object can prune every workload it deployed.",
        (
            _k("flux", sub=("uninstall",)),
            _k("flux", sub=("delete", "kustomization|helmrelease|source|ks|hr")),
            _k("argocd", sub=("appset|proj", "delete")),
        ),
        match=(
            "flux uninstall --namespace flux-system --silent",
            "flux delete kustomization apps --silent",
            "argocd proj delete payments",
        ),
        not_match=(
            "flux get kustomizations -A",
            "flux reconcile kustomization apps --with-source",
            "flux suspend kustomization apps",
            "argocd proj list",
        ),
    ),
    Rule(
        "k8s.api_exposed",
        "permissions",
        "high",
        "require_approval",
        "Exposes the cluster API or a service on every network interface of this machine: "
        "anyone who can reach it uses your credentials.",
        (
            _k(
                "kubectl",
                sub=("proxy",),
                args_re=r"--address[= ]0\.0\.0\.0|--accept-hosts[= ]"
                r"['\"]?(?:\.\*|\*)",
            ),
            _k("kubectl", sub=("port-forward",), args_re=r"--address[= ](?:\S*,)?0\.0\.0\.0"),
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

SAFE: tuple[Safe, ...] = (
    Safe(
        "k8s.secret_metadata",
        "Lists or describes Kubernetes secrets without their values: the default table and "
        "`describe` show names, types and key sizes, never the data.",
        (
            p(
                "kubectl",
                "oc",
                sub=("get", "secrets?"),
                args_not_re=r"(?:^|\s)(?:-o|--output)(?:[= ]?(?!name\b|wide\b)\S)",
            ),
            p("kubectl", "oc", sub=("describe", "secrets?")),
        ),
        match=(
            "kubectl get secret db-creds -n prod",
            "kubectl get secrets -n prod -o wide",
            "kubectl describe secret db-creds -n prod",
            "oc get secret db-creds -o name",
        ),
        not_match=(
            "kubectl get secret db-creds -n prod -o yaml",
            "kubectl get secret db-creds -n prod -o jsonpath='{.data.password}'",
            "kubectl get secret db-creds --output=json",
            "kubectl get secret db-creds -ojson",
        ),
        no_secret_value=True,
    ),
)
