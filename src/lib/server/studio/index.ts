export {
	create,
	describeSource,
	discard,
	get,
	list,
	save,
	type DraftOrigin,
	type DraftView
} from './drafts';
export { lineDiff, type DiffLine } from './diff';
export {
	checkSource,
	copyable,
	download,
	draftFile,
	inForce,
	publishDraft,
	publishSource,
	review,
	rubricsInForce,
	type PublishReview,
	type Published
} from './publish';
export { StudioRefused, studioRefusals, studioStatus, type StudioRefusal } from './refused';
export { templateNames, type TemplateName } from './templates';
