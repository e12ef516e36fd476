import { render } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { SessionProvider } from '../session';
import { DetachedStyles } from './detached-styles';

/** Renders routes inside the app's providers (antd zh-CN, session), starting at `path`; antd's styles kept off the page. */
export function renderWithRouter(routeObjects: RouteObject[], path: string) {
  const router = createMemoryRouter(routeObjects, { initialEntries: [path] });
  render(
    <DetachedStyles>
      <ConfigProvider locale={zhCN}>
        <AntdApp>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </AntdApp>
      </ConfigProvider>
    </DetachedStyles>,
  );
  return router;
}
