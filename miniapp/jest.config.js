/**
 * Unit and component tests: React Testing Library in jsdom, with @tarojs/taro and
 * @tarojs/components replaced by small mocks (test/mocks) — Taro's own test utils do not run on
 * Taro 4. The platform module resolves to its H5 implementation, as a browser would.
 */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
    '\\.(scss|css)$': '<rootDir>/test/mocks/style.ts',
    '^(\\.{1,2}/.*)/platform$': '$1/platform/index.h5.ts',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  clearMocks: true,
};
