package dev.skyport.catalog.tarball;

import java.util.Arrays;

/**
 * A gzip-compressed tar held in memory, named by the SHA-256 of its bytes.
 *
 * @param bytes  the tar.gz
 * @param sha256 64 lower-case hex digits
 */
public record Tarball(byte[] bytes, String sha256) {

    public Tarball {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public long size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tarball that && sha256.equals(that.sha256) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Tarball[sha256=" + sha256 + ", size=" + bytes.length + "]";
    }
}
