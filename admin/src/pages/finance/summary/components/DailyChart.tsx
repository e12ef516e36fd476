import { useEffect } from 'react';
import { useEchart } from '../../../../components/charts/useEchart';
import { fenToYuanString, type FinanceSummary } from '@dzky/contracts';

export interface DailyChartProps {
  days: FinanceSummary['days'];
  labels: { paid: string; refunded: string };
}

/** Paid and refunded per day as bars side by side; amounts stay in fen and are shown as yuan. */
export default function DailyChart({ days, labels }: DailyChartProps) {
  const { ref, chart } = useEchart();

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
