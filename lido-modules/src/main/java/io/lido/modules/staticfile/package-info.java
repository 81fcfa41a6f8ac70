/**
 * The "StaticFile" handler and its helpers, what IIS's StaticFileModule, DefaultDocumentModule and
 * DirectoryListingModule do together: map the URL to a file inside the virtual directory (and never
 * outside it, whatever the encoding or symlinks), redirect a directory to its slash form, serve a
 * default document or a directory listing, and serve files with MIME types, validators, conditional
 * requests and byte ranges.
 *
 * <p>Choices: several ranges ({@code bytes=0-1,5-6}) get a {@code multipart/byteranges} 206, but more
 * than {@value io.lido.modules.staticfile.ByteRange#MAX_PARTS} ranges or overlapping ones get the
 * whole file (200), which RFC 9110 §14.2 allows; Range is honoured for GET only (§14.2); a method
 * other than GET, HEAD or OPTIONS on an existing file or folder gets 405 with
 * {@code Allow: GET, HEAD, OPTIONS}, and OPTIONS gets 200 with that Allow header.
 */
package io.lido.modules.staticfile;
