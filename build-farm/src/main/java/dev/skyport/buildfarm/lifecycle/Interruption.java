package dev.skyport.buildfarm.lifecycle;

/** What interrupted in-flight work, in the words its log and records use. */
enum Interruption {
    RESTART("the build farm restarted during this build", "the build farm restarted before this build",
            "the build farm restarted before this deployment", "a build farm restart"),
    LOST("the build farm lost this build's worker (e.g. Redis was unreachable)",
            "the build farm lost this build's worker (e.g. Redis was unreachable) before it",
            "the build farm lost this deployment's worker (e.g. Redis was unreachable) before it",
            "a lost worker (e.g. Redis was unreachable)");

    private final String duringBuild;
    private final String beforeBuild;
    private final String beforeDeployment;
    private final String byWhat;

    Interruption(String duringBuild, String beforeBuild, String beforeDeployment, String byWhat) {
        this.duringBuild = duringBuild;
        this.beforeBuild = beforeBuild;
        this.beforeDeployment = beforeDeployment;
        this.byWhat = byWhat;
    }

    String duringBuild() {
        return duringBuild;
    }

    String beforeBuild() {
        return beforeBuild;
    }

    String beforeDeployment() {
        return beforeDeployment;
    }

    String byWhat() {
        return byWhat;
    }
}
