export * from './excel';
