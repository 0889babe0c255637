// Browser code for TrendChart.astro. Only the chart.js parts a line chart with a shaded band
// needs are registered, so the bundler leaves out the other controllers, scales and plugins.
// No Tooltip: it adds 5 KB gzipped (esbuild, chart.js 4.6.1) to say what the table below
// the chart already says, and only to a mouse.
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement } from "chart.js";
import type { TrendChartData } from "~/lib/reports/trend-chart-data";

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler);

// GOV.UK blue, and the same at 20% for the interval, which keeps the line at 4.5:1 or more.
const LINE = "#1d70b8";
const BAND = "rgba(29, 112, 184, 0.2)";
const TEXT = "#0b0c0c";
// GOV.UK dark grey, dashed: a second series reads apart from the first without colour alone.
const SECONDARY = "#505a5f";

/**
 * Draws every trend chart the server put in the page: each `[data-trend-chart]` element holds
 * its figures as JSON and a canvas, and stays hidden (so no empty box shows) until drawn here.
 * The table beside each chart is the source of truth; the chart adds nothing the table lacks.
 */
export function drawTrendCharts(root: ParentNode): void {
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = "arial, sans-serif";
  Chart.defaults.font.size = 14;
  Chart.defaults.color = TEXT;
  for (const container of root.querySelectorAll<HTMLElement>("[data-trend-chart]")) {
    const canvas = container.querySelector("canvas");
    const json = container.querySelector('script[type="application/json"]')?.textContent;
    if (!canvas || !json) continue;
    const chart = JSON.parse(json) as TrendChartData;
    container.hidden = false;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: chart.labels,
        datasets: [
          // The band: the upper limits filled down to the next dataset, the lower limits.
          { label: "Upper limit", data: chart.upper, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: "+1", backgroundColor: BAND },
          { label: "Lower limit", data: chart.lower, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false },
          { label: chart.title, data: chart.estimate, borderColor: LINE, backgroundColor: LINE, borderWidth: 3, pointRadius: 4, fill: false },
          ...(chart.secondary ? [{ label: chart.secondary.title, data: chart.secondary.values, yAxisID: "y2", borderColor: SECONDARY, backgroundColor: SECONDARY, borderDash: [6, 4], borderWidth: 2, pointRadius: 3, pointStyle: "rect" as const, fill: false }] : []),
        ],
      },
      options: {
        // WCAG 2.3.3: no movement for people who asked their system for less.
        animation: reduceMotion ? false : { duration: 400 },
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: false,
        scales: {
          y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` }, grid: { color: "#b1b4b6" } },
          ...(chart.secondary ? { y2: { position: "right" as const, min: 0, title: { display: true, text: chart.secondary.title }, grid: { display: false } } } : {}),
          x: { grid: { display: false } },
        },
      },
    });
  }
}
