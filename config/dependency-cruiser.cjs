// Layer rules of design.md §4, checked by `npm run lint`.
module.exports = {
  forbidden: [
    { name: 'clients-never-import-bff', severity: 'error',
      from: { path: '^(admin|miniapp)/' }, to: { path: '^bff/' } },
    { name: 'contracts-stay-framework-free', severity: 'error',
      from: { path: '^contracts/' }, to: { path: '^(bff|admin|miniapp|sandbox)/|node_modules/(@midwayjs|react|antd|@tarojs)' } },
    { name: 'services-never-import-adapters', severity: 'error',
      from: { path: '^bff/src/modules/[^/]+/service/' }, to: { path: '\\.adapter\\.ts$' } },
    { name: 'modules-keep-their-internals', severity: 'error',
      comment: 'Another module is reached through its service or port, never its entities, adapters or controllers.',
      from: { path: '^bff/src/modules/([^/]+)/' },
      to: { path: '^bff/src/modules/([^/]+)/(adapter|controller)/', pathNot: '^bff/src/modules/$1/' } },
    { name: 'production-never-imports-sandbox', severity: 'error',
      from: { path: '^(bff|admin|miniapp|regulator-adapter)/src/' }, to: { path: '^sandbox/' } },
    { name: 'no-circular', severity: 'warn', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '(node_modules|dist|\\.test\\.tsx?$)' },
  },
};
