package dev.skyport.buildfarm.testing.memory;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.ConditionalOnDriver;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.DeployFailedException;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.InstanceRef;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.Observation;
import dev.skyport.buildfarm.runtime.ObservedInstance;
import dev.skyport.buildfarm.runtime.PushedImage;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * A driver for tests of the lifecycle: builds and instances live in memory, scripted per microservice
 * ({@link #script}): builds succeed, fail, hang or push nothing; instances become ready or never do; any
 * call can be held at a {@link Gate}; instances can stop, move or vanish as a test says. Builds push a
 * real, tiny image to the real registry, so the manifest check is the production one.
 *
 * <p>It lives in test sources only: a production jar cannot select it, and its name is not among
 * {@code RuntimeDrivers.PRODUCTION}.
 */
@Component
@ConditionalOnDriver(InMemoryDriver.NAME)
public final class InMemoryDriver implements RuntimeDriver {

    public static final String NAME = "in-memory";

    /** The driver's operations, for gates and the call log. */
    public enum Call { BUILD, RUN, START, STOP, DELETE, OBSERVE }

    /** One call as the lifecycle made it. */
    public record Recorded(Call call, MicroserviceKey microservice, String deploymentId, String thread) {
    }

    /** An instance as the fake runtime holds it. */
    public record Instance(InstanceRef ref, boolean running, URI target) {
    }

    private final RegistryAccess registry;
    private final TinyImagePush pushes;
    private final Map<MicroserviceKey, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<MicroserviceKey, InstanceOutput> outputs = new ConcurrentHashMap<>();
    private final List<Recorded> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ports = new AtomicInteger(40000);

    public InMemoryDriver(RegistryAccess registry) {
        this.registry = registry;
        this.pushes = new TinyImagePush(registry.address(), registry.credentials());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** What the microservice's instances print, for {@link #instanceLogs}. */
    public InstanceOutput output(MicroserviceKey microservice) {
        return outputs.computeIfAbsent(microservice, k -> new InstanceOutput());
    }

    @Override
    public Flux<InstanceLogLine> instanceLogs(MicroserviceKey microservice, InstanceLogQuery query) {
        return Flux.defer(() -> output(microservice).stream(query));
    }

    public Script script(MicroserviceKey microservice) {
        return scripts.computeIfAbsent(microservice, k -> new Script());
    }

    @Override
    public PushedImage build(BuildSpec spec, BuildLog log, BuildCancellation cancellation) {
        Script script = enter(Call.BUILD, spec.microservice(), spec.deploymentId());
        log.line("in-memory build of " + spec.deploymentId() + " from " + spec.context().sha256()
                + " (" + spec.context().size() + " bytes, Dockerfile " + spec.dockerfile() + ")");
        String repository = registry.repository(spec.microservice());
        switch (script.build()) {
            case FAIL -> throw new BuildFailedException(script.buildFailure());
            case HANG -> {
                CountDownLatch cancelled = new CountDownLatch(1);
                cancellation.whenCancelled(cancelled::countDown);
                log.line("in-memory build hangs until cancelled");
                try {
                    cancelled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BuildFailedException("the build was cancelled");
            }
            case PUSH_NOTHING -> {
                return new PushedImage(repository, spec.deploymentId(), null);
            }
            case SUCCEED -> {
                String digest = pushes.push(RegistryAccess.repositoryPath(spec.microservice()), spec.deploymentId(),
                        spec.deploymentId());
                log.line("pushed " + repository + ":" + spec.deploymentId());
                return new PushedImage(repository, spec.deploymentId(), digest);
            }
        }
        throw new IllegalStateException("unknown build script " + script.build());
    }

    @Override
    public RunningInstance run(RunSpec spec, BuildLog log) {
        return launch(Call.RUN, spec, log);
    }

    @Override
    public RunningInstance start(RunSpec spec, BuildLog log) {
        return launch(Call.START, spec, log);
    }

    private RunningInstance launch(Call call, RunSpec spec, BuildLog log) {
        Script script = enter(call, spec.microservice(), spec.deploymentId());
        InstanceRef ref = new InstanceRef(spec.microservice(), spec.deploymentId(), "mem-" + spec.deploymentId());
        log.line("starting in-memory instance of " + spec.deploymentId() + " from " + spec.image());
        if (script.readiness() == Script.Readiness.NEVER_READY) {
            instances.put(spec.deploymentId(), new Instance(ref, false, null));
            log.line("the instance answered: " + script.readinessFailure());
            throw new DeployFailedException(script.readinessFailure(), List.of("the instance answered: " + script.readinessFailure()));
        }
        URI target = URI.create("http://127.0.0.1:" + ports.incrementAndGet());
        instances.put(spec.deploymentId(), new Instance(ref, true, target));
        log.line("ready: in-memory instance at " + target);
        return new RunningInstance(ref, target);
    }

    @Override
    public void stop(InstanceRef instance) {
        enter(Call.STOP, instance.microservice(), instance.deploymentId());
        instances.computeIfPresent(instance.deploymentId(), (id, i) -> new Instance(i.ref(), false, null));
    }

    @Override
    public void delete(DeleteScope scope) {
        if (scope instanceof DeleteScope.OneDeployment one) {
            enter(Call.DELETE, one.microservice(), one.deploymentId());
            instances.remove(one.deploymentId());
        } else if (scope instanceof DeleteScope.WholeMicroservice all) {
            enter(Call.DELETE, all.microservice(), null);
            instances.values().removeIf(i -> i.ref().microservice().equals(all.microservice()));
        }
    }

    @Override
    public Observation observe(MicroserviceKey microservice) {
        enter(Call.OBSERVE, microservice, null);
        return new Observation(microservice, instances.values().stream()
                .filter(i -> i.ref().microservice().equals(microservice))
                .map(i -> new ObservedInstance(i.ref(), i.running(), i.target()))
                .toList());
    }

    // What a test does to the fake runtime, and what it reads back.

    /** The instance stops on its own (a crash). */
    public void instanceStops(String deploymentId) {
        instances.computeIfPresent(deploymentId, (id, i) -> new Instance(i.ref(), false, null));
    }

    /** The instance comes back on its own, answering at a new address (a restarted container). */
    public URI instanceRestartsElsewhere(String deploymentId) {
        URI target = URI.create("http://127.0.0.1:" + ports.incrementAndGet());
        instances.computeIfPresent(deploymentId, (id, i) -> new Instance(i.ref(), true, target));
        return target;
    }

    /** The instance is gone (removed behind the build farm's back). */
    public void instanceVanishes(String deploymentId) {
        instances.remove(deploymentId);
    }

    public Optional<Instance> instance(String deploymentId) {
        return Optional.ofNullable(instances.get(deploymentId));
    }

    public List<Instance> instances(MicroserviceKey microservice) {
        return instances.values().stream().filter(i -> i.ref().microservice().equals(microservice)).toList();
    }

    public List<Recorded> calls(MicroserviceKey microservice) {
        return calls.stream().filter(c -> c.microservice().equals(microservice)).toList();
    }

    private Script enter(Call call, MicroserviceKey microservice, String deploymentId) {
        calls.add(new Recorded(call, microservice, deploymentId, Thread.currentThread().getName()));
        Script script = script(microservice);
        script.passGate(call);
        return script;
    }
}
