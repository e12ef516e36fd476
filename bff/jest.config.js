/** bff tests boot the real app (@midwayjs/mock) on a database of their own per worker. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  moduleNameMapper: { '^swagger-ui-dist$': '<rootDir>/test/support/swagger-ui-dist.js' },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
