// Babel for Jest: babel-preset-taro turns ES modules into CommonJS and targets the running
// Node when NODE_ENV is 'test' (Jest sets it).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
