package dev.skyport.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short in-memory locks that BlockHound reports when two event loops meet there, though neither waits
 * on I/O: Netty 4.2's buffer allocator (a magazine's lock, held for a few instructions) and Jackson's
 * deserializer cache (held while a type's deserializer is built, once per type). Everything else that
 * blocks on an event loop still fails the test.
 */
public final class ShortLockAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
    }
}
