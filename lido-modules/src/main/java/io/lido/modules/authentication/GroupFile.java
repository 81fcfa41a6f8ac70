package io.lido.modules.authentication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups of an Apache htgroup file ({@code group: user user ...} per line), as roles per user. One
 * immutable snapshot; a group may span several lines.
 */
final class GroupFile {
    private static final Logger LOG = LoggerFactory.getLogger(GroupFile.class);
    static final GroupFile EMPTY = new GroupFile(Map.of());

    private final Map<String, List<String>> rolesByUser;

    private GroupFile(Map<String, List<String>> rolesByUser) {
        this.rolesByUser = rolesByUser;
    }

    static GroupFile parse(Path file, List<String> lines) {
        Map<String, List<String>> roles = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                LOG.warn("{}:{}: not a group line (group: user user ...); ignored", file, i + 1);
                continue;
            }
            String group = line.substring(0, colon).strip();
            for (String user : line.substring(colon + 1).strip().split("\\s+")) {
                if (!user.isEmpty()) {
                    List<String> of = roles.computeIfAbsent(user, u -> new ArrayList<>());
                    if (!of.contains(group)) {
                        of.add(group);
                    }
                }
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        roles.forEach((user, groups) -> frozen.put(user, List.copyOf(groups)));
        return new GroupFile(Map.copyOf(frozen));
    }

    /** The groups {@code user} is in (none when the file does not list the user). */
    List<String> roles(String user) {
        return rolesByUser.getOrDefault(user, List.of());
    }
}
