import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { fenToYuanString, type FinanceSummary } from '@dzky/contracts';

// only the parts this chart draws, so the page's bundle stays small
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DailyChartProps {
  days: FinanceSummary['days'];
  labels: { paid: string; refunded: string };
}

/** Paid and refunded per day as bars side by side; amounts stay in fen and are shown as yuan. */
export default function DailyChart({ days, labels }: DailyChartProps) {
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
    const yuan = (v: unknown) => (typeof v === 'number' ? `¥${fenToYuanString(Math.round(v))}` : String(v));
    chart.current?.setOption(
      {
        color: ['#1677ff', '#fa8c16'],
        tooltip: { trigger: 'axis', valueFormatter: yuan },
        legend: { data: [labels.paid, labels.refunded], top: 0 },
        grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fenToYuanString(Math.round(v)) } },
        series: [
          { name: labels.paid, type: 'bar', data: days.map((d) => d.paidFen), barMaxWidth: 24 },
          { name: labels.refunded, type: 'bar', data: days.map((d) => d.refundedFen), barMaxWidth: 24 },
        ],
      },
      true,
    );
  }, [days, labels.paid, labels.refunded]);

  return <div ref={ref} style={{ width: '100%', height: 320 }} role="img" aria-label={`${labels.paid} / ${labels.refunded}`} />;
}
