package dev.skyport.buildfarm.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deployment, Service and Job names: DNS-1123 labels of at most 63 characters (Services: DNS-1035, starting
 * with a letter), readable when short, hashed when cut, and never the same for two microservices.
 */
class KubernetesNamesTest {

    private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String ID = "d-20261202t070516-9baa";

    @Test
    void shortNamesAreReadable() {
        MicroserviceKey web = new MicroserviceKey("shop", "web");

        assertThat(KubernetesNames.instance(web)).isEqualTo("shop-web");
        assertThat(KubernetesNames.job(web, ID)).isEqualTo("build-shop-web-070516-9baa");
    }

    @Test
    void aNameOfExactly63CharactersStaysWhole() {
        MicroserviceKey key = new MicroserviceKey("a".repeat(31), "b".repeat(31));

        assertThat(KubernetesNames.instance(key)).isEqualTo("a".repeat(31) + "-" + "b".repeat(31)).hasSize(63);
    }

    @Test
    void aLongerNameIsCutAndEndsInAHashOfTheWholeName() {
        MicroserviceKey key = new MicroserviceKey("a".repeat(32), "b".repeat(31));

        String name = KubernetesNames.instance(key);

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL).startsWith("a".repeat(32) + "-bbb")
                .matches(".*-[0-9a-f]{8}");
        assertThat(KubernetesNames.instance(key)).as("the same every time: routes and restarts rely on it")
                .isEqualTo(name);
    }

    @Test
    void twoLongNamesThatShareTheirBeginningDiffer() {
        String app = "a".repeat(60);
        MicroserviceKey first = new MicroserviceKey(app, "first");
        MicroserviceKey second = new MicroserviceKey(app, "second");

        assertThat(KubernetesNames.instance(first)).isNotEqualTo(KubernetesNames.instance(second))
                .hasSizeLessThanOrEqualTo(63);
        assertThat(KubernetesNames.job(first, ID)).isNotEqualTo(KubernetesNames.job(second, ID));
        assertThat(KubernetesNames.job(first, ID)).isNotEqualTo(KubernetesNames.job(first, "d-20261202t070517-1c2d"));
    }

    @Test
    void twoMicroservicesWhoseNamesJoinAlikeNeverShareObjects() {
        // One namespace holds every app's objects: app a-b's microservice c must not take app a's b-c.
        MicroserviceKey one = new MicroserviceKey("a-b", "c");
        MicroserviceKey other = new MicroserviceKey("a", "b-c");

        assertThat(KubernetesNames.instance(one)).isNotEqualTo(KubernetesNames.instance(other))
                .startsWith("a-b-c-").matches(DNS_1035_LABEL);
        assertThat(KubernetesNames.job(one, ID)).isNotEqualTo(KubernetesNames.job(other, ID));
    }

    @Test
    void aPairWithAHyphenEndsInTheHashOfThePairAsTheDocsShow() {
        // docs/build-farm.md, Names: sha256("my-shop/web") starts with 1d88291b.
        assertThat(KubernetesNames.instance(new MicroserviceKey("my-shop", "web"))).isEqualTo("my-shop-web-1d88291b");
    }

    @Test
    void aServiceNameStartsWithALetterEvenWhenTheAppDoesNot() {
        assertThat(KubernetesNames.instance(new MicroserviceKey("7up", "web"))).isEqualTo("s-7up-web");
        assertThat(KubernetesNames.instance(new MicroserviceKey("7-up", "web"))).matches(DNS_1035_LABEL)
                .startsWith("s-7-up-web-");
    }

    @Test
    void everyValidAppAndMicroserviceGiveValidDistinctNames() {
        Random random = new Random(11);
        Map<String, MicroserviceKey> instances = new HashMap<>();
        Map<String, MicroserviceKey> jobs = new HashMap<>();
        List<MicroserviceKey> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            keys.add(new MicroserviceKey(label(random), label(random)));
        }
        for (MicroserviceKey key : keys) {
            String instance = KubernetesNames.instance(key);
            String job = KubernetesNames.job(key, ID);
            assertThat(instance).as(key.toString()).hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL);
            assertThat(job).as(key.toString()).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
            MicroserviceKey before = instances.put(instance, key);
            assertThat(before == null || before.equals(key)).as(key + " and " + before + " share " + instance).isTrue();
            before = jobs.put(job, key);
            assertThat(before == null || before.equals(key)).as(key + " and " + before + " share " + job).isTrue();
        }
    }

    /** A random valid app or microservice name: short ones (often with a '-') and up to 63 characters. */
    private static String label(Random random) {
        String alphabet = "ab1-";
        int length = random.nextInt(4) == 0 ? 40 + random.nextInt(24) : 1 + random.nextInt(5);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            name.append(c == '-' && (i == 0 || i == length - 1) ? 'a' : c);
        }
        return name.toString();
    }
}
