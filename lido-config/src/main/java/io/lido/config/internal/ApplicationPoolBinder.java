package io.lido.config.internal;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.HostingModel;
import io.lido.config.SourceLocation;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code system.applicationHost/applicationPools} to {@link ApplicationPoolConfig} records. A
 * pool's value comes from its own {@code add}, else {@code applicationPoolDefaults}, else the schema.
 */
final class ApplicationPoolBinder {
    private ApplicationPoolBinder() {
    }

    static List<ApplicationPoolConfig> bind(EffectiveElement applicationPools) {
        EffectiveElement defaults = (EffectiveElement) applicationPools.child("applicationPoolDefaults");
        List<ApplicationPoolConfig> pools = new ArrayList<>();
        for (ConfigElement entry : applicationPools.collection()) {
            pools.add(bindPool(ElementMerger.overlay(defaults, (EffectiveElement) entry), entry.location().orElseThrow()));
        }
        return List.copyOf(pools);
    }

    private static ApplicationPoolConfig bindPool(ConfigElement pool, SourceLocation location) {
        ConfigElement pm = pool.child("processModel");
        ConfigElement recycling = pool.child("recycling");
        ConfigElement restart = recycling.child("periodicRestart");
        ConfigElement failure = pool.child("failure");
        List<LocalTime> schedule = new ArrayList<>();
        for (ConfigElement time : restart.child("schedule").collection()) {
            schedule.add((LocalTime) ((EffectiveElement) time).value("value"));
        }
        Collections.sort(schedule);
        Map<String, String> environment = new LinkedHashMap<>();
        for (ConfigElement variable : pool.child("environmentVariables").collection()) {
            environment.put(variable.attribute("name"), variable.attribute("value"));
        }
        return new ApplicationPoolConfig(
                pool.attribute("name"),
                pool.integer("queueLength"),
                pool.bool("autoStart"),
                pool.attribute("startMode").equals("AlwaysRunning"),
                pool.attribute("managedPipelineMode").equals("Classic"),
                pool.attribute("hostingModel").equals("inProcess") ? HostingModel.IN_PROCESS : HostingModel.OUT_OF_PROCESS,
                pool.attribute("jvmOptions"),
                new ApplicationPoolConfig.ProcessModel(
                        pm.duration("idleTimeout"), pm.integer("maxProcesses"), pm.bool("pingingEnabled"),
                        pm.duration("pingInterval"), pm.duration("pingResponseTime"),
                        pm.duration("startupTimeLimit"), pm.duration("shutdownTimeLimit"),
                        pm.attribute("identityType"), pm.attribute("userName")),
                new ApplicationPoolConfig.Recycling(
                        recycling.bool("disallowOverlappingRotation"), recycling.bool("disallowRotationOnConfigChange"),
                        restart.duration("time"), restart.longValue("requests"), restart.longValue("memory"),
                        restart.longValue("privateMemory"), List.copyOf(schedule)),
                new ApplicationPoolConfig.Failure(
                        failure.bool("rapidFailProtection"), failure.duration("rapidFailProtectionInterval"),
                        failure.integer("rapidFailProtectionMaxCrashes")),
                Collections.unmodifiableMap(environment),
                location,
                pool.bool("jvmAotCache"),
                pool.integer("maxConcurrentRequests"),
                aotTraining(pool, location));
    }

    private static ApplicationPoolConfig.AotTraining aotTraining(ConfigElement pool, SourceLocation location) {
        String url = pool.attribute("jvmAotTrainingUrl");
        if (!url.isEmpty()) {
            String problem = AotTrainingUrls.problem(url);
            if (problem != null) {
                throw new ConfigException(location, "<add name=\"" + pool.attribute("name")
                        + "\"> attribute \"jvmAotTrainingUrl\": \"" + url + "\" is invalid: " + problem);
            }
        }
        return new ApplicationPoolConfig.AotTraining(url, pool.duration("jvmAotTrainingTime"));
    }
}
