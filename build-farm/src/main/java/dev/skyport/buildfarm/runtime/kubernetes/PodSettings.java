package dev.skyport.buildfarm.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings as pod spec parts: resources and tolerations. */
final class PodSettings {

    private PodSettings() {
    }

    static ResourceRequirements resources(KubernetesProperties.Resources resources) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        put(requests, "cpu", resources.cpuRequest());
        put(requests, "memory", resources.memoryRequest());
        put(limits, "cpu", resources.cpuLimit());
        put(limits, "memory", resources.memoryLimit());
        if (requests.isEmpty() && limits.isEmpty()) {
            return null;
        }
        return new ResourceRequirementsBuilder().withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).build();
    }

    static List<io.fabric8.kubernetes.api.model.Toleration> tolerations(List<KubernetesProperties.Toleration> settings) {
        if (settings.isEmpty()) {
            return null;
        }
        return settings.stream().map(t -> new TolerationBuilder().withKey(t.key()).withOperator(t.operator())
                .withValue(t.value()).withEffect(t.effect()).build()).toList();
    }

    private static void put(Map<String, Quantity> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, new Quantity(value));
        }
    }
}
