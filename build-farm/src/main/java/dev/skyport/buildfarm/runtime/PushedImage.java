package dev.skyport.buildfarm.runtime;

/**
 * What a driver pushed, before the registry confirmed it.
 *
 * @param repository     {@code <registry>/<app>/<microservice>}
 * @param tag            the deployment id
 * @param reportedDigest the digest the push reported, or {@code null} when the driver could not see it
 */
public record PushedImage(String repository, String tag, String reportedDigest) {
}
