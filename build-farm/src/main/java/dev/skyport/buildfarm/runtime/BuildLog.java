package dev.skyport.buildfarm.runtime;

/** Where a driver writes what a person watching the deployment should see, one line at a time. */
@FunctionalInterface
public interface BuildLog {

    void line(String text);
}
