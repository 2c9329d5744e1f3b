package dev.skyport.cli.ignore;

/** A pattern as Docker's ignore-file reader produced it, with the line it came from. */
public record IgnoreLine(int line, String pattern) {
}
