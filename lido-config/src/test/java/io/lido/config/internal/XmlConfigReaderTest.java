package io.lido.config.internal;

import io.lido.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlConfigReaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("applicationHost.config");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void recordsTheLineOfEveryElement() throws Exception {
        XmlElement root = XmlConfigReader.read(write("<?xml version=\"1.0\"?>\n<configuration>\n  <a x=\"1\">\n"
                + "    <b/>\n  </a>\n</configuration>\n"));
        assertThat(root.location().line()).isEqualTo(2);
        assertThat(root.children().getFirst().location().line()).isEqualTo(3);
        assertThat(root.children().getFirst().attributes()).containsEntry("x", "1");
        assertThat(root.children().getFirst().children().getFirst().location().line()).isEqualTo(4);
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        Path file = write("<configuration>\n  <a>\n  </b>\n</configuration>\n");
        assertThatThrownBy(() -> XmlConfigReader.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: not well-formed XML: ")
                .hasMessageContaining("\"a\"");
    }

    @Test
    void externalEntitiesAreRefused(@TempDir Path secrets) throws Exception {
        Path secret = secrets.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n<configuration><appSettings><add key=\"k\" value=\"&xxe;\"/></appSettings></configuration>\n");
        assertThatThrownBy(() -> XmlConfigReader.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: ")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void anUndeclaredEntityIsAnError() throws Exception {
        Path file = write("<configuration>\n<appSettings><add key=\"k\" value=\"&xxe;\"/></appSettings></configuration>\n");
        assertThatThrownBy(() -> XmlConfigReader.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: not well-formed XML: ")
                .hasMessageContaining("xxe");
    }

    @Test
    void predefinedEntitiesStillWork() throws Exception {
        XmlElement root = XmlConfigReader.read(write("<configuration a=\"x &amp; y &lt;z&gt;\"/>"));
        assertThat(root.attributes()).containsEntry("a", "x & y <z>");
    }

    @Test
    void anEmptyFileIsAnError() throws Exception {
        Path file = write("");
        assertThatThrownBy(() -> XmlConfigReader.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1: not well-formed XML");
    }
}
