import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One source, two builds:
 *   TARO_ENV=h5    -> dist/h5     (mobile H5 + the PC desk, served by the server on the same origin)
 *   TARO_ENV=weapp -> dist/weapp  (WeChat mini-program; project.config.json at the repo root points here)
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV || 'weapp';
  // H5 is served by the API server itself, so it calls the same origin. The mini-program needs
  // an absolute URL: TARO_APP_API_BASE at build time, or a local server for the devtools.
  const apiBase = env === 'h5' ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:7001';

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hongyuan-service',
    date: '2024-11-28',
    // NutUI is drawn for a 375 px design, our pages for 750.
    designWidth(input) {
      const file = (typeof input === 'object' && input.file) || '';
      if (file.replace(/\\+/g, '/').indexOf('@nutui') > -1) return 375;
      return 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    // @hongyuan/shared is a workspace package (symlinked, ES2017 CommonJS in shared/dist) and
    // imports zod. Both are bundled; compiling them with Babel keeps the output syntax in line
    // with the rest of the app on older WeChat clients.
    compile: {
      include: [path.resolve(__dirname, '..', '..', 'shared', 'dist'), (filename: string) => /node_modules[\\/]zod[\\/]/.test(filename)],
    },
    mini: {
      // Pages import their stylesheets in different orders; our class names do not depend on
      // the order (as on H5 below), so the warning is noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
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
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // The PC desk (antd) is big by nature; it loads once on a LAN, so no size warnings.
        chain.performance.hints(false);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
