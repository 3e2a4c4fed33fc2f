import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type ECharts = (typeof import('./echarts.ts'))['echarts'];
let loading: Promise<ECharts> | null = null;
/** ECharts is loaded on the first chart shown (its own chunk), then kept. */
function loadECharts(): Promise<ECharts> {
  loading ??= import('./echarts.ts').then((m) => m.echarts);
  return loading;
}

/**
 * One chart. `onBarClick` receives the clicked bar's index (the drill-down from a bar to its rows).
 * Decorative for screen readers: every chart is shown beside a table of the same data.
 */
export function Chart(props: {
  option: EChartsCoreOption;
  height?: number;
  onBarClick?: (index: number) => void;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const click = useRef(props.onBarClick);
  click.current = props.onBarClick;
  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<ECharts['init']> | null = null;
    const resize = () => chart?.resize();
    void loadECharts().then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { locale: 'EN' });
      chart.setOption(props.option);
      chart.on('click', (p) => click.current?.((p as { dataIndex: number }).dataIndex));
      window.addEventListener('resize', resize);
      setReady(true);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [props.option]);
  return (
    <div role="img" aria-label={props.label} style={{ position: 'relative' }}>
      {!ready && <Skeleton active paragraph={{ rows: 4 }} />}
      <div
        ref={ref}
        data-testid={`chart-${props.label}`}
        style={{ width: '100%', height: props.height ?? 280 }}
      />
    </div>
  );
}
