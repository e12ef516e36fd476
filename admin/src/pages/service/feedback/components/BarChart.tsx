import { useEffect, useRef } from 'react';
import { BarChart as Bars, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// only the parts these charts draw, so the page's bundle stays small
echarts.use([Bars, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarChartProps {
  categories: string[];
  /** bars; a series with `line` is drawn as a line on a second axis (an average beside counts) */
  series: Array<{ name: string; data: Array<number | null>; line?: boolean; max?: number }>;
  height?: number;
  horizontal?: boolean;
  label: string;
}

/** Bars per category (counts), optionally with a line on a right-hand axis (averages out of 5). */
export default function BarChart({ categories, series, height = 280, horizontal, label }: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const hasLine = series.some((s) => s.line);
    const category = { type: 'category' as const, data: categories };
    const value = { type: 'value' as const, minInterval: 1 };
    chart.current?.setOption(
      {
        color: ['#1677ff', '#fa8c16', '#52c41a'],
        tooltip: { trigger: 'axis' },
        legend: series.length > 1 ? { top: 0 } : undefined,
        grid: { left: 16, right: 16, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : hasLine ? [value, { type: 'value', min: 0, max: 5 }] : value,
        series: series.map((s) => ({ name: s.name, type: s.line ? 'line' : 'bar', data: s.data, barMaxWidth: 28, ...(s.line ? { yAxisIndex: 1 } : {}) })),
      },
      true,
    );
  }, [categories, series, horizontal]);

  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
