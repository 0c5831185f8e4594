export { answer, closeSession, createSession, graders, type NewSession } from './sessions';
export { criterionTable, statusOf, type CriterionRow } from './status';
export { sessionList, sessionView, trend } from './views';
