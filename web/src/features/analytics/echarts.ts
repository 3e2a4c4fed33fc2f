/**
 * The parts of ECharts the analytics page uses (bar and line charts, grid, tooltip, canvas): loaded
 * only by Chart.tsx's dynamic import, so the main bundle does not carry the charting library.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
