package dev.ferry.report;

import dev.ferry.schema.InspectResult;
import dev.ferry.spi.ServerInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectTextTest {

    @Test
    void aServerUrlWithoutADatabaseSaysNoneIsSelectedNotNull() {
        ServerInfo server = new ServerInfo("MariaDB", "10.11.19", 10, null, 0, "root");
        String text = InspectText.render(new InspectResult("mysql://root@127.0.0.1:3306/", server, List.of(), 5), new Ansi(false));
        assertThat(text).doesNotContain("null").contains("no database selected");
        assertThat(server.databaseLabel()).isEqualTo("no database selected");
        assertThat(new ServerInfo("PostgreSQL", "17", 17, "shop", 0, "app").databaseLabel()).isEqualTo("database shop");
    }
}
