package org.cyberdiplo.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community inside this JVM with only its Bolt connector, on loopback, auth off.
 *
 * <p>The Node side starts this as a child process and talks to it over Bolt like any server.
 * Protocol with the parent, on stdout: exactly one line {@code NEO4J_EMBEDDED_READY <bolt-uri>}
 * once the default database accepts queries, or one line {@code NEO4J_EMBEDDED_ERROR <reason>}
 * before a non-zero exit. With {@code --watch-stdin} the process also shuts down cleanly when
 * its stdin closes, so a parent that dies without signalling never leaves a JVM behind.
 *
 * <p>Arguments (all optional): {@code --data-dir DIR} (default ./.neo4j-data),
 * {@code --bolt-port N} (default 7687; 0 picks a free port), {@code --page-cache 128m},
 * {@code --tx-timeout-seconds N} (default 30), {@code --watch-stdin}, {@code --password P} (turns
 * auth on; user neo4j gets password P; without it auth is off).
 */
public final class EmbeddedNeo4j {
    private static final PrintStream OUT = System.out;

    private EmbeddedNeo4j() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), 64);
            return;
        }

        if (options.boltPort != 0 && !portIsFree(options.boltPort)) {
            fail("port 127.0.0.1:" + options.boltPort + " is already in use (set NEO4J_EMBEDDED_PORT to another port)", 69);
        }

        DatabaseManagementService service;
        try {
            Files.createDirectories(options.dataDir);
            service = new DatabaseManagementServiceBuilder(options.dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.boltPort))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, options.password != null)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(options.txTimeoutSeconds))
                    // No network here and none wanted: never phone home (dbms.usage_report.enabled).
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt waits a 5 s netty "quiet period" per event loop group on shutdown
                    // (10 s in all); our only client has closed its driver by then.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                    .build();
        } catch (Throwable e) {
            fail(describeStartFailure(e, options), 70);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            OUT.println("NEO4J_EMBEDDED_STOPPED");
            OUT.flush();
        }, "neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            fail("the default database did not become available within 2 minutes", 70);
        }
        int port = boundBoltPort(db, options.boltPort);
        if (options.password != null) {
            setPassword(service, options.password);
        }

        if (options.watchStdin) {
            Thread watcher = new Thread(EmbeddedNeo4j::exitWhenStdinCloses, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        OUT.println("NEO4J_EMBEDDED_READY bolt://127.0.0.1:" + port);
        OUT.flush();
    }

    /** With --password: auth on, and the built-in neo4j user gets that password (no change required). */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", java.util.Map.of("password", password));
        } catch (RuntimeException e) {
            fail("could not set the password of user neo4j: " + String.valueOf(e.getMessage()).replace('\n', ' '), 70);
        }
    }

    /** The port Bolt really bound to; with port 0 only the connector register knows it. */
    private static int boundBoltPort(GraphDatabaseService db, int configured) {
        try {
            ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            var address = ports.getLocalAddress(ConnectorType.BOLT);
            if (address != null) {
                return address.getPort();
            }
        } catch (RuntimeException ignored) {
            // fall through to the configured port
        }
        return configured;
    }

    private static void exitWhenStdinCloses() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // the parent writes nothing; we only wait for end-of-stream
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone too
        }
        System.exit(0);
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describeStartFailure(Throwable e, Options options) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("lock") || t.getClass().getSimpleName().contains("Lock")) {
                return "data folder " + options.dataDir + " is in use by another Neo4j process";
            }
            if (chain.length() == 0) {
                chain.append(t.getClass().getSimpleName()).append(": ").append(message);
            }
        }
        return chain.toString().replace('\n', ' ');
    }

    private static void fail(String reason, int exitCode) {
        OUT.println("NEO4J_EMBEDDED_ERROR " + reason);
        OUT.flush();
        System.exit(exitCode);
    }

    private static final class Options {
        Path dataDir = Path.of(".neo4j-data");
        int boltPort = 7687;
        long pageCacheBytes = 128L * 1024 * 1024;
        long txTimeoutSeconds = 30;
        boolean watchStdin = false;
        String password = null;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    case "--bolt-port" -> o.boltPort = parsePort(value(args, ++i, arg));
                    case "--page-cache" -> o.pageCacheBytes = parseBytes(value(args, ++i, arg));
                    case "--tx-timeout-seconds" -> o.txTimeoutSeconds = parsePositive(value(args, ++i, arg), arg);
                    case "--watch-stdin" -> o.watchStdin = true;
                    case "--password" -> o.password = value(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String s) {
            long port = parsePositiveOrZero(s, "--bolt-port");
            if (port > 65535) {
                throw new IllegalArgumentException("--bolt-port must be 0..65535, got " + s);
            }
            return (int) port;
        }

        private static long parsePositive(String s, String flag) {
            long n = parsePositiveOrZero(s, flag);
            if (n == 0) {
                throw new IllegalArgumentException(flag + " must be positive, got " + s);
            }
            return n;
        }

        private static long parsePositiveOrZero(String s, String flag) {
            try {
                long n = Long.parseLong(s);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a whole number, got " + s);
            }
        }

        private static long parseBytes(String s) {
            String lower = s.trim().toLowerCase();
            long unit = 1;
            if (lower.endsWith("g")) {
                unit = 1024L * 1024 * 1024;
            } else if (lower.endsWith("m")) {
                unit = 1024L * 1024;
            } else if (lower.endsWith("k")) {
                unit = 1024L;
            }
            String digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
            return parsePositive(digits, "--page-cache") * unit;
        }
    }
}
