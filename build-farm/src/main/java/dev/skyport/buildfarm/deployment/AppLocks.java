package dev.skyport.buildfarm.deployment;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One lock per app, around decisions that span its microservices (a route prefix belongs to one of
 * them). Lane locks are per microservice, so two deploys of different microservices never wait for
 * each other there. Always taken before a lane lock, never inside one.
 */
@Component
public class AppLocks {

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T locked(String app, Supplier<T> body) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
