package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.skyport.buildfarm.registry.RegistryAccess;
import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.PushedImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a built image with the registry credentials (the only request that carries them) and keeps the
 * digest the push reports, which the lifecycle then checks against the registry.
 */
final class ImagePusher {

    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(30);

    private final DockerClient docker;
    private final RegistryAccess registry;

    ImagePusher(DockerClient docker, RegistryAccess registry) {
        this.docker = docker;
        this.registry = registry;
    }

    PushedImage push(MicroserviceKey microservice, String tag, BuildLog log) {
        String repository = registry.repository(microservice);
        log.line("pushing " + repository + ":" + tag);
        AuthConfig auth = new AuthConfig()
                .withRegistryAddress(registry.address())
                .withUsername(registry.credentials().username())
                .withPassword(registry.credentials().password());
        Output output = new Output(log);
        try {
            docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth).exec(output);
            if (!output.awaitCompletion(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                output.close();
                throw new BuildFailedException("the push of " + repository + ":" + tag + " took longer than "
                        + PUSH_TIMEOUT.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("the push was interrupted", e);
        } catch (BuildFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new BuildFailedException("the push of " + repository + ":" + tag + " failed: " + e.getMessage(), e);
        }
        if (output.error != null) {
            throw new BuildFailedException("the push of " + repository + ":" + tag + " failed: " + output.error);
        }
        return new PushedImage(repository, tag, output.digest);
    }

    /** Logs one line per finished layer and the final digest, not every progress tick. */
    private static final class Output extends ResultCallback.Adapter<PushResponseItem> {

        private final BuildLog log;
        private volatile String error;
        private volatile String digest;

        Output(BuildLog log) {
            this.log = log;
        }

        @Override
        public void onNext(PushResponseItem item) {
            if (item.getErrorDetail() != null) {
                error = item.getErrorDetail().getMessage() != null ? item.getErrorDetail().getMessage()
                        : "error code " + item.getErrorDetail().getCode();
                log.line("ERROR: " + error);
                return;
            }
            if (item.getAux() != null && item.getAux().getDigest() != null) {
                digest = item.getAux().getDigest();
            }
            String status = item.getStatus();
            if (status == null || item.getProgressDetail() != null && "Pushing".equals(status)) {
                return;
            }
            if (item.getId() == null || status.equals("Pushed") || status.startsWith("Layer already exists")
                    || status.startsWith("Mounted from")) {
                log.line(item.getId() == null ? status : item.getId() + ": " + status);
            }
        }
    }
}
