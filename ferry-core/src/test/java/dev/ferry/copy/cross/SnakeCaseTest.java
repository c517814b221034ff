package dev.ferry.copy.cross;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnakeCaseTest {
    @Test
    void wordsOfPascalAndCamelCaseAreJoinedByUnderscores() {
        assertThat(SnakeCase.of("InvoiceLine")).isEqualTo("invoice_line");
        assertThat(SnakeCase.of("InvoiceLineId")).isEqualTo("invoice_line_id");
        assertThat(SnakeCase.of("supportRepId")).isEqualTo("support_rep_id");
        assertThat(SnakeCase.of("MediaType")).isEqualTo("media_type");
    }

    @Test
    void acronymsDigitsAndNamesAlreadyInSnakeCaseStayWhole() {
        assertThat(SnakeCase.of("HTTPStatus")).isEqualTo("http_status");
        assertThat(SnakeCase.of("userID")).isEqualTo("user_id");
        assertThat(SnakeCase.of("address2Line")).isEqualTo("address2_line");
        assertThat(SnakeCase.of("invoice_line_id")).isEqualTo("invoice_line_id");
        assertThat(SnakeCase.of("Track_Id")).isEqualTo("track_id");
        assertThat(SnakeCase.of("ID")).isEqualTo("id");
        assertThat(SnakeCase.of("Unit Price")).isEqualTo("unit_price");
    }
}
