export { assignablePeople, assignableTeams, assigns, create, scenarioChoices } from './create';
export { extend, markSeen, withdraw } from './manage';
export {
	byAttention,
	forTrainee,
	grouped,
	listFor,
	progressOf,
	view,
	viewFor,
	viewsOf,
	type AssignmentGroup,
	type AssignmentView,
	type Progress,
	type ProgressStatus
} from './progress';
export { AssignmentRefused, assignmentFailure, type AssignmentRefusal } from './refused';
export type { NewAssignment } from './forms';
