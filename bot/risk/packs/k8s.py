"""Kubernetes through kubectl: bindings that hand a broad group (every authenticated
user, every service account, anonymous) a role, pods that get the host, Pod Security
switched off, and the API server or a service exposed on every interface."""

from __future__ import annotations

from bot.risk.packs.base import Pattern, Rule, p

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


RULES: tuple[Rule, ...] = (
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
