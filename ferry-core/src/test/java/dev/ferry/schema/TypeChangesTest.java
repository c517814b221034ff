package dev.ferry.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TypeChangesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "character varying(40)|character varying(80)|false",
            "character varying(80)|character varying(40)|true",
            "numeric(10,2)|numeric(12,2)|false",
            "numeric(10,2)|numeric(10,1)|true",
            "integer|bigint|false",
            "bigint|integer|true",
            "character varying(40)|text|false",
            "text|integer|true"})
    void onlyKnownWideningsAreSafe(String from, String to, boolean narrows) {
        assertThat(TypeChanges.narrows(from, to)).isEqualTo(narrows);
    }
}
