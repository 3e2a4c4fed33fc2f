import { describe, expect, it } from 'vitest';
import { barChartOption, histogramChartOption } from './charts.ts';

type Axis = { data?: string[]; axisLabel: { formatter?: (v: number) => string }; minInterval?: number };
type Series = { data: number[]; label: { show: boolean; formatter: (p: { value: unknown }) => string } };

describe('chart options shared by the dashboard and the documents', () => {
  it('label the bins and the values with a decimal comma, counts on whole ticks', () => {
    const option = histogramChartOption([
      { from: '76', to: '85.5', count: 3 },
      { from: '85.5', to: '95', count: 0 },
    ]);
    const x = option.xAxis as Axis;
    const y = option.yAxis as Axis;
    const [series] = option.series as Series[];
    expect(x.data).toEqual(['76 – 85,5', '85,5 – 95']);
    expect(y.axisLabel.formatter!(1.5)).toBe('1,5');
    expect(y.minInterval).toBe(1);
    expect(series!.data).toEqual([3, 0]);
    // A printed chart has no tooltip: each bar says its count, an empty one nothing.
    expect(series!.label.show).toBe(true);
    expect([3, 0].map((value) => series!.label.formatter({ value }))).toEqual(['3', '']);
  });

  it('puts long labels on the vertical axis of a horizontal chart, without value labels by default', () => {
    const option = barChartOption({
      labels: ['1.1 Chỉ tiêu'],
      values: [2.25],
      name: 'Điểm bị trừ',
      horizontal: true,
    });
    expect((option.yAxis as Axis).data).toEqual(['1.1 Chỉ tiêu']);
    expect((option.xAxis as Axis).axisLabel.formatter!(2.25)).toBe('2,25');
    expect((option.series as Series[])[0]!.label.show).toBe(false);
  });
});
