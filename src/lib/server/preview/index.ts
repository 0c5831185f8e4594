export { ofDraft, ofVersion, compileSource, rubricInForce, PreviewForbidden } from './subject';
export type { Subject, Playable, Broken } from './subject';
export {
	stateChoices,
	startPosition,
	lineAt,
	replyStep,
	type StepView,
	type StateChoice
} from './play';
export * as sandbox from './sandbox';
export { idSchema, previewReplySchema, sandboxSchema, startQuerySchema } from './forms';
export { previewPage, previewReplyAction } from './routes';
