package io.lido.server;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Points this process's standard output and error at a file (open(2) and dup2(2), through the JDK's foreign
 * function API), for what the JVM prints as it exits after Lido has stopped: a JVM that trains its JDK AOT cache
 * prints status lines and starts a child JVM (which inherits both) to assemble the cache, and none of that is
 * Lido's log. Needs {@code --enable-native-access} (bin/lido gives it).
 */
final class ExitOutput {
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int MODE = 0640;

    private ExitOutput() {
    }

    /**
     * Sends file descriptors 1 and 2 to the end of {@code file} (created 640).
     *
     * @return whether it did; false (and nothing changed) when the file cannot be opened or native access is
     * not allowed
     */
    static boolean redirectTo(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            MethodHandle dup2 = linker.downcallHandle(linker.defaultLookup().find("dup2").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = (int) open.invokeExact(path, O_WRONLY | O_CREAT | O_APPEND, MODE);
            if (fd < 0) {
                return false;
            }
            return (int) dup2.invokeExact(fd, 1) == 1 && (int) dup2.invokeExact(fd, 2) == 2;
        } catch (Throwable e) {
            // IllegalCallerException without native access, or a libc without these symbols: keep the output.
            return false;
        }
    }
}
