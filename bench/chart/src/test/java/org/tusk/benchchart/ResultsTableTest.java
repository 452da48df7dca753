package org.tusk.benchchart;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {
    static final List<String> MD = List.of(
            "# title",
            "",
            "| measure | Tusk: median (min–max) | PostgreSQL 15: median (min–max) | ratio (Tusk/PG) |",
            "|---|---|---|---|",
            "| select-only -M simple, -c 1: TPS | 1,234 (1,100–1,300) | 2,468 (2,000–2,500) | 0.50× |",
            "| … average latency (ms) | 0.81 (0.80–0.90) | 0.40 (0.39–0.41) | 2.03× |",
            "| tpcb-like -M simple, -c 1: TPS | error: relation \"pgbench_branches\" does not exist \\| x | 500 (400–600) | — |",
            "| PSS of the whole server, 0 idle connections (MiB) | 300 (290–310) | 40.0 (39.0–41.0) | 7.50× |",
            "| PSS of the whole server, 10 idle connections (MiB) | 600 | 60.0 | 10.0× |",
            "",
            "| setting | Tusk | PostgreSQL 15 | ratio |",
            "| fsync | on | on | x |");

    @Test
    void readsMediansRatiosAndErrorsOfTheFirstTableOnly() {
        ResultsTable t = ResultsTable.parse(MD);
        assertEquals(5, t.rows().size(), "the settings table after the blank line is not read");
        ResultsTable.Row first = t.rows().get(0);
        assertEquals(1234, first.tusk());
        assertEquals(2468, first.pg());
        assertEquals(0.5, first.ratio());
        assertEquals("select-only -M simple, -c 1 average latency (ms)", t.rows().get(1).label(),
                "a continuation row gets its subject");
        ResultsTable.Row err = t.rows().get(2);
        assertTrue(Double.isNaN(err.tusk()) && Double.isNaN(err.ratio()), "an error has no number");
        assertEquals(4, t.ratios().size(), "rows without a ratio are left out of the ratio chart");
        assertEquals("churn: x, reuse on TPS", ResultsTable.parse(List.of(
                "| measure | a | b | ratio |", "| churn: x, reuse on: TPS | 1 | 2 | 0.5× |", "| … TPS | 1 | 2 | 0.5× |"))
                .rows().get(1).label(), "the subject runs to the last colon");
    }

    @Test
    void memorySeriesComesFromTheIdleConnectionRows() {
        List<double[]> m = ResultsTable.parse(MD).memorySeries();
        assertEquals(2, m.size());
        assertArrayEquals(new double[] {0, 300, 40}, m.get(0));
        assertArrayEquals(new double[] {10, 600, 60}, m.get(1));
    }

    @Test
    void drawsAPng() throws Exception {
        Path out = Files.createTempFile("chart", ".png");
        DrawChart.write(ResultsTable.parse(MD), out);
        byte[] head = Files.readAllBytes(out);
        assertTrue(head.length > 1000);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        var img = javax.imageio.ImageIO.read(out.toFile());
        assertEquals(DrawChart.WIDTH, img.getWidth());
        assertTrue(img.getHeight() > 420, "both charts are there");
        Files.delete(out);
    }
}
