package io.lido.runtime.internal;

import io.lido.api.HttpModule;
import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.runtime.ModuleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Works out an application's modules from the built-in catalog and its effective
 * {@code system.webServer/modules} collection: built-in modules first, in catalog order, then the
 * entries with a {@code type}, in collection order.
 *
 * <p>Which built-in modules run: IIS lists its native modules in the server's {@code <modules>}, so a
 * {@code remove} or {@code clear} in a web.config takes them out. Lido does the same when the effective
 * collection names any built-in module (configuration registered them); when it names none, every
 * built-in module runs, since nothing registered them for a web.config to remove.
 *
 * <p>An application module with {@code preCondition="managedHandler"} runs only for requests mapped to
 * an application handler (not for static files), unless the section sets
 * {@code runAllManagedModulesForAllRequests="true"} — IIS's integrated-mode rule. In a Classic pool
 * ({@code managedPipelineMode="Classic"}) every application module runs only for requests mapped to an
 * application handler, as ASP.NET modules did under IIS 6.
 */
final class PipelineModules {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineModules.class);

    private PipelineModules() {
    }

    /**
     * @throws ConfigException naming the {@code <add>} entry whose type cannot be used
     */
    static List<ModuleSpec> resolve(ModuleCatalog catalog, ConfigElement modules, ClassLoader loader, String appPath,
                                    boolean classicPipeline) {
        Map<String, Supplier<HttpModule>> builtIn = catalog.modules();
        Set<String> builtInNames = new HashSet<>();
        builtIn.keySet().forEach(n -> builtInNames.add(n.toLowerCase(Locale.ROOT)));
        List<ConfigElement> entries = modules.collection();
        Set<String> listed = new HashSet<>();
        for (ConfigElement add : entries) {
            listed.add(add.attribute("name").toLowerCase(Locale.ROOT));
        }
        boolean registered = listed.stream().anyMatch(builtInNames::contains);
        boolean runAll = modules.bool("runAllManagedModulesForAllRequests");

        List<ModuleSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Supplier<HttpModule>> e : builtIn.entrySet()) {
            if (!registered || listed.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                specs.add(new ModuleSpec(e.getKey(), e.getValue(), false));
            }
        }
        for (ConfigElement add : entries) {
            String name = add.attribute("name");
            String type = add.attribute("type").trim();
            if (type.isEmpty()) {
                if (!builtInNames.contains(name.toLowerCase(Locale.ROOT))) {
                    LOG.warn("Application {}: module \"{}\" has no type and is not a built-in module of Lido {}; it does not run",
                            appPath, name, builtIn.keySet());
                }
                continue;
            }
            boolean managedOnly = classicPipeline
                    || (!runAll && hasManagedHandlerPrecondition(add.attribute("preCondition")));
            specs.add(new ModuleSpec(name, factory(add, name, type, loader), managedOnly));
        }
        return List.copyOf(specs);
    }

    private static boolean hasManagedHandlerPrecondition(String preCondition) {
        for (String part : preCondition.split(",")) {
            if (part.trim().equalsIgnoreCase("managedHandler")) {
                return true;
            }
        }
        return false;
    }

    private static Supplier<HttpModule> factory(ConfigElement add, String name, String type, ClassLoader loader) {
        Constructor<? extends HttpModule> constructor;
        try {
            constructor = TypeLoading.constructor(loader, type, HttpModule.class, "attribute \"type\"");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(add.location().orElse(null),
                    "<add name=\"" + name + "\"> in system.webServer/modules: " + e.getMessage());
        }
        return () -> TypeLoading.instantiate(constructor);
    }
}
