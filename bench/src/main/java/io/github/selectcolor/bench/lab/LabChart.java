package io.github.selectcolor.bench.lab;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The lab's chart: three bar charts one above the other, faults along the bottom and a bar per
 * policy. Acknowledged events lost through the collector and through the bare producer, then the
 * share of the collector's sends that were acknowledged, which is what a policy pays for safety.
 */
final class LabChart {

  private static final int WIDTH = 1000;
  private static final int PANEL_HEIGHT = 380;

  private final List<CellResult> cells;
  private final List<LabPolicy> policies;
  private final List<LabFault> faults;

  LabChart(List<CellResult> cells, List<LabPolicy> policies, List<LabFault> faults) {
    this.cells = cells;
    this.policies = policies;
    this.faults = faults;
  }

  void writePng(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<JFreeChart> charts = List.of(
        chart("Acknowledged events lost, through the collector (all repetitions)", "events",
            "collector", group -> group.stream().mapToInt(CellResult::lost).sum()),
        chart("Acknowledged events lost, through a bare producer (all repetitions)", "events",
            "producer", group -> group.stream().mapToInt(CellResult::lost).sum()),
        chart("Sends the collector acknowledged (202)", "% of sends", "collector",
            group -> 100.0 * group.stream().mapToInt(CellResult::acknowledged).sum()
                / Math.max(1, group.stream().mapToInt(CellResult::sent).sum())));
    BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * charts.size(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < charts.size(); i++) {
        charts.get(i).draw(graphics,
            new Rectangle2D.Double(0, i * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT));
      }
    } finally {
      graphics.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private JFreeChart chart(String title, String axis, String sender,
      ToDoubleFunction<List<CellResult>> value) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (LabPolicy policy : policies) {
      for (LabFault fault : faults) {
        List<CellResult> group = cells.stream().filter(c -> c.policy() == policy
            && c.fault() == fault && c.sender().equals(sender)).toList();
        data.addValue(value.applyAsDouble(group), policy.description(), fault.optionName());
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(title, "fault", axis, data,
        PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setBackgroundPaint(new Color(0xF4F4F4));
    return chart;
  }
}
