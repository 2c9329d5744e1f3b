package dev.skyport.buildfarm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * fabric8's mock Kubernetes API server is test scaffolding on Vert.x, whose event loops are Netty
 * threads that BlockHound watches. The only blocking call seen there is the JDK reading
 * {@code net.properties} the first time any server socket is made, once per JVM; it is done here,
 * on the main thread, before any event loop starts. Everything else stays judged.
 */
public final class MockApiServerThreads implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        try {
            new ServerSocket().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
