package dev.skyport.buildfarm;

import dev.skyport.testing.BlockingGuard;
import org.junit.jupiter.api.Test;

/** BlockHound runs in this module's tests, so a blocking call on an event loop fails the test that makes it. */
class EventLoopsStayNonBlockingTest {

    @Test
    void blockHoundRefusesABlockingCallOnANonBlockingThread() {
        BlockingGuard.assertInstalled();
    }
}
