package dev.skyport.cli.context;

/** What a context entry is; anything else (sockets, FIFOs, devices) is never sent. */
public enum EntryKind {
    DIRECTORY,
    FILE,
    SYMLINK
}
