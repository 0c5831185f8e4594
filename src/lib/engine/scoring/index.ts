export * from './assess';
export * from './rubric';
export { normalize, detectLanguage } from './normalize';
export type { RubricDocument, Detector } from './schema';
