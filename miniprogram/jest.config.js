/**
 * One Jest run for the mini-program (npm test -w miniprogram = jest --runInBand):
 *   src/**\/*.test.tsx, test/unit/**  component tests in jsdom (docblock @jest-environment jsdom)
 *   test/weapp/**                     the compiled dist/weapp under miniprogram-simulate (node)
 *   test/e2e/**                       the built H5 in Chromium (node)
 * Each test file names its environment in a docblock; the default is node.
 * Nothing here may change process.env of the Jest process: builds and servers started by tests
 * inherit it (see test/support/build.ts).
 */
/** Packages (anywhere under node_modules, nested ones included) that ship ES modules. */
const ESM_PACKAGES = [
  '@tarojs',
  '@nutui',
  '@stencil',
  '@swc',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'is-mobile',
  'swiper',
  'nanoid',
];

module.exports = {
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.test.[jt]s?(x)', '<rootDir>/src/**/*.test.[jt]s?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/test/support/'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: require.resolve('./test/support/babel.config.js') }],
    '^.+\\.mjs$': ['babel-jest', { configFile: require.resolve('./test/support/babel.config.js') }],
  },
  // Taro, NutUI and some of their helpers ship ES modules: those are compiled, the rest of
  // node_modules (Jest, jsdom, React ...) is loaded as is.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_PACKAGES.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/support/taro-shim.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    // The ES build, as webpack uses it (the package's "main" is a UMD bundle of everything).
    '^@nutui/nutui-react-taro$': '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
    '^@nutui/icons-react-taro$': '@nutui/icons-react-taro/dist/es/index.es.js',
    '^@hongyuan/shared$': '<rootDir>/../shared/src/index.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/support/style-stub.js',
  },
  setupFiles: ['<rootDir>/test/support/setup-env.js'],
  watchPathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.taro-cache/'],
  // Compiling NutUI and Taro the first time takes a while on a 2-core machine.
  testTimeout: 30000,
};
