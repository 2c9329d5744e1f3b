package dev.skyport.buildfarm.registry;

import dev.skyport.buildfarm.runtime.BuildFailedException;
import dev.skyport.buildfarm.runtime.BuiltImage;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.PushedImage;
import dev.skyport.registry.client.RegistryException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The step after every driver's push: asks the registry for the manifest of the pushed tag and checks it
 * against the digest the push reported. Only a digest the registry holds is recorded and run, so an
 * instance never starts from an image the registry lost or never got.
 */
@Component
public class ManifestCheck {

    private final RegistryAccess registry;

    public ManifestCheck(RegistryAccess registry) {
        this.registry = registry;
    }

    /** The image by the digest the registry holds; {@link BuildFailedException} when it holds none or another. */
    public BuiltImage verify(MicroserviceKey microservice, PushedImage pushed) {
        String expectedRepository = registry.repository(microservice);
        if (!expectedRepository.equals(pushed.repository())) {
            throw new BuildFailedException("the driver pushed " + pushed.repository() + " but this build farm's"
                    + " repository for " + microservice + " is " + expectedRepository);
        }
        Optional<String> stored;
        try {
            stored = registry.client().manifestDigest(RegistryAccess.repositoryPath(microservice), pushed.tag());
        } catch (RegistryException e) {
            throw new BuildFailedException("cannot verify the pushed image in the registry: " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            throw new BuildFailedException("the registry has no manifest for " + pushed.repository() + ":"
                    + pushed.tag() + " after the push");
        }
        if (pushed.reportedDigest() != null && !pushed.reportedDigest().equals(stored.get())) {
            throw new BuildFailedException("the push reported digest " + pushed.reportedDigest()
                    + " but the registry holds " + stored.get() + " for " + pushed.repository() + ":" + pushed.tag());
        }
        return new BuiltImage(pushed.repository(), pushed.tag(), stored.get());
    }
}
