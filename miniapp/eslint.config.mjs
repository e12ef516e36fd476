import preset from '../config/eslint.preset.mjs';

export default [...preset, { ignores: ['scripts/**', 'babel.config.js', 'jest.config.js'] }];
