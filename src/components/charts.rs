//! Bar charts drawn on the server as SVG. Each bar is a link to the directory filtered by its value,
//! named by its label and count ("Startups 26"), so the chart is read out and reached by keyboard like
//! a list of links, and seen at a glance.
use leptos::prelude::*;

use crate::domain::showcase::Bar;

const ROW: u32 = 44;
const LABEL_SIZE: u32 = 14;
/// How much of the width the longest bar takes; the rest is room for its count.
const LONGEST_BAR_PERCENT: f64 = 88.0;

/// A horizontal bar chart: a label above each bar, the count at its end.
#[component]
pub fn BarChart(
    /// Unique on the page; names the chart's title.
    id: &'static str,
    title: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let largest = bars.iter().map(|bar| bar.count).max().unwrap_or(1).max(1);
    let height = ROW * u32::try_from(bars.len()).unwrap_or(0).max(1);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(index, bar)| {
            let top = ROW * u32::try_from(index).unwrap_or(0);
            // Lengths are percentages and text sizes pixels, so labels stay readable at any width.
            let length = (LONGEST_BAR_PERCENT * bar.count as f64 / largest as f64).max(0.5);
            view! {
                <g class="chart__row">
                    <a href=bar.href>
                        <rect class="chart__hit" x="0" y=top width="100%" height=ROW />
                        <rect class="chart__bar" x="0" y=top + 22 width=format!("{length:.2}%") height="14" rx="3" />
                        // One text element, so the link's name reads "label count".
                        <text font-size=LABEL_SIZE>
                            <tspan class="chart__label" x="0" y=top + LABEL_SIZE + 2>{bar.label}</tspan>
                            <tspan class="chart__count" x=format!("{length:.2}%") dx="8" y=top + 34 font-size="13">
                                " "{bar.count}
                            </tspan>
                        </text>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption class="chart__caption" aria-hidden="true">{title.clone()}</figcaption>
            <svg
                class="chart__svg"
                width="100%"
                height=height
                role="group"
                aria-labelledby=labelled_by
            >
                <title id=title_id>{title}</title>
                {rows}
            </svg>
        </figure>
    }
}
