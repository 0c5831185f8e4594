import { apiError, apiInvalid } from '../api';
import { assignmentFailure } from './refused';

/** The API's answer to a refused assignment action (400 beside its field, 403, 404, 409). */
export function assignmentAnswer(e: unknown): Response {
	const failure = assignmentFailure(e);
	if (!failure) throw e;
	if (failure.field) return apiInvalid({ [failure.field]: failure.message });
	return apiError(failure.status, failure.error, failure.message);
}
