package lidotest.app;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/** Writes ?bytes=N bytes of a repeating pattern (byte i is i % 251) in 64 KiB writes. */
public final class StreamHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        long total = Long.parseLong(context.request().query("bytes"));
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i % 251);
        }
        context.response().contentType("application/octet-stream");
        context.response().contentLength(total);
        // Every slice starts at a multiple of 251, so the pattern continues across writes.
        int slice = 64 * 1024 / 251 * 251;
        for (long sent = 0; sent < total; ) {
            int n = (int) Math.min(slice, total - sent);
            context.response().write(block, 0, n);
            sent += n;
        }
    }
}
