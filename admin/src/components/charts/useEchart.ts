import { useEffect, useRef, type RefObject } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// only the parts the admin's charts draw, so the pages' bundles stay small
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts instance bound to a div for as long as the component lives, redrawn at the div's size.
 * The component sets its options on `chart.current` whenever its data changes.
 */
export function useEchart(): { ref: RefObject<HTMLDivElement>; chart: RefObject<echarts.ECharts | null> } {
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
  return { ref, chart };
}
