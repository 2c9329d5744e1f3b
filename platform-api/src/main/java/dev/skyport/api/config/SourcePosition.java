package dev.skyport.api.config;

/**
 * Where a value was written: 1-based line and column, or {@link #UNKNOWN} when the input
 * carries no positions (a JSON item sent to the build farm).
 */
public record SourcePosition(int line, int column) {

    public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

    public boolean isKnown() {
        return line > 0;
    }
}
