package dev.skyport.buildfarm.runtime.kubernetes;

import java.util.List;

/**
 * Exactly the verbs the Kubernetes driver uses, per namespace. The start-up check asks the API server
 * for each one (SelfSubjectAccessReview); the Helm chart's Roles grant these and nothing more.
 */
public final class KubernetesPermissions {

    /** Which of the two namespaces a rule applies in. */
    public enum Namespace { BUILD, APP }

    /**
     * One rule.
     *
     * @param group       the API group ({@code ""} for core)
     * @param resource    e.g. {@code jobs}, or {@code pods/log} for a subresource
     */
    public record Rule(Namespace namespace, String group, String resource, List<String> verbs) {

        public Rule {
            verbs = List.copyOf(verbs);
        }
    }

    public static final List<Rule> RULES = List.of(
            new Rule(Namespace.BUILD, "batch", "jobs", List.of("create", "get", "list", "watch", "delete")),
            new Rule(Namespace.BUILD, "", "pods", List.of("get", "list", "watch")),
            new Rule(Namespace.BUILD, "", "pods/log", List.of("get")),
            new Rule(Namespace.APP, "apps", "deployments", List.of("get", "list", "watch", "create", "patch", "delete")),
            new Rule(Namespace.APP, "", "services", List.of("get", "list", "watch", "create", "patch", "delete")),
            new Rule(Namespace.APP, "", "pods", List.of("get", "list", "watch")),
            new Rule(Namespace.APP, "", "pods/log", List.of("get")),
            new Rule(Namespace.APP, "", "secrets", List.of("get", "create", "patch")));

    private KubernetesPermissions() {
    }
}
