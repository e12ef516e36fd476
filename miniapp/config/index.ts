import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { apiBaseFor, appIdFor, appKindFromEnv } from './target';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require('../../config/ports.cjs') as Record<string, number>;

/**
 * npm workspaces hoist most packages to the repository root, but keep some (e.g.
 * @tarojs/plugin-framework-react, held back by a peer-dependency clash) in miniapp/node_modules;
 * hoisted Taro packages must find both.
 */
function resolveWorkspaceModules(chain: { resolve: { modules: { add: (dir: string) => unknown } } }) {
  chain.resolve.modules.add(path.resolve(__dirname, '../node_modules'));
  chain.resolve.modules.add(path.resolve(__dirname, '../../node_modules'));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const app = appKindFromEnv();
  const platform = process.env.TARO_ENV;
  // Taro's project.config.json generator takes the appid from TARO_APP_ID when it is set; this is
  // how each app gets its own appid from TARO_APP_APPID_PASSENGER / TARO_APP_APPID_DRIVER.
  process.env.TARO_APP_ID = appIdFor(app);

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: `dzky-${app}`,
    date: '2026-11-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${app}/${platform}`,
    // per-app developer-tool settings; the appid inside is replaced as above
    projectConfigName: `project.${app}.config.json`,
    plugins: [],
    // read in the code as process.env.TARO_APP_*; see src/env.ts
    env: {
      TARO_APP_KIND: JSON.stringify(app),
      TARO_APP_API_BASE: JSON.stringify(apiBaseFor(platform)),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // prebundling trips over the hoisted node_modules of the npm workspace
      prebundle: { enable: false },
    },
    cache: { enable: false },
    mini: {
      webpackChain: resolveWorkspaceModules,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // hash routing: the build is a folder of static files that any server can serve as is
      router: { mode: 'hash' },
      htmlPluginOption: { title: app === 'driver' ? '定制客运司机端' : '定制客运' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: {
        port: app === 'driver' ? ports.driverH5 : ports.passengerH5,
        // fast refresh would need @pmmmwh/react-refresh-webpack-plugin; a reload is enough here
        hot: false,
        proxy: [{ context: ['/api'], target: process.env.BFF_URL ?? `http://localhost:${ports.bff}`, changeOrigin: true }],
      },
      webpackChain: resolveWorkspaceModules,
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
