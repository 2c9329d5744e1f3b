package dev.skyport.gateway.route;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The current {@link RoutingTable}: read lock-free on every request, replaced atomically on every change. */
public final class RoutingTableHolder {

    private final AtomicReference<RoutingTable> current = new AtomicReference<>(RoutingTable.EMPTY);

    public RoutingTable get() {
        return current.get();
    }

    public RoutingTable update(UnaryOperator<RoutingTable> change) {
        return current.updateAndGet(change);
    }
}
