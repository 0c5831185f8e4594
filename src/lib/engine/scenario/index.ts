export * from './schema';
export * from './guards';
export * from './load';
export * from './scenario.machine';
export * from './lint';
export * from './references';
export * from './graph';
export * from './preview';
