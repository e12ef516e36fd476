export * from './envelope';
export * from './errors';
export * from './permissions';
export * from './auth';
export * from './system';
export * from './audit';
export * from './mask';
export * from './money';
