package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes image tags without breaking builds. Removing a tag also prunes its untagged parent images,
 * and the classic builder may be building on one of those right now (a cache hit): the build then
 * fails with "unknown parent image ID". So builds hold a shared lock, and removals run on a background
 * thread that takes the exclusive lock, that is, only while no build runs.
 */
final class ImageRemovals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageRemovals.class);

    private final DockerClient docker;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final ExecutorService remover = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "skyport-image-removal");
        thread.setDaemon(true);
        return thread;
    });

    ImageRemovals(DockerClient docker) {
        this.docker = docker;
    }

    /** Runs a build; removals wait until it is over. */
    <T> T duringBuild(Supplier<T> build) {
        lock.readLock().lock();
        try {
            return build.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    void duringBuild(Runnable build) {
        duringBuild(() -> {
            build.run();
            return null;
        });
    }

    /**
     * Removes the deployment's tag (and what only it kept) once no build runs, then any pushed digest
     * of the repository that no tag holds any more. Those appear when a tag is removed while its push
     * is still running: the Engine records the digest reference when the push ends.
     */
    void remove(String tag, String repository) {
        exclusively(() -> {
            removeReference(tag);
            for (Image image : imagesOf(repository)) {
                if (tagsIn(image, repository).isEmpty()) {
                    digestsIn(image, repository).forEach(this::removeReference);
                }
            }
        });
    }

    /** Removes every tag and pushed digest of the repository once no build runs. */
    void removeAll(String repository) {
        exclusively(() -> {
            for (Image image : imagesOf(repository)) {
                tagsIn(image, repository).forEach(this::removeReference);
                digestsIn(image, repository).forEach(this::removeReference);
            }
        });
    }

    private void exclusively(Runnable removal) {
        remover.execute(() -> {
            lock.writeLock().lock();
            try {
                removal.run();
            } catch (RuntimeException e) {
                log.warn("cannot remove images: {}", e.toString());
            } finally {
                lock.writeLock().unlock();
            }
        });
    }

    private List<Image> imagesOf(String repository) {
        return docker.listImagesCmd().withReferenceFilter(repository).exec();
    }

    private static List<String> tagsIn(Image image, String repository) {
        return referencesIn(image.getRepoTags(), repository + ":");
    }

    private static List<String> digestsIn(Image image, String repository) {
        return referencesIn(image.getRepoDigests(), repository + "@");
    }

    private static List<String> referencesIn(String[] references, String prefix) {
        return references == null ? List.of()
                : Arrays.stream(references).filter(reference -> reference.startsWith(prefix)).toList();
    }

    private void removeReference(String reference) {
        try {
            docker.removeImageCmd(reference).withForce(false).withNoPrune(false).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        } catch (ConflictException inUse) {
            log.info("image {} is still used by a container; kept", reference);
        } catch (RuntimeException e) {
            log.warn("cannot remove image {}: {}", reference, e.toString());
        }
    }

    /**
     * Removes the images a failed build left, newest first, skipping any with a tag (the base image)
     * or with children (cache another image builds on).
     */
    void removeIfUntagged(List<String> imageIds) {
        List<String> newestFirst = new ArrayList<>(imageIds);
        Collections.reverse(newestFirst);
        remover.execute(() -> {
            lock.writeLock().lock();
            try {
                for (String id : newestFirst) {
                    try {
                        List<String> tags = docker.inspectImageCmd(id).exec().getRepoTags();
                        if (tags == null || tags.isEmpty()) {
                            docker.removeImageCmd(id).withForce(false).withNoPrune(true).exec();
                        }
                    } catch (NotFoundException | ConflictException keptOrGone) {
                        // gone already, or another image builds on it
                    } catch (RuntimeException e) {
                        log.warn("cannot remove image {} of a failed build: {}", id, e.toString());
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        });
    }

    @Override
    public void close() {
        remover.shutdown();
    }
}
