package dev.skyport.cli.context;

import java.io.IOException;

/** Receives context entries in archive order. */
@FunctionalInterface
public interface ContextVisitor {

    void accept(ContextEntry entry) throws IOException;
}
