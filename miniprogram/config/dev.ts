import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `npm run dev:h5` serves on its own port: forward the API to a local server.
    devServer: {
      proxy: {
        '/api': { target: process.env.TARO_APP_API_BASE || 'http://127.0.0.1:7001', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
