export { decide, hold, queueFor, type QueueView } from './queue';
export { ReviewRefused, reviewStatus, type ReviewRefusal } from './refused';
export { recordReview, reviewsOfAttempt, type ReviewInput, type ReviewView } from './turns';
