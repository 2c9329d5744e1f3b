package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the driver checks before the build farm starts, so that a bad configuration fails start-up
 * with the setting to fix instead of failing the first deploy: the API server answers, both namespaces
 * exist, and the service account holds every verb of {@link KubernetesPermissions}.
 */
final class KubernetesPreflight {

    private KubernetesPreflight() {
    }

    static void check(KubernetesClient client, KubernetesProperties properties) {
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot reach the Kubernetes API server at " + client.getMasterUrl()
                    + " (" + why(e) + "); set skyport.build-farm.kubernetes.api-server, or run the build farm"
                    + " in the cluster with its service account", e);
        }
        namespaceExists(client, properties.buildNamespace(), "skyport.build-farm.kubernetes.build-namespace");
        namespaceExists(client, properties.appNamespace(), "skyport.build-farm.kubernetes.app-namespace");
        List<String> missing = new ArrayList<>();
        for (KubernetesPermissions.Rule rule : KubernetesPermissions.RULES) {
            String namespace = rule.namespace() == KubernetesPermissions.Namespace.BUILD ? properties.buildNamespace()
                    : properties.appNamespace();
            String[] resource = rule.resource().split("/", 2);
            for (String verb : rule.verbs()) {
                SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
                        new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                                .withNamespace(namespace).withGroup(rule.group()).withResource(resource[0])
                                .withSubresource(resource.length > 1 ? resource[1] : null).withVerb(verb)
                                .endResourceAttributes().endSpec().build());
                if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAllowed())) {
                    missing.add(verb + " " + rule.resource() + " in " + namespace);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the build farm's service account may not " + String.join(", ", missing)
                    + "; grant the Role in docs/build-farm.md#kubernetes-rbac (the Helm chart does), or fix"
                    + " skyport.build-farm.kubernetes.build-namespace / app-namespace");
        }
    }

    /** fabric8 says "An error has occurred."; the cause says what. */
    private static String why(KubernetesClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect" + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.net.http.HttpTimeoutException) {
                return t.toString();
            }
        }
        return e.getMessage();
    }

    private static void namespaceExists(KubernetesClient client, String namespace, String setting) {
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                throw new IllegalStateException("namespace '" + namespace + "' (" + setting + ") does not exist;"
                        + " create it or change the setting");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw new IllegalStateException("cannot read namespace '" + namespace + "' (" + setting + "): "
                        + e.getMessage(), e);
            }
            // May not read namespaces (not needed otherwise): the access reviews below tell a missing one.
        }
    }
}
