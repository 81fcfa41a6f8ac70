package io.lido.modules.fastcgi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the records the application sends (STDOUT, STDERR, END_REQUEST, GET_VALUES_RESULT, UNKNOWN_TYPE) one at a
 * time into a buffer of its own: after {@link #next()} the record is {@link #type()}, {@link #requestId()} and
 * {@link #length()} bytes of {@link #content()}, valid until the next call. One thread at a time.
 */
final class FastCgiReader {
    private final InputStream in;
    private final byte[] header = new byte[FastCgiRecords.HEADER_LENGTH];
    private final byte[] content = new byte[FastCgiRecords.MAX_CONTENT + 255];
    private int type;
    private int requestId;
    private int length;

    FastCgiReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the stream between records (the application closed the connection)
     * @throws EOFException when the stream ends inside a record
     * @throws FastCgiProtocolException for a record of another FastCGI version
     */
    boolean next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        header[0] = (byte) first;
        readFully(header, 1, FastCgiRecords.HEADER_LENGTH - 1);
        if ((header[0] & 0xff) != FastCgiRecords.VERSION_1) {
            throw new FastCgiProtocolException("a record of FastCGI version " + (header[0] & 0xff)
                    + " (only version 1 exists)");
        }
        type = header[1] & 0xff;
        requestId = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        length = ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        int padding = header[6] & 0xff;
        readFully(content, 0, length + padding);
        return true;
    }

    int type() {
        return type;
    }

    int requestId() {
        return requestId;
    }

    byte[] content() {
        return content;
    }

    int length() {
        return length;
    }

    /** END_REQUEST's appStatus (the script's exit status), read from the current record. */
    int appStatus() {
        return ((content[0] & 0xff) << 24) | ((content[1] & 0xff) << 16) | ((content[2] & 0xff) << 8) | (content[3] & 0xff);
    }

    /** END_REQUEST's protocolStatus, read from the current record. */
    int protocolStatus() {
        return content[4] & 0xff;
    }

    private void readFully(byte[] target, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = in.read(target, offset + done, count - done);
            if (n < 0) {
                throw new EOFException("the FastCGI connection ended inside a record ("
                        + FastCgiRecords.typeName(header[1] & 0xff) + ")");
            }
            done += n;
        }
    }
}
