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
            "text|integer|true",
            "character varying(40)|character varying|false",
            "character varying|character varying(40)|true",
            "character varying|text|false",
            "numeric(10,2)|numeric|false",
            "numeric|numeric(10,2)|true",
            "integer|numeric|false",
            "bigint|numeric|false",
            "smallint|bigint|false",
            "integer|numeric(20,0)|false",
            "bigint|numeric(10,0)|true",
            "integer|numeric(12,2)|false",
            "integer|numeric(10,2)|true",
            "timestamp(3) without time zone|timestamp without time zone|false",
            "time(3) with time zone|time with time zone|false",
            "interval(3)|interval|false",
            "bit varying(8)|bit varying|false",
            "datetime(6)|datetime|true",
            "timestamp(6)|timestamp|true",
            "time(3)|time|true",
            "decimal(10,2)|decimal|true",
            "bit(8)|bit|true",
            "character(8)|character|true"})
    void onlyKnownWideningsAreSafe(String from, String to, boolean narrows) {
        assertThat(TypeChanges.narrows(from, to)).isEqualTo(narrows);
    }
}
