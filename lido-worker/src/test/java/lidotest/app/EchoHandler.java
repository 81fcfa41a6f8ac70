package lidotest.app;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

import java.io.InputStream;
import java.util.zip.CRC32;

/** Reads the whole request body and answers its length and CRC-32 (so an upload is checked, not kept). */
public final class EchoHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) throws Exception {
        CRC32 crc = new CRC32();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = context.request().body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                total += n;
            }
        }
        context.response().contentType("text/plain");
        context.response().write("bytes=" + total + " crc=" + Long.toHexString(crc.getValue()));
    }
}
