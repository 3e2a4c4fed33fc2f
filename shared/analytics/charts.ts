/**
 * The ECharts options of the analytics charts, shared by the dashboard (web, canvas) and the
 * documents (server, SVG → PNG), so the screen and the paper draw the same chart. Plain data and
 * formatters only: no ECharts import, no DOM.
 */
import { formatDecimal } from '../format/vi.ts';

/** An ECharts option object (typed loosely: the library's own type lives in the web and server code). */
export type ChartOption = Record<string, unknown>;

export type BarChartInput = {
  labels: string[];
  values: number[];
  /** The series' name, e.g. "Số đơn vị" (tooltip). */
  name: string;
  /** Bars from the left (long labels: indicators' titles). */
  horizontal?: boolean;
  /** The values are counts: no "1,5 đơn vị" tick. */
  wholeNumbers?: boolean;
  /** Each bar says its value (a printed chart has no tooltip); off for many bars, where labels collide. */
  valueLabels?: boolean;
  /** The value axis' title, e.g. "Số đơn vị" (a printed chart is read without the page around it). */
  valueAxisName?: string;
};

/** One series of bars, numbers with a decimal comma. */
export function barChartOption(input: BarChartInput): ChartOption {
  const category = {
    type: 'category',
    data: input.labels,
    axisLabel: { interval: 0, width: 160, overflow: 'truncate' },
  };
  const value = {
    type: 'value',
    minInterval: input.wholeNumbers ? 1 : undefined,
    axisLabel: { formatter: (v: number) => formatDecimal(v) },
    ...(input.valueAxisName ? { name: input.valueAxisName, nameGap: 12 } : {}),
  };
  return {
    animation: false,
    grid: {
      left: input.horizontal ? 170 : 40,
      right: 20,
      top: input.valueAxisName && !input.horizontal ? 40 : 20,
      bottom: 40,
    },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatDecimal(v) },
    xAxis: input.horizontal ? value : category,
    yAxis: input.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        name: input.name,
        data: input.values,
        itemStyle: { color: '#1677ff' },
        cursor: 'pointer',
        label: {
          show: !!input.valueLabels,
          position: input.horizontal ? 'right' : 'top',
          formatter: barLabel,
        },
      },
    ],
  };
}

/** A bar's printed value; nothing on an empty bar (a row of zeros reads as noise). */
function barLabel(p: { value: unknown }): string {
  const v = Number(p.value);
  return v ? formatDecimal(v) : '';
}

export type HistogramBin = { from: string; to: string; count: number };

/** "80 – 90", "84,5 – 95,1": a bin of the distribution of totals. */
export function binLabel(b: Pick<HistogramBin, 'from' | 'to'>): string {
  return `${formatDecimal(b.from)} – ${formatDecimal(b.to)}`;
}

/** The distribution of totals: how many units per tenth of the maximum (ADR 0018 §5). */
export function histogramChartOption(bins: HistogramBin[]): ChartOption {
  return barChartOption({
    labels: bins.map(binLabel),
    values: bins.map((b) => b.count),
    name: 'Số đơn vị',
    wholeNumbers: true,
    valueLabels: true,
    valueAxisName: 'Số đơn vị',
  });
}
