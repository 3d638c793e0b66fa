// Runs one OpenSearch node inside this JVM for development and CI.
//
// The jars come from search/pom.xml (copied into var/search/lib-opensearch/); the
// language analyzers etc. are "modules" in a real distribution, which we load as
// classpath plugins instead, so no distribution zip is needed. Started and stopped
// by search/engine/launcher.py; it stays in the foreground until it gets SIGTERM.
//
//   java -cp 'var/search/lib-opensearch/*' search/engine/EmbeddedOpenSearch.java \
//        -Ehttp.port=9200 -Epath.home=var/search/opensearch-data
//
// Any "-Ekey=value" overrides the development defaults below.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.Version;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;

public class EmbeddedOpenSearch {

    // Module plugins we run with, as {name, class, plugin it extends or ""}.
    // Missing ones are skipped, so trimming search/pom.xml does not break startup.
    private static final String[][] MODULES = {
        {"transport-netty4", "org.opensearch.transport.Netty4ModulePlugin", ""},
        {"lang-painless", "org.opensearch.painless.PainlessModulePlugin", ""},
        // Extends painless so its analysis whitelist is visible to scripts.
        {"analysis-common", "org.opensearch.analysis.common.CommonAnalysisModulePlugin", "lang-painless"},
        {"mapper-extras", "org.opensearch.index.mapper.MapperExtrasModulePlugin", ""},
        {"reindex", "org.opensearch.index.reindex.ReindexModulePlugin", ""},
    };

    // Node's plugin-aware constructor is protected, so expose it.
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, List<PluginInfo> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", "goodpractice-dev");
        settings.put("node.name", "goodpractice-dev-node");
        settings.put("path.home", "var/search/opensearch-data");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", "9200");
        // A range, so a second engine (or a stale one) on 9300 does not block us.
        settings.put("transport.port", "9300-9399");
        settings.put("discovery.type", "single-node");
        // Dev machines are often short of disk; the watermark would make indices read-only.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // With a small heap the real-memory breaker trips spuriously during bulk loads.
        settings.put("indices.breaker.total.use_real_memory", "false");
        for (String arg : args) {
            if (!arg.startsWith("-E") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected -Ekey=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            settings.put(arg.substring(2, eq), arg.substring(eq + 1));
        }

        Path home = Path.of(settings.get("path.home")).toAbsolutePath();
        settings.put("path.home", home.toString());
        settings.putIfAbsent("path.data", home.resolve("data").toString());
        settings.putIfAbsent("path.logs", home.resolve("logs").toString());
        // PluginsService scans these; empty folders mean "nothing beyond the classpath".
        for (String dir : new String[] {"config", "modules", "plugins"}) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.createDirectories(Path.of(settings.get("path.data")));
        Files.createDirectories(Path.of(settings.get("path.logs")));

        Settings.Builder builder = Settings.builder();
        settings.forEach(builder::put);
        Settings nodeSettings = builder.build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            nodeSettings, Collections.emptyMap(), null, () -> settings.get("node.name"));

        // Without a config file log4j only prints errors; log INFO to stdout, which the
        // launcher sends to var/search/opensearch.log. An edited file is kept.
        Path logConfig = environment.configDir().resolve("log4j2.properties");
        if (!Files.exists(logConfig)) {
            Files.writeString(logConfig, String.join("\n",
                "status = error",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.console.ref = console",
                ""));
        }
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(settings.get("node.name"));
        LogConfigurator.configure(environment);

        List<PluginInfo> plugins = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        for (String[] module : MODULES) {
            try {
                Class.forName(module[1], false, EmbeddedOpenSearch.class.getClassLoader());
            } catch (ClassNotFoundException missing) {
                continue;
            }
            loaded.add(module[0]);
        }
        for (String[] module : MODULES) {
            if (!loaded.contains(module[0])) {
                continue;
            }
            List<String> extended = !module[2].isEmpty() && loaded.contains(module[2])
                ? List.of(module[2]) : List.of();
            plugins.add(new PluginInfo(module[0], module[0] + " (classpath)", Version.CURRENT.toString(),
                Version.CURRENT, System.getProperty("java.specification.version"), module[1],
                null, extended, false));
        }

        Node node = new ClasspathNode(environment, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT: close the node cleanly so the next start finds an intact data folder.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "embedded-opensearch-shutdown"));

        node.start();
        System.out.println("EmbeddedOpenSearch started: cluster=" + settings.get("cluster.name")
            + " http=" + settings.get("network.host") + ":" + settings.get("http.port")
            + " modules=" + loaded);
        stopped.await();
    }
}
