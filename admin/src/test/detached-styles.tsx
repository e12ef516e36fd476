import type { ReactNode } from 'react';
import { StyleProvider } from '@ant-design/cssinjs';

/**
 * antd writes its CSS-in-JS rules into the page's <style> tags; jsdom then matches every rule
 * against the element on each getComputedStyle, which role queries (is it hidden?) and antd's own
 * measuring call thousands of times — most of a page test's time. Rules written into a detached
 * node cost nothing; jsdom does no layout, so what a test sees depends on the DOM and inline styles.
 */
const sink = typeof document === 'undefined' ? undefined : document.createElement('div');

export function DetachedStyles({ children }: { children: ReactNode }) {
  return <StyleProvider container={sink}>{children}</StyleProvider>;
}
