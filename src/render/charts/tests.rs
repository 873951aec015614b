//! Charts drawn whole: files written, what the pictures and SVG texts show, and what must never
//! fail.

use super::canvas::{faces, look, test_canvas, Look, TICK_PX, TITLE_PX};
use super::labels::{category_labels, XLabels, LINE_PITCH, MAX_UPRIGHT_PX};
use super::palette::{CUMULATIVE, INK};
use super::scale::Plot;
use super::*;

fn s(v: &str) -> String {
    v.to_string()
}

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-charts-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(title: &str) -> ChartText {
    ChartText::new(Lang::Nl, title, "Urgentie", "Aantal klachten")
}

fn urgency_bars() -> Vec<Bar> {
    let mut bars: Vec<Bar> = (1..=8u8)
        .map(|u| Bar {
            label: u.to_string(),
            values: vec![f64::from(u) * 7.0, f64::from(u) * 5.0, f64::from(u % 3)],
            color: None,
            missing: None,
        })
        .collect();
    bars.push(Bar {
        label: s("ongeclassificeerd"),
        values: vec![14.0, 10.0, 4.0],
        color: None,
        missing: None,
    });
    bars
}

fn names() -> Vec<String> {
    vec![s("Ontvangen"), s("Afgehandeld"), s("Open aan einde")]
}

fn months(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{}-{:02}", 2024 + i / 12, i % 12 + 1))
        .collect()
}

fn causes() -> Vec<(String, f64)> {
    vec![
        (s("foutieve factuur"), 18.0),
        (s("koudemiddellekkage"), 42.0),
        (s("condensafvoer verstopt"), 31.0),
        (s("te laat op afspraak"), 12.0),
    ]
}

/// Width and height from the PNG header (IHDR is always the first chunk).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Checks both files exist, the PNG is 1600×900 and returns the SVG text.
fn check_files(paths: &[PathBuf], stem: &Path) -> String {
    assert_eq!(paths, [with_suffix(stem, "png"), with_suffix(stem, "svg")]);
    let png = std::fs::read(&paths[0]).unwrap();
    assert_eq!(png_size(&png), (1600, 900));
    assert!(png.len() > 10_000, "a drawn chart, not a blank page");
    let leftovers: Vec<_> = std::fs::read_dir(stem.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    std::fs::read_to_string(&paths[1]).unwrap()
}

/// The chart drawn into memory exactly as for the PNG, as RGB bytes.
fn pixels(chart: &Chart) -> Vec<u8> {
    let mut buf = vec![0u8; 1600 * 900 * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
        draw(&root, faces().unwrap(), true, chart).unwrap();
        root.present().unwrap();
    }
    buf
}

fn has_color(buf: &[u8], c: RGBColor) -> bool {
    buf.chunks_exact(3).any(|p| p == [c.0, c.1, c.2])
}

fn count_color(buf: &[u8], c: RGBColor) -> usize {
    buf.chunks_exact(3)
        .filter(|p| *p == [c.0, c.1, c.2])
        .count()
}

/// The texts of the SVG's `<text>` elements with their x positions, in document order.
fn svg_texts(svg: &str) -> Vec<(f64, String)> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let x = t.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
            let body = t.split('>').nth(1).unwrap().split('<').next().unwrap();
            (x.parse().unwrap(), body.trim().to_string())
        })
        .collect()
}

fn has_text(svg: &str, text: &str) -> bool {
    svg_texts(svg).iter().any(|(_, t)| t == text)
}

/// The `<rect>`s of the SVG filled with `c`, as (x, width, height).
fn svg_rects(svg: &str, c: RGBColor) -> Vec<(f64, f64, f64)> {
    let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
    let attr = |r: &str, name: &str| -> f64 {
        let v = r.split(&format!(" {name}=\"")).nth(1).unwrap();
        v.split('"').next().unwrap().parse().unwrap()
    };
    svg.split("<rect")
        .skip(1)
        .map(|r| r.split('>').next().unwrap())
        .filter(|r| r.contains(&fill))
        .map(|r| (attr(r, "x"), attr(r, "width"), attr(r, "height")))
        .collect()
}

#[test]
fn a_missing_value_draws_no_bar_and_its_reason_stands_in_its_place() {
    let dir = dir("missing");
    let stem = dir.join("doorlooptijden");
    let small = "n te klein (n = 1)";
    let none = "geen (n = 0)";
    let bar = |label: &str, values: Vec<f64>, missing: Option<&str>| Bar {
        label: s(label),
        values,
        color: None,
        missing: missing.map(s),
    };
    let bars = vec![
        bar("1", vec![29.0, f64::NAN], Some(small)),
        bar("2", vec![3.0, f64::NAN], Some(small)),
        bar("3", vec![3.0, 4.0], Some("never shown")),
        bar("4", vec![f64::NAN, f64::NAN], Some(none)),
    ];
    let names = vec![s("mediaan"), s("p90")];
    let paths = bar_chart(&stem, &text("Doorlooptijd"), &names, &bars).unwrap();
    let svg = check_files(&paths, &stem);
    // A legend swatch per series, then a rect per drawn value: no rect for a missing one,
    // not even a flat one.
    let medians = svg_rects(&svg, Palette::series(0));
    let p90s = svg_rects(&svg, Palette::series(1));
    assert_eq!(medians.len(), 1 + 3, "{medians:?}");
    assert_eq!(p90s.len(), 1 + 1, "{p90s:?}");
    assert!(medians.iter().chain(&p90s).all(|r| r.2 > 0.0));
    let texts = svg_texts(&svg);
    let at = |note: &str| -> Vec<f64> {
        texts
            .iter()
            .filter(|(_, t)| t == note)
            .map(|(x, _)| *x)
            .collect()
    };
    // Each reason stands right of its category's median, left of the next category.
    let small_at = at(small);
    assert_eq!(small_at.len(), 2, "{texts:?}");
    for (k, x) in small_at.iter().enumerate() {
        let (mx, mw, _) = medians[1 + k];
        assert!(
            *x > mx + mw && *x < medians[2 + k].0,
            "{x} for category {k}"
        );
    }
    assert_eq!(at(none).len(), 2, "both values of category 4");
    assert!(at(none).iter().all(|x| *x > p90s[1].0 + p90s[1].1));
    assert!(at("never shown").is_empty());
    // No value label 0 for the missing ones: the only 0 is the axis tick.
    assert_eq!(at("0").len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn pareto_panels_keep_groups_apart_with_a_legend_and_one_axis() {
    let dir = dir("panels");
    let stem = dir.join("oorzaken-pareto");
    let technical = Palette::nature(true);
    let other = Palette::nature(false);
    let panels = [
        ParetoPanel {
            label: s("technisch"),
            color: technical,
            items: vec![
                (s("koudemiddellekkage"), 13.0),
                (s("condensafvoer verstopt"), 11.0),
                (s("installatiefout"), 6.0),
            ],
        },
        ParetoPanel {
            label: s("niet-technisch"),
            color: other,
            items: vec![
                (s("foutieve factuur"), 5.0),
                (s("condensafvoer verstopt"), 1.0),
            ],
        },
    ];
    let paths = pareto_panels(&stem, &text("Oorzaken"), &panels, "cumulatief %").unwrap();
    let svg = check_files(&paths, &stem);
    let texts = svg_texts(&svg);
    let count = |t: &str| texts.iter().filter(|(_, x)| x == t).count();
    // Each group named twice (legend and panel heading), the line once in the legend.
    assert_eq!(count("technisch"), 2, "{texts:?}");
    assert_eq!(count("niet-technisch"), 2);
    assert_eq!(count("cumulatief %"), 1);
    // The cause of both natures: once per panel (whole, or wrapped to its first word),
    // each under a bar of its panel's colour.
    let at: Vec<f64> = texts
        .iter()
        .filter(|(_, t)| t.starts_with("condensafvoer"))
        .map(|(x, _)| *x)
        .collect();
    assert_eq!(at.len(), 2);
    let bars_t = svg_rects(&svg, technical);
    let bars_n = svg_rects(&svg, other);
    assert_eq!(
        (bars_t.len(), bars_n.len()),
        (1 + 3, 1 + 2),
        "swatch and bars"
    );
    let under = |x: f64, bars: &[(f64, f64, f64)]| {
        bars[1..]
            .iter()
            .any(|(bx, w, _)| x >= bx - LINE_PITCH as f64 && x <= bx + w + LINE_PITCH as f64)
    };
    assert!(under(at[0], &bars_t) && !under(at[0], &bars_n));
    assert!(under(at[1], &bars_n) && !under(at[1], &bars_t));
    // One count axis: 11 in the first panel and 1 in the second keep their ratio.
    let height = |bars: &[(f64, f64, f64)], i: usize| bars[i].2;
    let ratio = height(&bars_t, 2) / height(&bars_n, 2);
    assert!((ratio - 11.0).abs() < 0.5, "{ratio}");
    // Two cumulative lines that each end at 100 %.
    assert_eq!(count("100%"), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_grouped_bar_chart_writes_png_and_svg_with_title_legend_and_labels() {
    let dir = dir("bars");
    let stem = dir.join("urgentie");
    let t = text("Klachten per urgentie");
    let paths = bar_chart(&stem, &t, &names(), &urgency_bars()).unwrap();
    let svg = check_files(&paths, &stem);
    assert!(has_text(&svg, "Klachten per urgentie"));
    assert!(has_text(&svg, "Aantal klachten") && has_text(&svg, "Urgentie"));
    for label in ["1", "8", "ongeclassificeerd", "Ontvangen", "Open aan einde"] {
        assert!(has_text(&svg, label), "{label} missing");
    }
    assert!(has_text(&svg, "56"), "value label on the tallest bar");
    let buf = pixels(&Chart {
        text: &t,
        body: Body::Bars {
            series_names: &names(),
            bars: &urgency_bars(),
        },
    });
    for j in 0..3 {
        assert!(has_color(&buf, Palette::series(j)), "series {j} drawn");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn own_bar_colours_are_used_and_shaded_per_series() {
    let bars: Vec<Bar> = [Some(1), Some(8), None]
        .into_iter()
        .map(|u| Bar {
            label: format!("{u:?}"),
            values: vec![10.0, 6.0],
            color: Some(Palette::urgency(u)),
            missing: None,
        })
        .collect();
    let t = text("Kleuren");
    let names = [s("Ontvangen"), s("Afgehandeld")];
    let buf = pixels(&Chart {
        text: &t,
        body: Body::Bars {
            series_names: &names,
            bars: &bars,
        },
    });
    for u in [Some(1), Some(8), None] {
        let own = Palette::urgency(u);
        assert!(has_color(&buf, own));
        assert!(has_color(&buf, shade(own, 1, 2)));
    }
    assert!(
        !has_color(&buf, Palette::series(0)),
        "series colours give way"
    );
}

#[test]
fn a_line_chart_over_36_months_thins_its_labels_and_keeps_the_last() {
    let dir = dir("lines");
    let stem = dir.join("trend");
    let x = months(36);
    let series = vec![
        (
            s("Ontvangen"),
            (0..36).map(|i| f64::from(i % 7 + 20)).collect(),
        ),
        (
            s("Afgehandeld"),
            (0..36).map(|i| f64::from(i % 5 + 18)).collect(),
        ),
    ];
    let t = ChartText::new(Lang::Nl, "Trend", "Maand", "Aantal");
    let svg = check_files(&line_chart(&stem, &t, &x, &series).unwrap(), &stem);
    let shown: Vec<&String> = x.iter().filter(|m| has_text(&svg, m)).collect();
    assert!(
        shown.len() < 36 && shown.len() >= 6,
        "{} labels",
        shown.len()
    );
    assert!(has_text(&svg, "2026-12"), "the latest month is labelled");
    assert!(has_text(&svg, "Ontvangen") && has_text(&svg, "Afgehandeld"));
    // Shown labels never overlap: at 28 px a month label is well under 110 px wide.
    let xs: Vec<f64> = svg_texts(&svg)
        .into_iter()
        .filter(|(_, t)| x.contains(t))
        .map(|(x, _)| x)
        .collect();
    assert!(xs.windows(2).all(|w| w[1] - w[0] > 110.0), "{xs:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_line_with_nan_breaks_and_a_lone_point_still_shows() {
    let t = text("Gaten");
    let x = months(5);
    let series = vec![(s("Ontvangen"), vec![3.0, f64::NAN, 5.0, f64::INFINITY, 4.0])];
    let buf = pixels(&Chart {
        text: &t,
        body: Body::Lines {
            x_labels: &x,
            series: &series,
        },
    });
    // Three lone points, each a ring in the series colour; no line joins them, so the
    // coloured area stays small.
    let blue = count_color(&buf, Palette::series(0));
    assert!(blue > 100 && blue < 1500, "{blue}");
}

#[test]
fn a_pareto_sorts_descending_and_draws_the_cumulative_axis() {
    let dir = dir("pareto");
    let stem = dir.join("oorzaken");
    let t = ChartText::new(Lang::Nl, "Oorzaken", "Oorzaak", "Aantal klachten");
    let svg = check_files(
        &pareto_chart(&stem, &t, &causes(), "Cumulatief %").unwrap(),
        &stem,
    );
    let at = |label: &str| {
        svg_texts(&svg)
            .into_iter()
            .find(|(_, t)| t == label)
            .map(|(x, _)| x)
    };
    // Labels may be wrapped; the first word of each stands for its bar.
    let order = [
        "koudemiddellekkage",
        "condensafvoer",
        "foutieve",
        "te laat op",
    ];
    let xs: Vec<f64> = order
        .iter()
        .map(|w| {
            svg_texts(&svg)
                .into_iter()
                .find(|(_, t)| t.starts_with(w))
                .map(|(x, _)| x)
                .unwrap_or_else(|| panic!("{w} missing"))
        })
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    assert!(at("100%").is_some() && at("0%").is_some() && at("Cumulatief %").is_some());
    // The counts are drawn after the cumulative line, each on a white box, so the line's
    // markers never hide a number (they did on the sample report's 11 and 5).
    let line = svg
        .find("<polyline")
        .expect("the cumulative line is a polyline");
    for count in ["42", "31", "18", "12"] {
        let label = svg
            .find(&format!(">{count}</text>"))
            .or_else(|| svg.find(&format!(">\n{count}\n</text>")))
            .unwrap_or_else(|| panic!("count {count} missing"));
        assert!(label > line, "count {count} is drawn under the line");
        let before = &svg[..label];
        let box_at = before.rfind("<rect").expect("a box under the count");
        assert!(
            before[box_at..].contains("fill=\"#FFFFFF\""),
            "the box under {count} is white"
        );
    }
    let buf = pixels(&Chart {
        text: &t,
        body: Body::Pareto {
            items: causes(),
            cumulative_label: "Cumulatief %",
            color: Palette::series(0),
            panel: false,
        },
    });
    assert!(has_color(&buf, CUMULATIVE) && has_color(&buf, Palette::series(0)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn labels_with_markup_characters_are_escaped_in_the_svg() {
    let dir = dir("escape");
    let stem = dir.join("x");
    let t = ChartText::new(Lang::En, "R&D <test> \"q\"", "a & b", "<y>");
    let bars = vec![Bar {
        label: s("A&B <c>"),
        values: vec![3.0],
        color: None,
        missing: None,
    }];
    let svg = check_files(&bar_chart(&stem, &t, &[s("n")], &bars).unwrap(), &stem);
    assert!(svg.contains("R&amp;D &lt;test&gt; &quot;q&quot;"));
    assert!(svg.contains("A&amp;B &lt;c&gt;"));
    assert!(!svg.contains("<c>") && !svg.contains("<test>") && !svg.contains("<y>"));
    assert!(svg.trim_end().ends_with("</svg>"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_data_gives_a_chart_with_the_note_for_every_kind() {
    let dir = dir("empty");
    let t = text("Leeg");
    let bars = bar_chart(&dir.join("a"), &t, &names(), &[]).unwrap();
    let no_values = vec![Bar {
        label: s("1"),
        values: vec![],
        color: None,
        missing: None,
    }];
    let bars_without_values = bar_chart(&dir.join("b"), &t, &names(), &no_values).unwrap();
    let lines = line_chart(&dir.join("c"), &t, &months(24), &[]).unwrap();
    let no_months = line_chart(&dir.join("d"), &t, &[], &[(s("x"), vec![])]).unwrap();
    let pareto = pareto_chart(&dir.join("e"), &t, &[], "Cumulatief %").unwrap();
    for (paths, stem) in [
        (bars, "a"),
        (bars_without_values, "b"),
        (lines, "c"),
        (no_months, "d"),
        (pareto, "e"),
    ] {
        let svg = check_files(&paths, &dir.join(stem));
        assert!(has_text(&svg, "Geen gegevens in deze periode"), "{stem}");
        assert!(has_text(&svg, "Leeg"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn all_zeros_nan_infinite_and_negative_values_do_not_panic() {
    let dir = dir("odd");
    let t = text("Vreemde waarden");
    let zeros = vec![Bar {
        label: s("1"),
        values: vec![0.0, 0.0],
        color: None,
        missing: None,
    }];
    let svg = check_files(
        &bar_chart(&dir.join("zeros"), &t, &names(), &zeros).unwrap(),
        &dir.join("zeros"),
    );
    assert!(has_text(&svg, "5"), "an axis up to 5 for all zeros");
    let odd = vec![Bar {
        label: s("2"),
        values: vec![f64::NAN, f64::INFINITY, -3.0, f64::NEG_INFINITY, 7.0],
        color: None,
        missing: None,
    }];
    let svg = check_files(
        &bar_chart(&dir.join("odd"), &t, &names(), &odd).unwrap(),
        &dir.join("odd"),
    );
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(
        has_text(&svg, "7") && has_text(&svg, "0"),
        "negative drawn as 0"
    );
    let items = [(s("a"), f64::NAN), (s("b"), -2.0), (s("c"), f64::INFINITY)];
    let pareto = pareto_chart(&dir.join("p"), &t, &items, "Cum.").unwrap();
    assert!(!check_files(&pareto, &dir.join("p")).contains("NaN"));
    let nan_lines = [(s("x"), vec![f64::NAN; 24])];
    line_chart(&dir.join("l"), &t, &months(24), &nan_lines).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_bar_stays_a_bar_not_a_wall() {
    let t = text("Eén");
    let bars = vec![Bar {
        label: s("0–10"),
        values: vec![5.0],
        color: None,
        missing: None,
    }];
    let names = [s("Achterstallig")];
    let buf = pixels(&Chart {
        text: &t,
        body: Body::Bars {
            series_names: &names,
            bars: &bars,
        },
    });
    let row = |y: usize| &buf[y * 1600 * 3..(y + 1) * 1600 * 3];
    let c = Palette::series(0);
    let widest = (0..900).map(|y| count_color(row(y), c)).max().unwrap_or(0);
    assert!(widest > 60 && widest <= 121, "bar width {widest}");
}

#[test]
fn long_labels_and_titles_are_cut_with_an_ellipsis_or_turned_upright() {
    let dir = dir("long");
    let long = "een zeer lange omschrijving van de oorzaak ".repeat(10);
    let t = ChartText::new(Lang::Nl, &long, "Oorzaak", "Aantal");
    let items: Vec<(String, f64)> = (0..12)
        .map(|i| (format!("koudemiddellekkage{i} {long}"), f64::from(20 - i)))
        .collect();
    let svg = check_files(
        &pareto_chart(&dir.join("p"), &t, &items, "Cumulatief %").unwrap(),
        &dir.join("p"),
    );
    assert!(svg.contains("transform=\"rotate(270"), "upright labels");
    let texts = svg_texts(&svg);
    assert!(texts[0].1.ends_with('…'), "title cut: {}", texts[0].1);
    assert!(texts.iter().filter(|(_, t)| t.ends_with('…')).count() >= 12);
    test_canvas(|c| {
        let l = look(TICK_PX, INK);
        for (_, t) in &texts {
            let size = if t == &texts[0].1 { TITLE_PX } else { l.px };
            let bold = t == &texts[0].1;
            let w = c
                .width(
                    t,
                    Look {
                        px: size,
                        bold,
                        color: INK,
                    },
                )
                .unwrap();
            assert!(w <= WIDTH - 2 * MARGIN, "{t} is {w} px");
        }
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn category_labels_wrap_when_they_fit_and_turn_upright_when_not() {
    test_canvas(|c| {
        let plot = Plot {
            left: 100,
            top: 200,
            right: 1540,
            bottom: 700,
        };
        let short = ["0–10", "11–20", "21–40", "41–60", ">60"];
        assert!(matches!(
            category_labels(c, &short, &plot).unwrap(),
            XLabels::Flat { step: 1, .. }
        ));
        // A long word may reach into the room of short neighbours.
        let urgency = ["1", "2", "3", "4", "5", "6", "7", "8", "ongeclassificeerd"];
        assert!(matches!(
            category_labels(c, &urgency, &plot).unwrap(),
            XLabels::Flat { .. }
        ));
        let two_words = ["condensafvoer verstopt", "x"];
        match category_labels(c, &two_words, &plot).unwrap() {
            XLabels::Flat { lines, .. } => assert_eq!(lines[0], ["condensafvoer verstopt"]),
            _ => panic!("should stay flat"),
        }
        let causes = [
            "koudemiddellekkage",
            "condensafvoer verstopt",
            "foutieve factuur",
            "thermostaat defect",
            "te laat op afspraak",
            "geluidsoverlast buitendeel",
            "compressor defect",
            "onvoldoende koeling na onderhoud",
            "communicatie monteur",
            "overig",
        ];
        match category_labels(c, &causes, &plot).unwrap() {
            XLabels::Upright {
                lines,
                step,
                length,
            } => {
                assert_eq!(step, 1);
                assert!(length <= MAX_UPRIGHT_PX + 6);
                let all: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
                assert_eq!(all, causes, "every cause complete, split over columns");
            }
            _ => panic!("should turn upright"),
        }
        let many: Vec<String> = (0..120).map(|i| format!("oorzaak {i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        match category_labels(c, &many, &plot).unwrap() {
            XLabels::Upright { step, lines, .. } => {
                assert!(step >= 3, "thinned to slots of at least 34 px");
                assert_eq!(lines.len(), 120usize.div_ceil(step));
            }
            _ => panic!("120 labels cannot lie flat"),
        }
    });
}

#[test]
fn the_same_input_gives_byte_identical_files() {
    let dir = dir("same");
    let t = text("Herhaalbaar");
    let run = |name: &str| {
        let a = bar_chart(
            &dir.join(format!("{name}-bar")),
            &t,
            &names(),
            &urgency_bars(),
        )
        .unwrap();
        let b = line_chart(
            &dir.join(format!("{name}-line")),
            &t,
            &months(24),
            &[(s("Ontvangen"), (0..24).map(f64::from).collect())],
        )
        .unwrap();
        let c = pareto_chart(&dir.join(format!("{name}-pareto")), &t, &causes(), "Cum.").unwrap();
        [a, b, c]
            .concat()
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(run("first"), run("second"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unwritable_target_is_an_output_error_naming_the_path_and_leaves_nothing() {
    let dir = dir("fail");
    let blocker = dir.join("bestand");
    std::fs::write(&blocker, "geen map").unwrap();
    let stem = blocker.join("urgentie");
    let err = bar_chart(&stem, &text("x"), &names(), &urgency_bars()).unwrap_err();
    assert_eq!(err.code(), "E-output");
    let file = err.path().unwrap_or(Path::new(""));
    assert!(file.starts_with(&blocker), "{}", file.display());
    let target = dir.join("grafiek.png");
    std::fs::create_dir_all(&target).unwrap();
    let err = bar_chart(&dir.join("grafiek"), &text("x"), &names(), &urgency_bars()).unwrap_err();
    assert_eq!(err.code(), "E-output");
    assert_eq!(err.path(), Some(target.as_path()));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "only the blocker and the directory: {names:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stems_keep_their_dots() {
    assert_eq!(
        with_suffix(Path::new("grafieken/trend-2026.Q3"), "png"),
        PathBuf::from("grafieken/trend-2026.Q3.png")
    );
}

fn control(flagged_at: Option<usize>, limits: bool) -> ControlChart {
    let values: Vec<f64> = (0..27).map(|i| f64::from(i % 5 + 13)).collect();
    let mut values = values;
    let mut flagged = vec![false; 27];
    if let Some(i) = flagged_at {
        values[i] = 36.0;
        flagged[i] = true;
    }
    ControlChart {
        months: months(27),
        values,
        period_from: 24,
        unit: SignalUnit::Count,
        limits: limits.then_some(ControlLimits::Fixed(Limits {
            centre: 15.0,
            ucl: 26.6,
            lcl: Some(3.4),
        })),
        flagged,
        names: [
            s("ontvangen"),
            s("gemiddeld 15,0"),
            s("grenzen 3,4 – 26,6"),
            s("signaal"),
            s("periode 2026-Q3"),
        ],
    }
}

#[test]
fn a_c_chart_shows_its_limits_the_period_and_each_signal_with_its_count() {
    let dir = dir("control");
    let stem = dir.join("signalen");
    let t = ChartText::new(Lang::Nl, "Signalen", "maand", "aantal klachten");
    let chart = control(Some(25), true);
    let svg = check_files(&control_chart(&stem, &t, &chart).unwrap(), &stem);
    for legend in [
        "ontvangen",
        "gemiddeld 15,0",
        "grenzen 3,4 – 26,6",
        "signaal",
        "periode 2026-Q3",
    ] {
        assert!(has_text(&svg, legend), "{legend}");
    }
    // The flagged month's count stands above it; the last month is labelled.
    assert!(has_text(&svg, "36"));
    assert!(has_text(&svg, "2026-03"));
    // The axis reaches above the upper limit and counts in whole steps.
    assert!(
        has_text(&svg, "40")
            && !svg_texts(&svg)
                .iter()
                .any(|(_, t)| t.contains(',') && t.chars().all(|c| c.is_ascii_digit() || c == ','))
    );

    let drawn = |c: &ControlChart| {
        pixels(&Chart {
            text: &t,
            body: Body::Control(c),
        })
    };
    let with = drawn(&chart);
    // Red limits and point, the period's ground, the grey centre line.
    assert!(count_color(&with, Palette::limit()) > 2000);
    assert!(count_color(&with, palette::BAND) > 20_000);
    assert!(has_color(&with, Palette::centre()));
    // Without a signal less red; without limits (too little history) only the counts.
    let quiet = drawn(&control(None, true));
    assert!(count_color(&quiet, Palette::limit()) < count_color(&with, Palette::limit()));
    let bare = drawn(&control(None, false));
    assert_eq!(count_color(&bare, Palette::limit()), 0);
    let bare_svg = {
        let stem = dir.join("kaal");
        check_files(
            &control_chart(&stem, &t, &control(None, false)).unwrap(),
            &stem,
        )
    };
    assert!(!has_text(&bare_svg, "gemiddeld 15,0") && !has_text(&bare_svg, "signaal"));
    assert!(has_text(&bare_svg, "periode 2026-Q3"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_u_chart_draws_each_months_limits_as_steps_and_its_rates_with_a_decimal() {
    let level = |ucl: f64| {
        Some(Limits {
            centre: 15.0,
            ucl,
            lcl: None,
        })
    };
    // The upper limit 30 in the first 14 months, 20 after; month 20 without work orders.
    let mut per_month: Vec<Option<Limits>> = (0..27)
        .map(|i| level(if i < 14 { 30.0 } else { 20.0 }))
        .collect();
    per_month[20] = None;
    let mut values = vec![15.0; 27];
    values[20] = f64::NAN;
    values[25] = 24.5;
    let mut flagged = vec![false; 27];
    flagged[25] = true;
    let chart = |limits: ControlLimits, flagged: Vec<bool>| ControlChart {
        months: months(27),
        values: values.clone(),
        unit: SignalUnit::Rate,
        period_from: 24,
        limits: Some(limits),
        flagged,
        names: [
            s("per 1.000 werkbonnen"),
            s("gemiddeld 15,0"),
            s("bovengrens per maand"),
            s("signaal"),
            s("periode 2026-Q3"),
        ],
    };
    let steps = chart(
        ControlLimits::PerMonth {
            centre: 15.0,
            months: per_month,
        },
        vec![false; 27],
    );
    let t = ChartText::new(
        Lang::Nl,
        "Signalen",
        "maand",
        "klachten per 1.000 werkbonnen",
    );
    // The highest red pixel below the legend, left of the middle and right of it.
    let top_red = |buf: &[u8], xs: std::ops::Range<usize>| {
        let red = Palette::limit();
        (200..800).find(|&y| {
            xs.clone().any(|x| {
                let p = (y * 1600 + x) * 3;
                buf[p..p + 3] == [red.0, red.1, red.2]
            })
        })
    };
    let drawn = |c: &ControlChart| {
        pixels(&Chart {
            text: &t,
            body: Body::Control(c),
        })
    };
    let buf = drawn(&steps);
    let (left, right) = (
        top_red(&buf, 300..700).unwrap(),
        top_red(&buf, 1000..1300).unwrap(),
    );
    assert!(left + 50 < right, "30 stands above 20: {left} vs {right}");
    // The same limits in every month draw one level, as a c-chart's do.
    let fixed = drawn(&chart(
        ControlLimits::Fixed(level(30.0).unwrap()),
        vec![false; 27],
    ));
    let (l, r) = (
        top_red(&fixed, 300..700).unwrap(),
        top_red(&fixed, 1000..1300).unwrap(),
    );
    assert!(l.abs_diff(r) <= 1, "{l} vs {r}");
    // A rate at a signal has one decimal; the axis is not bound to whole steps.
    let dir = dir("u-chart");
    let stem = dir.join("signalen");
    let flagged_chart = chart(
        ControlLimits::PerMonth {
            centre: 15.0,
            months: (0..27).map(|_| level(20.0)).collect(),
        },
        flagged,
    );
    let svg = check_files(&control_chart(&stem, &t, &flagged_chart).unwrap(), &stem);
    for text in ["24,5", "bovengrens per maand", "gemiddeld 15,0"] {
        assert!(has_text(&svg, text), "{text}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
