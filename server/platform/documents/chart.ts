/**
 * A chart in a DOCX: the ECharts option the dashboard draws (shared/analytics/charts.ts), rendered
 * server-side to SVG (ECharts SSR, no DOM) and rasterised to PNG with resvg, because Word and
 * LibreOffice both read PNG while SVG in DOCX needs a PNG fallback anyway.
 */
import { Resvg } from '@resvg/resvg-js';
import { ImageRun, Paragraph, AlignmentType } from 'docx';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from '@shared/analytics/charts.ts';
import { FONT } from './nd30.ts';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** The chart's size on the page in CSS pixels (96 per inch): 16 cm wide fits the ND 30 text width. */
export type ChartSize = { width: number; height: number };

/** Rasterised at 3× (≈ 290 dpi at the printed size): sharp on paper, ≈ 50 KB a chart. */
const SCALE = 3;

/**
 * The chart as SVG text. Text is set in the documents' font; the PNG step falls back to Liberation
 * Serif (metric-compatible, installed with LibreOffice: docs/deploy.md) when Times New Roman is absent.
 */
export function chartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({
      ...option,
      animation: false,
      textStyle: { fontFamily: `${FONT}, Liberation Serif, serif`, fontSize: 12, color: '#000' },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function chartPng(option: ChartOption, size: ChartSize): Buffer {
  const svg = chartSvg(option, size);
  return new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' },
  })
    .render()
    .asPng();
}

/** A centred paragraph holding the chart; `description` is read aloud in place of the picture. */
export function chartParagraph(
  option: ChartOption,
  size: ChartSize,
  alt: { title: string; description: string },
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: chartPng(option, size),
        transformation: size,
        altText: { name: alt.title, title: alt.title, description: alt.description },
      }),
    ],
  });
}
