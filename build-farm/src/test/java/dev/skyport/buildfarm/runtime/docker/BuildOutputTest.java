package dev.skyport.buildfarm.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** When an abandoned build's stream closes: at once while two step checks remain, else at its end. */
class BuildOutputTest {

    private final List<String> log = new ArrayList<>();
    private final BuildOutput output = new BuildOutput(log::add);
    private final AtomicBoolean streamClosed = new AtomicBoolean();
    private final Closeable stream = () -> streamClosed.set(true);

    private void step(int number, int total, String instruction) {
        output.onNext(new BuildResponseItemFake("Step " + number + "/" + total + " : " + instruction + "\n"));
    }

    @Test
    void anAbandonedBuildWithTwoStepsLeftStopsAtOnce() throws InterruptedException {
        output.onStart(stream);
        step(2, 4, "RUN sleep 3");

        output.abandon(false);

        assertThat(streamClosed).isTrue();
        assertThat(output.awaitCompletion(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void anAbandonedBuildInItsLastTwoStepsRunsToItsEnd() throws InterruptedException {
        output.onStart(stream);
        step(3, 4, "COPY index.html /var/www/index.html");

        output.abandon(false);
        step(4, 4, "CMD [\"httpd\"]");

        assertThat(streamClosed).isFalse();
        assertThat(output.awaitCompletion(0, TimeUnit.MILLISECONDS)).isFalse();
        output.onComplete();
        assertThat(output.awaitCompletion(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void beforeTheFirstStepTheFirstStepLineDecides() {
        output.onStart(stream);
        output.abandon(false);
        assertThat(streamClosed).isFalse();

        step(1, 5, "FROM busybox:1.36");

        assertThat(streamClosed).isTrue();
    }

    @Test
    void aShutdownStopsTheBuildEvenInItsLastStep() {
        output.onStart(stream);
        step(4, 4, "CMD [\"httpd\"]");

        output.abandon(true);

        assertThat(streamClosed).isTrue();
    }

    @Test
    void aBuildStoppedBeforeTheEngineAnsweredIsClosedWhenItAnswers() throws InterruptedException {
        output.stop();
        assertThat(output.awaitCompletion(0, TimeUnit.MILLISECONDS)).isTrue();

        output.onStart(stream);

        assertThat(streamClosed).isTrue();
    }

    @Test
    void stepLinesAndStepImagesAreKept() {
        step(1, 2, "FROM busybox:1.36");
        output.onNext(new BuildResponseItemFake(" ---> 3f2a9c1b7d4e\n"));

        assertThat(output.lastStep()).isEqualTo("Step 1/2 : FROM busybox:1.36");
        assertThat(output.stepImages()).containsExactly("3f2a9c1b7d4e");
        assertThat(log).containsExactly("Step 1/2 : FROM busybox:1.36", " ---> 3f2a9c1b7d4e");
    }

    /** A stream item as the Engine sends it. */
    private static final class BuildResponseItemFake extends BuildResponseItem {
        private final String stream;

        BuildResponseItemFake(String stream) {
            this.stream = stream;
        }

        @Override
        public String getStream() {
            return stream;
        }
    }
}
