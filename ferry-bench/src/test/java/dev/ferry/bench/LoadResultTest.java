package dev.ferry.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The load test's arithmetic: a wrong percentile or a lost count would pass a server that should fail. */
class LoadResultTest {

    @Test
    void percentilesAreNearestRankOverEveryRequest() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(LoadResult.percentile(hundred, 50)).isEqualTo(50);
        assertThat(LoadResult.percentile(hundred, 90)).isEqualTo(90);
        assertThat(LoadResult.percentile(hundred, 99)).isEqualTo(99);
        long[] thousand = LongStream.rangeClosed(1, 1000).toArray();
        assertThat(LoadResult.percentile(thousand, 99)).isEqualTo(990);
        assertThat(LoadResult.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LoadResult.percentile(new long[0], 99)).isZero();
    }

    @Test
    void threadsTalliesMergeWithoutLosingAnAnswerOrAProblem() {
        LoadTally first = new LoadTally();
        for (int i = 1; i <= 5000; i++) {   // past the initial array, so that it must grow
            first.answered(200, i * 1_000_000L, null);
        }
        LoadTally second = new LoadTally();
        second.answered(401, 2_000_000L, null);
        second.answered(500, 3_000_000L, "status 500: boom");
        second.unanswered(30_000_000_000L, "TimeoutException: Total timeout 30000 ms elapsed");

        LoadResult result = LoadResult.of("steady", 2, 10.0, LoadTally.merge(List.of(first, second)));

        assertThat(result.requests()).isEqualTo(5003);
        assertThat(result.count(200)).isEqualTo(5000);
        assertThat(result.count(401)).isEqualTo(1);
        assertThat(result.errors()).isEqualTo(2);
        assertThat(result.firstProblem()).isEqualTo("status 500: boom");
        assertThat(result.maxNanos()).isEqualTo(30_000_000_000L);
        assertThat(result.p50Nanos()).isEqualTo(2_500_000_000L);
        assertThat(result.perSecond()).isEqualTo(500.3);
        assertThat(result.answers()).isEqualTo("200: 5000, 401: 1, 500: 1");
    }

    @Test
    void jsonCarriesTheFiguresAndEscapesTheProblemText() {
        LoadTally tally = new LoadTally();
        tally.answered(200, 1_500_000L, null);
        tally.answered(503, 2_500_000L, "status 503: {\"error\":\"busy\"}");

        String json = LoadResult.of("steady", 1, 1.0, LoadTally.merge(List.of(tally))).json();

        assertThat(json).contains("\"requests\":2", "\"p99Ms\":2.5", "\"statuses\":{\"200\":1,\"503\":1}", "\"unexpected\":1",
                "\"firstProblem\":\"status 503: {\\\"error\\\":\\\"busy\\\"}\"");
    }
}
