package dev.skyport.buildfarm.logs;

import dev.skyport.api.microservice.DeploymentStatus;
import dev.skyport.api.microservice.StatusEvent;
import dev.skyport.buildfarm.record.BuildFarmKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A capped Redis Stream per deployment holding every build and start-up line and every status change,
 * in order. Entries: {@code type=log line=...} or {@code type=status data={"status","message"}}.
 */
@Component
public class BuildLogs {

    private static final RedisScript<Long> MEMORY_USAGE = RedisScript.of("""
            local total = 0
            for _, key in ipairs(KEYS) do
              total = total + (redis.call('MEMORY', 'USAGE', key) or 0)
            end
            return total
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final LogProperties properties;

    public BuildLogs(StringRedisTemplate redis, JsonMapper json, LogProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    /** Appends one line (a longer text is split at its line breaks). */
    public void line(String deploymentId, String text) {
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty()) {
                add(deploymentId, Map.of("type", LogEvent.LOG, "data", properties.cut(line)));
            }
        }
    }

    public void status(String deploymentId, DeploymentStatus status, String message) {
        add(deploymentId, Map.of("type", LogEvent.STATUS,
                "data", json.writeValueAsString(new StatusEvent(status, message))));
    }

    /** Up to {@code count} events after {@code afterId} (exclusive; null for the beginning). */
    public List<LogEvent> read(String deploymentId, String afterId, int count) {
        Range<String> range = afterId == null ? Range.unbounded()
                : Range.rightUnbounded(Range.Bound.inclusive(nextId(afterId)));
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(BuildFarmKeys.logs(deploymentId), range, Limit.limit().count(count));
        List<LogEvent> events = new ArrayList<>();
        if (records != null) {
            for (MapRecord<String, Object, Object> record : records) {
                events.add(new LogEvent(record.getId().getValue(), String.valueOf(record.getValue().get("type")),
                        String.valueOf(record.getValue().get("data"))));
            }
        }
        return events;
    }

    /** The smallest stream id after {@code id}; ids are {@code <ms>-<seq>}. */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + id + "' is not a log event id");
        }
        long ms = Long.parseLong(id.substring(0, dash));
        long seq = Long.parseLong(id.substring(dash + 1));
        return seq == Long.MAX_VALUE ? (ms + 1) + "-0" : ms + "-" + (seq + 1);
    }

    /** Whether {@code id} has the form of a log event id ({@code 1700000000000-0}). */
    public static boolean isEventId(String id) {
        return id != null && id.matches("\\d{1,19}-\\d{1,19}");
    }

    /** Redis memory the logs of these deployments take, in bytes (MEMORY USAGE, summed in one script). */
    public long memoryUsage(List<String> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return 0;
        }
        List<String> keys = deploymentIds.stream().map(BuildFarmKeys::logs).toList();
        Long total = redis.execute(MEMORY_USAGE, keys);
        return total == null ? 0 : total;
    }

    public void delete(String deploymentId) {
        redis.delete(BuildFarmKeys.logs(deploymentId));
    }

    private void add(String deploymentId, Map<String, String> fields) {
        redis.opsForStream().add(MapRecord.create(BuildFarmKeys.logs(deploymentId), fields),
                XAddOptions.maxlen(properties.maxLinesPerDeployment()).approximateTrimming(true));
    }
}
