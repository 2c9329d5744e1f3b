package dev.skyport.buildfarm.record;

import dev.skyport.api.microservice.Microservice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microservice and deployment records in Redis (keys in {@link BuildFarmKeys}). Blocking: callers run
 * it on worker threads. Writes that belong together go in one MULTI/EXEC.
 */
@Component
public class RecordStore {

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    public RecordStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<Microservice> microservice(String app, String name) {
        String value = redis.opsForValue().get(BuildFarmKeys.microservice(app, name));
        return Optional.ofNullable(value).map(v -> json.readValue(v, Microservice.class));
    }

    /** The app's microservices, sorted by name. */
    public List<Microservice> microservices(String app) {
        Set<String> names = redis.opsForSet().members(BuildFarmKeys.microservices(app));
        List<Microservice> result = new ArrayList<>();
        for (String name : names == null ? Set.<String>of() : new TreeSet<>(names)) {
            microservice(app, name).ifPresent(result::add);
        }
        return result;
    }

    public Set<String> apps() {
        Set<String> apps = redis.opsForSet().members(BuildFarmKeys.APPS);
        return apps == null ? Set.of() : new TreeSet<>(apps);
    }

    public Optional<StoredDeployment> deployment(String id) {
        String value = redis.opsForValue().get(BuildFarmKeys.deployment(id));
        return Optional.ofNullable(value).map(v -> json.readValue(v, StoredDeployment.class));
    }

    /** The microservice's deployments, oldest first. */
    public List<StoredDeployment> deployments(String app, String name) {
        Set<String> ids = redis.opsForZSet().range(BuildFarmKeys.deployments(app, name), 0, -1);
        List<StoredDeployment> result = new ArrayList<>();
        for (String id : ids == null ? Set.<String>of() : ids) {
            deployment(id).ifPresent(result::add);
        }
        result.sort(Comparator.comparing((StoredDeployment d) -> d.deployment().createdAt())
                .thenComparing(StoredDeployment::id));
        return result;
    }

    /** The ids of every deployment record of the app, all microservices together. */
    public List<String> deploymentIds(String app) {
        Set<String> names = redis.opsForSet().members(BuildFarmKeys.microservices(app));
        List<String> result = new ArrayList<>();
        for (String name : names == null ? Set.<String>of() : names) {
            Set<String> ids = redis.opsForZSet().range(BuildFarmKeys.deployments(app, name), 0, -1);
            if (ids != null) {
                result.addAll(ids);
            }
        }
        return result;
    }

    /** Saves a microservice and some of its deployments in one transaction. */
    public void save(Microservice microservice, StoredDeployment... deployments) {
        String msJson = json.writeValueAsString(microservice);
        List<String[]> deploymentValues = new ArrayList<>();
        for (StoredDeployment d : deployments) {
            deploymentValues.add(new String[] {d.id(), json.writeValueAsString(d),
                    Long.toString(d.deployment().createdAt().toEpochMilli())});
        }
        String app = microservice.app();
        String name = microservice.name();
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.opsForValue().set(BuildFarmKeys.microservice(app, name), msJson);
                operations.opsForSet().add(BuildFarmKeys.microservices(app), name);
                operations.opsForSet().add(BuildFarmKeys.APPS, app);
                for (String[] d : deploymentValues) {
                    operations.opsForValue().set(BuildFarmKeys.deployment(d[0]), d[1]);
                    operations.opsForZSet().add(BuildFarmKeys.deployments(app, name), d[0], Double.parseDouble(d[2]));
                }
                return operations.exec();
            }
        });
    }

    /** Saves one deployment (its microservice unchanged). */
    public void save(StoredDeployment deployment) {
        String value = json.writeValueAsString(deployment);
        var d = deployment.deployment();
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.opsForValue().set(BuildFarmKeys.deployment(d.id()), value);
                operations.opsForZSet().add(BuildFarmKeys.deployments(d.app(), d.microservice()), d.id(),
                        d.createdAt().toEpochMilli());
                return operations.exec();
            }
        });
    }

    /** Removes a deployment record and its log. */
    public void deleteDeployment(StoredDeployment deployment) {
        var d = deployment.deployment();
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.delete(BuildFarmKeys.deployment(d.id()));
                operations.delete(BuildFarmKeys.logs(d.id()));
                operations.opsForZSet().remove(BuildFarmKeys.deployments(d.app(), d.microservice()), d.id());
                return operations.exec();
            }
        });
    }

    /** Removes the microservice, every deployment record of it and their logs. */
    public void deleteMicroservice(String app, String name) {
        Set<String> ids = redis.opsForZSet().range(BuildFarmKeys.deployments(app, name), 0, -1);
        List<String> keys = new ArrayList<>();
        for (String id : ids == null ? Set.<String>of() : ids) {
            keys.add(BuildFarmKeys.deployment(id));
            keys.add(BuildFarmKeys.logs(id));
        }
        keys.add(BuildFarmKeys.deployments(app, name));
        keys.add(BuildFarmKeys.microservice(app, name));
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.delete(keys);
                operations.opsForSet().remove(BuildFarmKeys.microservices(app), name);
                return operations.exec();
            }
        });
        Long left = redis.opsForSet().size(BuildFarmKeys.microservices(app));
        if (left == null || left == 0) {
            redis.opsForSet().remove(BuildFarmKeys.APPS, app);
        }
    }

    /** {@code app/sha256} of every artifact a stored deployment refers to. */
    public Set<String> referencedArtifacts() {
        Set<String> result = new HashSet<>();
        for (String app : apps()) {
            Set<String> names = redis.opsForSet().members(BuildFarmKeys.microservices(app));
            for (String name : names == null ? Set.<String>of() : names) {
                for (StoredDeployment d : deployments(app, name)) {
                    result.add(app + "/" + d.deployment().artifact());
                }
            }
        }
        return result;
    }
}
