export * from './assess';
export * from './rubric';
export { normalize, detectLanguage } from './normalize';
export type { RubricDocument, Detector } from './schema';
export * from './authority';
export { findTimes } from './time';
export * from './readable';
export * from './explain';
export { newTrace, type AssessmentTrace, type CriterionTrace } from './trace';
