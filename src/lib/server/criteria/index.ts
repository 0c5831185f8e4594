export * from './versions';
export * from './acknowledgements';
export * as drafts from './drafts';
export { DraftRefused } from './drafts';
export { signaturesOf } from './signatures';
