export { change, create, discard, list, undo, statusOf } from './drafts';
export type { DraftStatus, DraftSummary } from './drafts';
export { view, type CriterionView, type DraftView } from './view';
export { cachedEffect, evaluate, EFFECT_SETS, type DraftEffect } from './effect';
export { publish, type Published } from './publish';
export { RubricDraftRefused, refusalStatus, type Refusal } from './refused';
export type { ModelOutcome } from './model';
