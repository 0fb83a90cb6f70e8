//! A line chart as SVG, for `policykg trend --plot`: one `<polyline>` per
//! series over periods on a time axis, with a title, axes, tick labels,
//! grid lines and a legend. Pure: a [`Chart`] in, the SVG text out.
//!
//! Periods sit on the x axis at their time position (`Chart::x`), so a gap
//! of years without data shows as a gap, not as one step. Tick labels on
//! the x axis are a subset of the periods, chosen left to right so that
//! labels never overlap. The y axis runs from 0 to a round number above the
//! largest value, with ticks at 1, 2 or 5 × 10ⁿ steps.
//!
//! Colours come from the Tableau 10 palette; after ten series they repeat
//! with a dash pattern, so any number of series stays distinguishable.
//! Text is set in a sans-serif font list with CJK fonts first, and every
//! piece of text is XML-escaped.

use crate::export::xml::escape;
use std::fmt::Write;

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The heading.
    pub title: String,
    /// A smaller line under the heading (may be empty).
    pub subtitle: String,
    /// The x axis caption, e.g. `year`.
    pub x_caption: String,
    /// The y axis caption, e.g. `mentions per 10,000 characters`.
    pub y_caption: String,
    /// The periods in order: their position on the time axis and label.
    pub x: Vec<(f64, String)>,
    /// The series, each with one value per period.
    pub series: Vec<Series>,
}

/// One line of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend label.
    pub label: String,
    /// One value per period of [`Chart::x`].
    pub values: Vec<f64>,
}

/// Tableau 10: distinct hues that stay apart for colour-blind readers.
const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// Dash patterns for the second, third… round of colours.
const DASHES: [&str; 4] = ["", "8 4", "2 3", "8 3 2 3"];

/// CJK fonts first, so Chinese labels never fall back to boxes.
const FONTS: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', \
                     'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', \
                     'Noto Sans', Arial, sans-serif";

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 540.0;
const TOP: f64 = 78.0;
const BOTTOM: f64 = 70.0;
const LEFT: f64 = 78.0;
/// Font size of tick labels and the legend.
const SMALL: f64 = 12.0;

/// The chart as an SVG document.
pub fn render(chart: &Chart) -> String {
    let legend_width = legend_width(chart);
    let plot = Plot {
        left: LEFT,
        right: WIDTH - 24.0 - legend_width,
        top: TOP,
        bottom: HEIGHT - BOTTOM,
        x_range: x_range(chart),
        y_max: nice_max(max_value(chart)),
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" font-family=\"{FONTS}\">\n\
         <title>{}</title>\n\
         <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\n",
        escape(&chart.title)
    );
    headings(&mut svg, chart);
    y_axis(&mut svg, chart, &plot);
    x_axis(&mut svg, chart, &plot);
    for (i, series) in chart.series.iter().enumerate() {
        line(&mut svg, chart, &plot, i, series);
    }
    legend(&mut svg, chart, &plot);
    svg.push_str("</svg>\n");
    svg
}

/// Where the data goes and what it spans.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    x_range: (f64, f64),
    y_max: f64,
}

impl Plot {
    fn x(&self, position: f64) -> f64 {
        let (low, high) = self.x_range;
        if high > low {
            self.left + (position - low) / (high - low) * (self.right - self.left)
        } else {
            (self.left + self.right) / 2.0
        }
    }

    fn y(&self, value: f64) -> f64 {
        self.bottom - value / self.y_max * (self.bottom - self.top)
    }
}

fn x_range(chart: &Chart) -> (f64, f64) {
    let low = chart.x.iter().map(|x| x.0).fold(f64::INFINITY, f64::min);
    let high = chart
        .x
        .iter()
        .map(|x| x.0)
        .fold(f64::NEG_INFINITY, f64::max);
    if low.is_finite() {
        (low, high)
    } else {
        (0.0, 0.0)
    }
}

fn max_value(chart: &Chart) -> f64 {
    chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
}

/// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `max` (1 for nothing).
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= max * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// Four or five round steps from 0 to `max` (a [`nice_max`]).
fn y_ticks(max: f64) -> Vec<f64> {
    let magnitude = 10f64.powf(max.log10().floor());
    let step = [0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0]
        .iter()
        .map(|s| s * magnitude)
        .find(|s| max / s <= 5.0 + 1e-9)
        .unwrap_or(max);
    let count = (max / step).round() as usize;
    (0..=count).map(|k| k as f64 * step).collect()
}

/// A tick value without noise: `2.5`, `10`, `0.25`.
fn tick_text(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn headings(svg: &mut String, chart: &Chart) {
    let _ = writeln!(
        svg,
        "<text x=\"{LEFT}\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#222222\">{}</text>",
        escape(&chart.title)
    );
    if !chart.subtitle.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{LEFT}\" y=\"58\" font-size=\"13\" fill=\"#555555\">{}</text>",
            escape(&chart.subtitle)
        );
    }
}

fn y_axis(svg: &mut String, chart: &Chart, plot: &Plot) {
    svg.push_str("<g class=\"y-axis\">\n");
    for tick in y_ticks(plot.y_max) {
        let y = plot.y(tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e4e4e4\" stroke-width=\"1\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{SMALL}\" text-anchor=\"end\" fill=\"#444444\">{}</text>",
            plot.left,
            plot.right,
            plot.left - 8.0,
            y + SMALL / 3.0,
            tick_text(tick)
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{l:.1}\" y1=\"{t:.1}\" x2=\"{l:.1}\" y2=\"{b:.1}\" stroke=\"#444444\" stroke-width=\"1\"/>",
        l = plot.left,
        t = plot.top,
        b = plot.bottom
    );
    let middle = (plot.top + plot.bottom) / 2.0;
    let _ = writeln!(
        svg,
        "<text x=\"22\" y=\"{middle:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444444\" \
         transform=\"rotate(-90 22 {middle:.1})\">{}</text>",
        escape(&chart.y_caption)
    );
    svg.push_str("</g>\n");
}

fn x_axis(svg: &mut String, chart: &Chart, plot: &Plot) {
    svg.push_str("<g class=\"x-axis\">\n");
    let _ = writeln!(
        svg,
        "<line x1=\"{:.1}\" y1=\"{b:.1}\" x2=\"{:.1}\" y2=\"{b:.1}\" stroke=\"#444444\" stroke-width=\"1\"/>",
        plot.left,
        plot.right,
        b = plot.bottom
    );
    let mut last_end = f64::NEG_INFINITY;
    for (position, label) in &chart.x {
        let x = plot.x(*position);
        let half = text_width(label, SMALL) / 2.0;
        let labelled = x - half >= last_end + 6.0;
        let tick = if labelled { 6.0 } else { 3.0 };
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{b:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#444444\" stroke-width=\"1\"/>",
            plot.bottom + tick,
            b = plot.bottom
        );
        if labelled {
            last_end = x + half;
            let _ = writeln!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"{SMALL}\" text-anchor=\"middle\" fill=\"#444444\">{}</text>",
                plot.bottom + 22.0,
                escape(label)
            );
        }
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444444\">{}</text>",
        (plot.left + plot.right) / 2.0,
        HEIGHT - 22.0,
        escape(&chart.x_caption)
    );
    svg.push_str("</g>\n");
}

/// Colour and dash pattern of series `i`.
fn style(i: usize) -> (&'static str, &'static str) {
    (
        PALETTE[i % PALETTE.len()],
        DASHES[(i / PALETTE.len()) % DASHES.len()],
    )
}

fn dash_attribute(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

/// One series: a polyline, with a dot per period when there are few.
fn line(svg: &mut String, chart: &Chart, plot: &Plot, i: usize, series: &Series) {
    let (colour, dash) = style(i);
    let points: Vec<(f64, f64)> = chart
        .x
        .iter()
        .zip(&series.values)
        .filter(|(_, v)| v.is_finite())
        .map(|((position, _), v)| (plot.x(*position), plot.y(*v)))
        .collect();
    let text: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let _ = writeln!(
        svg,
        "<polyline class=\"series\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\" \
         stroke-linejoin=\"round\" stroke-linecap=\"round\"{} points=\"{}\"><title>{}</title></polyline>",
        dash_attribute(dash),
        text.join(" "),
        escape(&series.label)
    );
    if points.len() <= 80 {
        let _ = writeln!(svg, "<g class=\"markers\" fill=\"{colour}\">");
        for (x, y) in &points {
            let _ = writeln!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.8\"/>");
        }
        svg.push_str("</g>\n");
    }
}

/// Width the legend needs: its longest label plus the swatch.
fn legend_width(chart: &Chart) -> f64 {
    let longest = chart
        .series
        .iter()
        .map(|s| text_width(&s.label, SMALL + 1.0))
        .fold(0.0, f64::max);
    (longest + 44.0).clamp(90.0, 280.0)
}

fn legend(svg: &mut String, chart: &Chart, plot: &Plot) {
    svg.push_str("<g class=\"legend\">\n");
    let x = plot.right + 20.0;
    // 22 px a line, closer when many series would run past the plot.
    let step = ((plot.bottom - plot.top) / chart.series.len().max(1) as f64).min(22.0);
    let size = (step - 2.0).clamp(7.0, SMALL + 1.0);
    for (i, series) in chart.series.iter().enumerate() {
        let (colour, dash) = style(i);
        let y = plot.top + 8.0 + i as f64 * step;
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"3\"{}/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" fill=\"#222222\">{}</text>",
            x + 24.0,
            dash_attribute(dash),
            x + 30.0,
            y + size / 3.0,
            size,
            escape(&series.label)
        );
    }
    svg.push_str("</g>\n");
}

/// Approximate rendered width: a CJK character is one em, others half.
fn text_width(text: &str, size: f64) -> f64 {
    crate::query::display_width(text) as f64 * size * 0.55
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(series: usize, periods: usize) -> Chart {
        Chart {
            title: "对外开放 & <改革>".into(),
            subtitle: "\"quoted\"".into(),
            x_caption: "year".into(),
            y_caption: "mentions per 10,000 characters".into(),
            x: (0..periods)
                .map(|k| (1950.0 + k as f64, (1950 + k).to_string()))
                .collect(),
            series: (0..series)
                .map(|i| Series {
                    label: format!("概念{i}"),
                    values: (0..periods).map(|k| (k * (i + 1)) as f64 / 3.0).collect(),
                })
                .collect(),
        }
    }

    /// Reads every event; returns the names of the start/empty elements.
    fn elements(svg: &str) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut names = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap())
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        names
    }

    #[test]
    fn one_polyline_per_series_and_text_escaped() {
        let svg = render(&chart(3, 40));
        let names = elements(&svg);
        assert_eq!(names.iter().filter(|n| *n == "polyline").count(), 3);
        assert!(svg.contains("对外开放 &amp; &lt;改革&gt;"));
        assert!(svg.contains("概念2"));
    }

    #[test]
    fn many_series_cycle_colours_with_dashes() {
        let svg = render(&chart(13, 5));
        assert_eq!(
            elements(&svg).iter().filter(|n| *n == "polyline").count(),
            13
        );
        assert_eq!(style(0).0, style(10).0);
        assert_ne!(style(0).1, style(10).1);
    }

    #[test]
    fn degenerate_charts_still_render() {
        for (series, periods) in [(1, 1), (1, 0), (2, 2)] {
            let mut c = chart(series, periods);
            for s in &mut c.series {
                s.values.iter_mut().for_each(|v| *v = 0.0);
            }
            let svg = render(&c);
            elements(&svg);
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
    }

    #[test]
    fn nice_maxima_and_ticks() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(4.2), 5.0);
        assert_eq!(nice_max(5.0), 5.0);
        assert_eq!(nice_max(11.0), 20.0);
        assert_eq!(nice_max(0.23), 0.25);
        assert_eq!(y_ticks(5.0), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(y_ticks(20.0), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(tick_text(0.25), "0.25");
        assert_eq!(tick_text(10.0), "10");
    }
}
