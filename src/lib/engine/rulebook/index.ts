export * from './schema';
export * from './lifecycle';
export * from './period';
export * from './triggers';
export * from './figures';
export * from './diff';
export * from './drafts';
