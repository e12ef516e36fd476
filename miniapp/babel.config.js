// Used by Taro's webpack build; jest compiles with ts-jest instead (see jest.config.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
