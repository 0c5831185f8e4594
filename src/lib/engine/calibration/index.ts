export * from './labels';
export * from './agreement';
export * from './consensus';
export * from './stats';
export * from './report';
export * from './gating';
export * from './sample';
