package org.tusk.benchchart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code DrawChart RESULTS.md OUT.png}: the chart of a benchmark result, drawn with JFreeChart from the
 * file's table: the ratio Tusk/PostgreSQL of every measure that has one (a bar each, on a log
 * scale, 1× marked), and, if the table has them, the whole server's PSS against idle connections
 * for both servers. The two are stacked in one PNG.
 */
public final class DrawChart {
    private DrawChart() {}

    static final int WIDTH = 1100;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DrawChart RESULTS.md OUT.png");
            System.exit(2);
        }
        ResultsTable table = ResultsTable.parse(Files.readAllLines(Path.of(args[0])));
        if (table.ratios().isEmpty() && table.memorySeries().isEmpty()) {
            System.err.println("DrawChart: no ratios and no memory series in " + args[0]);
            System.exit(1);
        }
        write(table, Path.of(args[1]));
    }

    static void write(ResultsTable table, Path out) throws IOException {
        List<ResultsTable.Row> ratios = table.ratios();
        List<double[]> memory = table.memorySeries();
        int ratioHeight = ratios.isEmpty() ? 0 : 120 + 18 * ratios.size();
        int memoryHeight = memory.size() < 2 ? 0 : 420;
        BufferedImage img = new BufferedImage(WIDTH, ratioHeight + memoryHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        if (ratioHeight > 0) ratioChart(ratios).draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, ratioHeight));
        if (memoryHeight > 0) {
            memoryChart(memory).draw(g, new java.awt.geom.Rectangle2D.Double(0, ratioHeight, WIDTH, memoryHeight));
        }
        g.dispose();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (var os = Files.newOutputStream(out)) {
            ChartUtils.writeBufferedImageAsPNG(os, img);
        }
    }

    static JFreeChart ratioChart(List<ResultsTable.Row> ratios) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ResultsTable.Row r : ratios) {
            String key = shorten(r.label());
            for (int n = 2; !seen.add(key); n++) key = shorten(r.label()) + " (" + n + ")"; // categories must differ
            data.addValue(r.ratio(), "Tusk / PostgreSQL 15", key);
        }
        LogAxis axis = new LogAxis("ratio Tusk / PostgreSQL 15 (log scale; 1 = equal)");
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        CategoryAxis cats = new CategoryAxis();
        cats.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        cats.setMaximumCategoryLabelWidthRatio(0.55f);
        BarRenderer bars = new BarRenderer();
        bars.setSeriesPaint(0, new Color(0x3366aa));
        bars.setShadowVisible(false);
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, cats, axis, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(new ValueMarker(1.0, Color.RED, new BasicStroke(1.5f)));
        JFreeChart chart = new JFreeChart("Tusk relative to PostgreSQL 15, per measure (median of rounds)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart memoryChart(List<double[]> memory) {
        XYSeries tusk = new XYSeries("Tusk"), pg = new XYSeries("PostgreSQL 15");
        for (double[] p : memory) {
            if (!Double.isNaN(p[1])) tusk.add(p[0], p[1]);
            if (!Double.isNaN(p[2])) pg.add(p[0], p[2]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(tusk);
        data.addSeries(pg);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, new Color(0x3366aa));
        lines.setSeriesPaint(1, new Color(0x339944));
        XYPlot plot = new XYPlot(data, new NumberAxis("idle connections"), new NumberAxis("PSS of the whole server (MiB)"), lines);
        JFreeChart chart = new JFreeChart("Memory of the whole server against idle connections",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static String shorten(String label) {
        String s = label.replace("`", "");
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }
}
