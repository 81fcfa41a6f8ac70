package io.lido.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI's side of the control channel: sends one command to a running host and returns its answer. */
public final class ControlClient {
    private ControlClient() {
    }

    /** The answer of a command: whether it succeeded, and the text for the operator. */
    public record Answer(boolean ok, String text) {
    }

    /**
     * Sends {@code command} (e.g. "recycle apppool DefaultAppPool") to the host running
     * {@code configFile}.
     *
     * @throws UncheckedIOException when no host runs that configuration, or the connection fails
     */
    public static Answer send(Path configFile, String command) {
        Path socket = ControlServer.socketFor(configFile);
        if (!Files.exists(socket)) {
            throw new UncheckedIOException(new IOException("Lido is not running with " + configFile.toAbsolutePath()
                    + " (no control socket " + socket + ")"));
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write((command + "\n").getBytes(StandardCharsets.UTF_8));
            String reply = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            int newline = reply.indexOf('\n');
            String status = newline < 0 ? reply : reply.substring(0, newline);
            String rest = newline < 0 ? "" : reply.substring(newline + 1);
            if (status.equals("OK")) {
                return new Answer(true, rest);
            }
            return new Answer(false, status.startsWith("ERROR ") ? status.substring(6) + "\n" + rest : reply);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to Lido on " + socket + ": " + e.getMessage(), e);
        }
    }
}
