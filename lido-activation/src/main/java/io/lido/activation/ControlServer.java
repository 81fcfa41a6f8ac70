package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The host's local control channel: a Unix domain socket, readable only by the host's user, where
 * {@code lido recycle apppool NAME} and friends send one command line and read the answer
 * ({@link ControlCommands}). One virtual thread accepts; each connection gets its own.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_LINE = 1024;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlCommands commands;

    private ControlServer(Path socket, ServerSocketChannel server, ControlCommands commands) {
        this.socket = socket;
        this.server = server;
        this.commands = commands;
    }

    /**
     * Where the host of that configuration listens: in the {@link RunFolder} (never a shared temporary folder),
     * named after the configuration file's absolute path, so the CLI finds it from the same {@code --config}.
     */
    public static Path socketFor(Path configFile) {
        return RunFolder.controlSocket(configFile);
    }

    /** Listens at {@link #socketFor} of the configuration (a stale socket file is replaced). */
    public static ControlServer listen(Path configFile, ActivationService service) {
        return listen(configFile, service, null);
    }

    /** As above, also answering the application verbs ({@code recycle app}, {@code list app}). */
    public static ControlServer listen(Path configFile, ActivationService service, ApplicationVerbs applications) {
        Path socket = socketFor(configFile);
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            ControlServer control = new ControlServer(socket, server, new ControlCommands(service, applications));
            Thread.ofVirtual().name("lido-control").start(control::acceptLoop);
            LOG.info("Control channel listening on {}", socket);
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the control socket " + socket + ": " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("lido-control-client").start(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Control channel: accept failed: {}", e.toString());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                    StandardCharsets.UTF_8), MAX_LINE);
            String line = in.readLine();
            if (line == null) {
                return;
            }
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE);
            }
            LOG.info("Control channel: {}", line);
            String answer;
            try {
                answer = commands.execute(line);
            } catch (RuntimeException e) {
                LOG.error("Control command '{}' failed", line, e);
                answer = "ERROR " + e + "\n";
            }
            OutputStream out = Channels.newOutputStream(client);
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.warn("Control channel: a client connection failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the control socket " + socket, e);
        }
    }
}
