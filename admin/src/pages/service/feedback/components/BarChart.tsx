import { useEffect } from 'react';
import { useEchart } from '../../../../components/charts/useEchart';

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
  const { ref, chart } = useEchart();

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
