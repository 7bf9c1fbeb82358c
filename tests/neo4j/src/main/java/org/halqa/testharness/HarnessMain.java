package org.halqa.testharness;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts an in-process Neo4j (Neo4j's own test harness) for Halqa's tests.
 *
 * <p>Bolt only, bound to 127.0.0.1 on the given port; HTTP and HTTPS off; authentication on, with
 * the password of user {@code neo4j} taken from the environment variable
 * {@code HALQA_TEST_NEO4J_PASSWORD} (never from the command line, where {@code ps} would show it).
 * Once Bolt answers a handshake it prints {@code HALQA-NEO4J-READY <version> <uri>} and writes the
 * ready file. It shuts down cleanly on SIGTERM/SIGINT and, with {@code --watch-stdin}, when its
 * standard input closes (so it dies with the process that started it).
 *
 * <p>Usage: {@code HarnessMain --port N --data-dir DIR --ready-file FILE [--pagecache-mb N]
 * [--watch-stdin]}
 */
public final class HarnessMain {
    static final String PASSWORD_ENV = "HALQA_TEST_NEO4J_PASSWORD";
    static final String USER = "neo4j";
    private static final int BOLT_MAGIC = 0x6060B017;

    private HarnessMain() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("halqa-test-neo4j: " + e.getMessage());
            System.exit(2);
            return;
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.length() < 8) {
            System.err.println("halqa-test-neo4j: set " + PASSWORD_ENV + " (at least 8 characters)");
            System.exit(2);
            return;
        }
        Files.createDirectories(options.dataDir);
        Files.deleteIfExists(options.readyFile);

        Neo4j neo4j;
        try {
            neo4j = build(options);
        } catch (RuntimeException e) {
            e.printStackTrace();
            // Last line of the log, read by tests/neo4j_harness.py.
            System.err.println("halqa-test-neo4j: failed to start: " + rootCause(e));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(options.readyFile);
            } catch (IOException ignored) {
                // the launcher treats a stale ready file with a dead pid as not running
            }
            long started = System.nanoTime();
            neo4j.close();
            System.out.printf("halqa-test-neo4j: stopped in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            System.out.flush();
            stopped.countDown();
        }, "halqa-neo4j-shutdown"));

        setPassword(neo4j, password);
        String[] component = neo4jComponent(neo4j);
        String uri = "bolt://127.0.0.1:" + options.port;
        awaitBoltHandshake(options.port, 30_000);
        writeReadyFile(options.readyFile, component[0], component[1], uri);
        System.out.println("HALQA-NEO4J-READY " + component[0] + " " + component[1] + " " + uri);
        System.out.flush();

        if (options.watchStdin) {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) != -1) {
                // input is ignored; only its end matters
            }
            System.out.println("halqa-test-neo4j: standard input closed, shutting down");
            System.exit(0);
        }
        stopped.await();
    }

    /** Bolt on 127.0.0.1 only, HTTP(S) off, authentication on, no usage reports. */
    static Neo4j build(Options options) {
        return Neo4jBuilders.newInProcessBuilder(options.dataDir)
                .withDisabledServer()
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, options.pagecacheMb * 1024L * 1024L)
                // Netty's default quiet period holds every shutdown for ~10 s; a test server needs none.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();
    }

    static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Sets the initial password of user neo4j through the system database (no change required). */
    static void setPassword(Neo4j neo4j, String password) {
        neo4j.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "ALTER USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("user", USER, "password", password));
    }

    /** {version, edition} of the running kernel, as {@code dbms.components()} reports them. */
    static String[] neo4jComponent(Neo4j neo4j) {
        return neo4j.defaultDatabaseService().executeTransactionally(
                "CALL dbms.components() YIELD name, versions, edition "
                        + "WHERE name = $name RETURN versions[0] AS version, edition",
                Map.of("name", "Neo4j Kernel"),
                result -> {
                    if (!result.hasNext()) {
                        throw new IllegalStateException("dbms.components() reported no Neo4j Kernel");
                    }
                    Map<String, Object> row = result.next();
                    return new String[] {(String) row.get("version"), (String) row.get("edition")};
                });
    }

    /** Opens a Bolt connection and waits until the server agrees on a protocol version. */
    static void awaitBoltHandshake(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                ByteBuffer hello = ByteBuffer.allocate(20);
                hello.putInt(BOLT_MAGIC);
                hello.putInt(0x00080805); // 5.0 .. 5.8
                hello.putInt(0x00000404); // 4.4
                hello.putInt(0);
                hello.putInt(0);
                out.write(hello.array());
                out.flush();
                int agreed = new DataInputStream(socket.getInputStream()).readInt();
                if (agreed != 0) {
                    return;
                }
                last = new IOException("server agreed on no Bolt version");
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Bolt on port " + port + " did not answer: " + last);
    }

    static void writeReadyFile(Path readyFile, String version, String edition, String uri)
            throws IOException {
        Path parent = readyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".ready", ".tmp");
        String text = String.join("\n", List.of(
                "version=" + version,
                "edition=" + edition,
                "uri=" + uri,
                "pid=" + ProcessHandle.current().pid())) + "\n";
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Command-line options; every one is required except the page cache size and --watch-stdin. */
    record Options(int port, Path dataDir, Path readyFile, long pagecacheMb, boolean watchStdin) {
        static Options parse(String[] args) {
            Integer port = null;
            Path dataDir = null;
            Path readyFile = null;
            long pagecacheMb = 64;
            boolean watchStdin = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--watch-stdin" -> watchStdin = true;
                    case "--port" -> port = parsePort(value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "--ready-file" -> readyFile = Path.of(value(args, ++i, arg));
                    case "--pagecache-mb" -> pagecacheMb = parsePositive(value(args, ++i, arg), arg);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (port == null || dataDir == null || readyFile == null) {
                throw new IllegalArgumentException("usage: --port N --data-dir DIR --ready-file FILE "
                        + "[--pagecache-mb N] [--watch-stdin]");
            }
            return new Options(port, dataDir, readyFile, pagecacheMb, watchStdin);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String text) {
            long port = parsePositive(text, "--port");
            if (port > 65535) {
                throw new IllegalArgumentException("--port must be 1..65535, got " + text);
            }
            return (int) port;
        }

        private static long parsePositive(String text, String name) {
            try {
                long value = Long.parseLong(text);
                if (value <= 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a positive number, got " + text);
            }
        }
    }
}
