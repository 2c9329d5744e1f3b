package dev.skyport.cli.context;

import java.util.List;

/**
 * What a walk did besides emitting entries.
 *
 * @param directoriesRead how many directories were listed (excluded trees are not)
 * @param skipped         special files (sockets, FIFOs, devices) that were left out
 */
public record WalkStats(long directoriesRead, List<String> skipped) {

    public WalkStats {
        skipped = List.copyOf(skipped);
    }
}
