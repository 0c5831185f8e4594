export { change, create, discard, list, undo, view, statusOf } from './drafts';
export type { CriterionView, DraftStatus, DraftSummary, DraftView } from './drafts';
export { cachedEffect, evaluate, EFFECT_SETS, type DraftEffect } from './effect';
export { publish, type Published } from './publish';
export { RubricDraftRefused, refusalStatus, type Refusal } from './refused';
export type { ModelOutcome } from './model';
