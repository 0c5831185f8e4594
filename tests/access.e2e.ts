import { test, expect, sessionTokenFor } from './support/fixtures';

type Who = 'anonymous' | 'trainee' | 'trainer' | 'supervisor' | 'admin';
type Expected = number | 'login';
const who: Who[] = ['anonymous', 'trainee', 'trainer', 'supervisor', 'admin'];
const accounts: Record<Exclude<Who, 'anonymous'>, string> = {
	trainee: 'trainee1',
	trainer: 'trainer1',
	supervisor: 'supervisor1',
	admin: 'admin1'
};

// Every page and endpoint, and what each role gets. A new route must be added here.
// Columns: anonymous, trainee, trainer, supervisor, admin. 303 = sent to its role's home.
const pages: Record<string, Expected[]> = {
	'/': ['login', 303, 303, 303, 303],
	'/practice': ['login', 200, 200, 403, 403],
	'/scenarios': ['login', 403, 200, 403, 200],
	'/scenarios/sandbox': ['login', 403, 200, 403, 200],
	'/scenarios/rude-call/preview': ['login', 403, 200, 403, 200],
	'/scenarios/rude-call/preview?version=99': ['login', 403, 404, 403, 404],
	'/scenarios/drafts/999999/preview': ['login', 403, 404, 403, 404],
	'/scenarios/rude-call': ['login', 403, 200, 403, 200],
	'/scenarios/no-such-scenario': ['login', 403, 404, 403, 404],
	'/scenarios/drafts': ['login', 403, 200, 403, 200],
	'/scenarios/drafts/999999': ['login', 403, 404, 403, 404],
	'/scenarios/drafts/999999/publish': ['login', 403, 404, 403, 404],
	'/scenarios/rude-call/download?version=1': ['login', 403, 200, 403, 200],
	'/scenarios/rude-call/download?version=999': ['login', 403, 404, 403, 404],
	'/scorecards': ['login', 200, 403, 200, 200],
	'/criteria': ['login', 200, 200, 200, 200],
	'/admin': ['login', 403, 403, 403, 200],
	'/account': ['login', 200, 200, 200, 200],
	'/login': [200, 303, 303, 303, 303],
	'/logout': [303, 303, 303, 303, 303],
	'/locale': [405, 405, 405, 405, 405],
	'/practice/history': ['login', 200, 200, 403, 403],
	'/practice/999999': ['login', 404, 404, 404, 404],
	'/criteria/R-01': ['login', 200, 200, 200, 200],
	'/criteria/X-99': ['login', 404, 404, 404, 404],
	'/criteria/drafts': ['login', 403, 403, 200, 200],
	'/criteria/drafts/999999': ['login', 403, 403, 404, 404],
	'/admin/audit': ['login', 403, 403, 403, 200],
	'/rubric': ['login', 200, 200, 200, 200],
	'/rubric/drafts': ['login', 403, 200, 403, 200],
	'/rubric/drafts/999999': ['login', 403, 404, 403, 404],
	'/reviews': ['login', 403, 403, 200, 200],
	'/calibration': ['login', 403, 200, 200, 200],
	'/assignments': ['login', 403, 200, 200, 200],
	// Session 1 is the demo's closed calibration session.
	'/calibration/1': ['login', 403, 200, 200, 200],
	'/calibration/999999': ['login', 403, 404, 404, 404],
	// User 1 is trainee1, in supervisor1's team.
	'/scorecards/1': ['login', 403, 403, 200, 200],
	'/scorecards/3': ['login', 403, 403, 404, 200],
	'/scorecards/health': ['login', 403, 403, 200, 200],
	'/scorecards/export.csv': ['login', 403, 403, 200, 200],
	'/no-such-page': [404, 404, 404, 404, 404]
};

// Form actions are checked on their own: layout guards do not protect them.
const actions: Record<string, [Record<string, string>, Expected[]]> = {
	'/admin?/createUser': [{ username: 'x' }, ['login', 403, 403, 403, 400]],
	'/admin?/assign': [{ userId: '1' }, ['login', 403, 403, 403, 400]],
	'/admin?/resetPassword': [{ userId: '1' }, ['login', 403, 403, 403, 400]],
	'/admin?/setDisabled': [{ userId: '1' }, ['login', 403, 403, 403, 400]],
	'/admin?/createTeam': [{}, ['login', 403, 403, 403, 400]],
	'/account?/password': [{}, ['login', 400, 400, 400, 400]],
	// Previews and the sandbox score without writing anything: trainers and admins only.
	'/scenarios/sandbox?/score': [{ text: '' }, ['login', 403, 400, 403, 400]],
	'/scenarios/rude-call/preview?/reply': [{ state: 'opening' }, ['login', 403, 400, 403, 400]],
	'/scenarios/drafts/999999/preview?/reply': [{ text: 'hi' }, ['login', 403, 404, 403, 404]],
	'/locale': [{ locale: 'xx' }, [400, 400, 400, 400, 400]],
	'/practice?/start': [
		{ scenario: 'no-such-scenario', mode: 'practice' },
		['login', 404, 404, 403, 403]
	],
	'/practice/999999?/reply': [{ text: 'hello', turn: '0' }, ['login', 404, 404, 403, 403]],
	'/criteria?/acknowledge': [{}, ['login', 200, 200, 200, 200]],
	'/practice/999999?/review': [{ turnId: '999999' }, ['login', 403, 404, 404, 404]],
	'/reviews?/decide': [
		{ itemId: '999999', decision: 'reject', reason: 'x' },
		['login', 403, 403, 404, 404]
	],
	'/calibration?/create': [{ title: '', size: '5' }, ['login', 403, 400, 400, 400]],
	'/assignments?/create': [{ scenario: 'rude-call' }, ['login', 403, 400, 400, 400]],
	// Assignment 999999 is nobody's: not found, for everyone who may assign.
	'/assignments?/extend': [
		{ ids: '999999', dueAt: '2099-01-01T10:00' },
		['login', 403, 404, 404, 404]
	],
	'/assignments?/withdraw': [{ ids: '999999' }, ['login', 403, 404, 404, 404]],
	// Scenario drafts are written and published by trainers and admins; draft 999999 is nobody's.
	'/scenarios/drafts?/create': [{ start: 'nothing' }, ['login', 403, 400, 403, 400]],
	'/scenarios/drafts/999999?/save': [
		{ source: 'key: x', revision: '1' },
		['login', 403, 404, 403, 404]
	],
	'/scenarios/drafts/999999?/discard': [{}, ['login', 403, 404, 403, 404]],
	'/scenarios/drafts/999999/publish?/publish': [{ revision: '1' }, ['login', 403, 404, 403, 404]],
	'/calibration/1?/answer': [{ itemId: '999999' }, ['login', 403, 404, 404, 404]],
	// Trainer1 owns the closed demo session: closed already; the supervisor may not close it.
	'/calibration/1?/close': [{}, ['login', 403, 409, 403, 409]],
	// A draft is proposed by supervisors and admins (then sent to the draft's page).
	'/criteria/R-01?/draft': [{}, ['login', 403, 403, 303, 303]],
	'/criteria/drafts?/create': [{ kind: 'nothing' }, ['login', 403, 403, 400, 400]],
	'/criteria/drafts/999999?/save': [{}, ['login', 403, 403, 404, 404]],
	'/criteria/drafts/999999?/approve': [{}, ['login', 403, 403, 404, 404]],
	'/criteria/drafts/999999?/publish': [{}, ['login', 403, 403, 404, 404]],
	'/criteria/drafts/999999?/discard': [{}, ['login', 403, 403, 404, 404]],
	// Rubric drafts are written and published by trainers and admins.
	'/rubric/drafts?/create': [{ note: 'x'.repeat(201) }, ['login', 403, 400, 403, 400]],
	'/rubric/drafts/999999?/change': [{}, ['login', 403, 404, 403, 404]],
	'/rubric/drafts/999999?/undo': [{}, ['login', 403, 404, 403, 404]],
	'/rubric/drafts/999999?/evaluate': [{}, ['login', 403, 404, 403, 404]],
	'/rubric/drafts/999999?/publish': [{}, ['login', 403, 404, 403, 404]],
	'/rubric/drafts/999999?/discard': [{}, ['login', 403, 404, 403, 404]],
	// Entry 999999 is nobody's: out of everyone's scope.
	'/scorecards?/dispute': [{ entryId: '999999', reason: 'x' }, ['login', 404, 403, 404, 404]],
	'/scorecards/1?/confirm': [{ entryId: '999999' }, ['login', 403, 403, 404, 404]],
	'/scorecards/1?/pay': [{ entryId: '999999' }, ['login', 403, 403, 404, 404]],
	'/scorecards/1?/reverse': [{ entryId: '999999', reason: 'x' }, ['login', 403, 403, 404, 404]],
	'/scorecards/1?/rule': [
		{ disputeId: '999999', decision: 'rejected', reason: 'x' },
		['login', 403, 403, 404, 404]
	],
	'/scorecards/1?/final': [
		{ disputeId: '999999', decision: 'upheld', reason: 'x' },
		['login', 403, 403, 404, 404]
	]
};

const endpoints: Record<string, [string, Expected[]]> = {
	'/healthz': ['GET', [200, 200, 200, 200, 200]],
	'/api/auth/login': ['POST', [400, 400, 400, 400, 400]],
	'/api/nothing-here': ['GET', [404, 404, 404, 404, 404]],
	'/api/scenarios': ['GET', [401, 200, 200, 200, 200]],
	// The same endpoint, publishing: an empty body is refused for those who may publish.
	'/api/scenarios?publish': ['POST', [401, 403, 400, 403, 400]],
	'/api/scenarios/rude-call': ['GET', [401, 403, 200, 403, 200]],
	'/api/scenarios/no-such-scenario': ['GET', [401, 403, 404, 403, 404]],
	'/api/attempts': ['POST', [401, 400, 400, 403, 403]],
	'/api/attempts/999999': ['GET', [401, 404, 404, 404, 404]],
	'/api/attempts/999999/replies': ['POST', [401, 400, 400, 403, 403]],
	'/api/criteria': ['GET', [401, 200, 200, 200, 200]],
	'/api/users/me/ledger': ['GET', [401, 200, 200, 200, 200]],
	// User 1 is trainee1 (the seed creates it first): their own, their supervisor's and admins' to read.
	'/api/users/1/ledger': ['GET', [401, 200, 404, 200, 200]],
	'/api/calibration': ['GET', [401, 403, 200, 200, 200]],
	'/api/reviews': ['GET', [401, 403, 200, 200, 200]],
	'/api/turns/999999/reviews': ['POST', [401, 403, 400, 400, 400]],
	'/api/reviews/999999/decision': ['POST', [401, 403, 403, 400, 400]],
	// Trainees give and change no assignments (they read their own with GET).
	'/api/assignments': ['POST', [401, 403, 400, 400, 400]],
	'/api/assignments/999999': ['DELETE', [401, 403, 404, 404, 404]],
	// The editor's graph layout: trainers and admins only; an empty body is refused before the draft.
	'/scenarios/drafts/999999/layout': ['POST', ['login', 403, 400, 403, 400]]
};

for (const [index, role] of who.entries()) {
	test.describe(`as ${role}`, () => {
		let cookie = '';
		test.beforeAll(() => {
			cookie = role === 'anonymous' ? '' : `auth-session=${sessionTokenFor(accounts[role])}`;
		});

		const check = (status: number, location: string | undefined, expected: Expected) => {
			if (expected === 'login') {
				expect(status).toBe(303);
				expect(location).toMatch(/^\/login\?redirectTo=/);
			} else {
				expect(status).toBe(expected);
			}
		};

		for (const [path, expected] of Object.entries(pages)) {
			test(`GET ${path}`, async ({ request }) => {
				const response = await request.get(path, { headers: { cookie }, maxRedirects: 0 });
				check(response.status(), response.headers().location, expected[index]);
			});
		}

		for (const [path, [form, expected]] of Object.entries(actions)) {
			test(`POST ${path}`, async ({ request, baseURL }) => {
				const response = await request.post(path, {
					headers: { cookie, origin: baseURL!, accept: 'text/html' },
					form,
					maxRedirects: 0
				});
				check(response.status(), response.headers().location, expected[index]);
			});
		}

		for (const [path, [method, expected]] of Object.entries(endpoints)) {
			test(`${method} ${path}`, async ({ request }) => {
				const response = await request.fetch(path, {
					method,
					headers: { cookie, 'content-type': 'application/json' },
					data: method === 'POST' ? '{}' : undefined,
					maxRedirects: 0
				});
				check(response.status(), response.headers().location, expected[index]);
				if (path.startsWith('/api/') && response.status() >= 400) {
					expect(await response.json()).toHaveProperty('message');
				}
			});
		}
	});
}
