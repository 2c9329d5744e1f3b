package dev.skyport.buildfarm.runtime;

/** One microservice of one app. */
public record MicroserviceKey(String app, String name) {

    @Override
    public String toString() {
        return app + "/" + name;
    }
}
