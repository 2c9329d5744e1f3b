package dev.skyport.charttests.support;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * What a component's container gets from the chart, read as Spring Boot reads it (the mounted
 * {@code application.yml}, environment variables, {@code --key=value} arguments), and bound with Spring Boot's
 * {@link Binder} to the component's own {@code @ConfigurationProperties} records with a
 * {@link NoUnboundElementsBindHandler}: a {@code skyport.*} key no record has fails, and a value its record
 * refuses (a bad duration, an address with a path) fails too.
 */
public final class ComponentSettings {

    /** Where the chart mounts each Java component's application.yml. */
    public static final String CONFIG_DIRECTORY = "/etc/skyport/config";

    private final String component;
    private final List<PropertySource<?>> sources;

    public ComponentSettings(String component, List<PropertySource<?>> sources) {
        this.component = component;
        this.sources = List.copyOf(sources);
    }

    /** The settings of {@code container} in {@code pod}: its env, its args and the application.yml it mounts. */
    public static ComponentSettings of(Rendered rendered, String component, PodSpec pod, Container container) {
        List<PropertySource<?>> sources = new ArrayList<>();
        if (container.getArgs() != null && !container.getArgs().isEmpty()) {
            sources.add(new SimpleCommandLinePropertySource(container.getArgs().toArray(String[]::new)));
        }
        Map<String, Object> env = new LinkedHashMap<>();
        for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            // A value from a Secret is not known here; its presence is.
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "<from " + var.getValueFrom() + ">");
        }
        sources.add(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        mountedApplicationYaml(rendered, pod, container).ifPresent(yaml -> sources.addAll(yaml(component, yaml)));
        return new ComponentSettings(component, sources);
    }

    public static List<PropertySource<?>> yaml(String name, String yaml) {
        try {
            return new YamlPropertySourceLoader().load(name + " application.yml",
                    new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> mountedApplicationYaml(Rendered rendered, PodSpec pod, Container container) {
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            if (!CONFIG_DIRECTORY.equals(mount.getMountPath())) {
                continue;
            }
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
            ConfigMapVolumeSource source = volume.getConfigMap();
            if (source == null) {
                throw new AssertionError(CONFIG_DIRECTORY + " is not a ConfigMap volume in " + container.getName());
            }
            ConfigMap map = rendered.get(ConfigMap.class, source.getName());
            String key = Optional.ofNullable(source.getItems()).orElse(List.of()).stream()
                    .filter(item -> item.getPath().equals("application.yml")).map(KeyToPath::getKey).findFirst()
                    .orElse("application.yml");
            String yaml = map.getData().get(key);
            if (yaml == null) {
                throw new AssertionError("ConfigMap " + map.getMetadata().getName() + " has no " + key);
            }
            return Optional.of(yaml);
        }
        return Optional.empty();
    }

    /** One record bound from these settings, as the component would see it. */
    public <T> T bind(Class<T> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        MutablePropertySources propertySources = new MutablePropertySources();
        sources.forEach(propertySources::addLast);
        return new Binder(ConfigurationPropertySources.from(propertySources), null,
                ApplicationConversionService.getSharedInstance()).bindOrCreate(prefix, type);
    }

    /** The {@code @ConfigurationProperties} records of the packages under {@code basePackage}. */
    public static List<Class<?>> propertiesClasses(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> classes = new ArrayList<>();
        scanner.findCandidateComponents(basePackage).forEach(definition -> {
            try {
                classes.add(Class.forName(definition.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        classes.sort(Comparator.comparing(Class::getName));
        if (classes.isEmpty()) {
            throw new IllegalStateException("no @ConfigurationProperties classes under " + basePackage);
        }
        return classes;
    }

    /** Every {@code skyport.*} name the sources hold (environment variables as their canonical names). */
    public List<String> skyportNames() {
        TreeSet<String> names = new TreeSet<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof SystemEnvironmentPropertySource env) {
                for (String name : env.getPropertyNames()) {
                    if (name.toUpperCase(Locale.ROOT).startsWith("SKYPORT_")) {
                        names.add(name);
                    }
                }
            } else if (source instanceof org.springframework.core.env.EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("skyport.")) {
                        names.add(name);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Binds every record, failing on a {@code skyport.*} key that no record declares. Each record is bound
     * without the keys of records nested under its prefix ({@code skyport.gateway} without
     * {@code skyport.gateway.path-policy.*}), which those records bind themselves.
     */
    public void bindAll(List<Class<?>> records) {
        Map<Class<?>, ConfigurationPropertyName> prefixes = new LinkedHashMap<>();
        for (Class<?> type : records) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            prefixes.put(type, ConfigurationPropertyName.of(prefix));
        }
        for (String name : skyportNames()) {
            boolean owned = prefixes.values().stream().anyMatch(prefix -> owns(prefix, name));
            if (!owned) {
                throw new AssertionError(component + ": the chart passes '" + name + "', which is under no"
                        + " @ConfigurationProperties prefix of the component " + prefixes.values());
            }
        }
        MutablePropertySources propertySources = new MutablePropertySources();
        for (PropertySource<?> source : sources) {
            propertySources.addLast(source instanceof SystemEnvironmentPropertySource env
                    ? canonicalEnvironment(env, prefixes.values()) : source);
        }
        List<ConfigurationPropertySource> all = new ArrayList<>();
        ConfigurationPropertySources.from(propertySources).forEach(all::add);
        for (Map.Entry<Class<?>, ConfigurationPropertyName> record : prefixes.entrySet()) {
            ConfigurationPropertyName prefix = record.getValue();
            List<ConfigurationPropertyName> nested = prefixes.values().stream()
                    .filter(other -> !other.equals(prefix) && prefix.isAncestorOf(other)).toList();
            List<ConfigurationPropertySource> own = all.stream()
                    .map(source -> source instanceof IterableConfigurationPropertySource iterable
                            ? (ConfigurationPropertySource) iterable.filter(
                                    name -> nested.stream().noneMatch(n -> n.equals(name) || n.isAncestorOf(name)))
                            : source)
                    .toList();
            Binder binder = new Binder(own, null, ApplicationConversionService.getSharedInstance());
            try {
                binder.bind(prefix, Bindable.of(record.getKey()),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
            } catch (RuntimeException e) {
                throw new AssertionError(component + ": the chart's settings under '" + prefix + "' do not bind to "
                        + record.getKey().getSimpleName() + ": " + describe(e), e);
            }
        }
    }

    /**
     * The {@code SKYPORT_*} variables as property names. Spring Boot maps {@code SKYPORT_BUILD_FARM_X} to
     * {@code skyport.build.farm.x} and matches it loosely, so a typo there would pass the unbound check; here
     * the record's prefix is taken off (in either spelling) and the rest read as Spring's canonical form
     * (dashes removed, {@code _} between elements): {@code SKYPORT_BUILD_FARM_KUBERNETES_PULLHOST} is
     * {@code skyport.build-farm.kubernetes.pullhost}, which binds to {@code pull-host}.
     */
    private static PropertySource<?> canonicalEnvironment(SystemEnvironmentPropertySource env,
            java.util.Collection<ConfigurationPropertyName> prefixes) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : env.getPropertyNames()) {
            if (!name.toUpperCase(Locale.ROOT).startsWith("SKYPORT_")) {
                continue;
            }
            ConfigurationPropertyName owner = prefixes.stream().filter(prefix -> owns(prefix, name))
                    .max(Comparator.comparingInt(ConfigurationPropertyName::getNumberOfElements)).orElseThrow();
            String upper = owner.toString().toUpperCase(Locale.ROOT).replace('.', '_');
            String rest = name.startsWith(upper.replace("-", "") + "_")
                    ? name.substring(upper.replace("-", "").length() + 1)
                    : name.substring(upper.replace('-', '_').length() + 1);
            properties.put(owner + "." + rest.toLowerCase(Locale.ROOT).replace('_', '.'), env.getProperty(name));
        }
        return new org.springframework.core.env.MapPropertySource(env.getName(), properties);
    }

    private static boolean owns(ConfigurationPropertyName prefix, String name) {
        if (name.toUpperCase(Locale.ROOT).equals(name)) {
            // An environment variable: SKYPORT_BUILD_FARM_KUBERNETES_PULL_HOST (or SKYPORT_BUILDFARM_...) belongs
            // to skyport.build-farm.kubernetes, as Spring Boot maps it.
            String upper = prefix.toString().toUpperCase(Locale.ROOT).replace('.', '_');
            return name.startsWith(upper.replace("-", "") + "_") || name.startsWith(upper.replace('-', '_') + "_");
        }
        ConfigurationPropertyName candidate = ConfigurationPropertyName.adapt(name, '.');
        return prefix.isAncestorOf(candidate);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getMessage());
        }
        return text.toString();
    }
}
