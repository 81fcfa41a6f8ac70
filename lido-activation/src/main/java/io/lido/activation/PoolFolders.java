package io.lido.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folders of one application pool, made before its first worker starts:
 * <ul>
 *     <li>{@code <logs>/AppPools/<pool>/}: the host's (mode 751; the pool's user may pass through, not list or
 *     write); the pool's log {@code <pool>.log} is written there by the host;</li>
 *     <li>{@code <logs>/AppPools/<pool>/dumps/}: the pool's user's (mode 750, group: the admin group), where its
 *     worker JVMs write thread dumps, crash files and heap dumps;</li>
 *     <li>{@code <home>/work/shadow/<pool>/}: the pool's user's (mode 700), the root of its workers' shadow copies
 *     (only with a distribution; without one a worker makes a private temporary folder).</li>
 * </ul>
 * The host never opens, reads or deletes anything inside the user's folders.
 *
 * @param logFolder the pool's log folder
 * @param dumps     its dumps folder
 * @param shadow    its shadow-copy root, if Lido runs from a distribution
 */
record PoolFolders(Path logFolder, Path dumps, Optional<Path> shadow) {
    static final String DUMPS = "dumps";

    /**
     * Creates or checks the folders of a pool whose workers run as {@code identity} (empty: the host's user).
     *
     * @throws TrustedFolder.UntrustedFolderException when a folder the host reuses is another user's or writable
     *                                                by others
     */
    static PoolFolders prepare(Path logRoot, Optional<Path> work, String folderName,
                               Optional<WorkerIdentity> identity) {
        TrustedFolder.ensure(logRoot, TrustedFolder.TRAVERSE);
        Path pools = TrustedFolder.ensure(logRoot.resolve("AppPools"), TrustedFolder.TRAVERSE);
        Path logFolder = TrustedFolder.ensure(pools.resolve(folderName), TrustedFolder.TRAVERSE);
        Path dumps = userFolder(logFolder.resolve(DUMPS), TrustedFolder.PRIVATE, identity);
        Optional<Path> shadow = work.map(w -> {
            TrustedFolder.ensure(w, TrustedFolder.TRAVERSE);
            Path root = TrustedFolder.ensure(w.resolve("shadow"), TrustedFolder.TRAVERSE);
            return userFolder(root.resolve(folderName), TrustedFolder.OWNER_ONLY, identity);
        });
        return new PoolFolders(logFolder, dumps, shadow);
    }

    /**
     * A folder in a folder of the host's, handed to the pool's user: created if missing, else it must be a real
     * folder (the host's folder around it means only the host could have put a link there). Its mode and owner are
     * set on the path, which is safe because its parent is the host's.
     */
    private static Path userFolder(Path folder, int mode, Optional<WorkerIdentity> identity) {
        try {
            try {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                Map<String, Object> attributes = Files.readAttributes(folder, "isDirectory,isSymbolicLink",
                        LinkOption.NOFOLLOW_LINKS);
                if ((Boolean) attributes.get("isSymbolicLink") || !(Boolean) attributes.get("isDirectory")) {
                    throw new TrustedFolder.UntrustedFolderException("refusing " + folder
                            + ": it is not a folder (a link or a file); remove it");
                }
            }
            int group = AdminGroup.gidOrOwn();
            int setGid = AdminGroup.gid().isPresent() ? TrustedFolder.SET_GROUP_ID : 0;
            Files.setAttribute(folder, "unix:mode", mode | setGid, LinkOption.NOFOLLOW_LINKS);
            if (identity.isPresent()) {
                identity.get().own(folder, group);
            } else {
                TrustedFolder.setGroup(folder, group);
                Files.setAttribute(folder, "unix:uid", TrustedFolder.Users.current(), LinkOption.NOFOLLOW_LINKS);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
