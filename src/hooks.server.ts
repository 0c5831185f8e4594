import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { cookieName, defineCustomServerStrategy, getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { DatabaseOpenError, getDb } from '$lib/server/db';
import { logger } from '$lib/server/logger';
import { HOURLY, runJobs } from '$lib/server/jobs';
import { ConfigError, timeZone } from '$lib/server/config';
import {
	deleteSessionTokenCookie,
	sessionCookieName,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth';
import { setLocaleCookie } from '$lib/server/sign-in';
import { handleSecurityHeaders } from '$lib/server/security-headers';
import { handleOriginCheck } from '$lib/server/origin-check';

export const init: ServerInit = () => {
	try {
		getDb();
		timeZone();
	} catch (e) {
		if (!(e instanceof DatabaseOpenError) && !(e instanceof ConfigError)) throw e;
		console.error(`error: ${e.message}`);
		process.exit(1);
	}
	// The ledger's scheduled work (auto-confirmation, month close): at start, then hourly. Each job
	// is safe to repeat, so an outside scheduler running `npm run jobs` as well does no harm.
	const jobs = () => {
		try {
			logger.info(runJobs(), 'scheduled jobs');
		} catch (e) {
			logger.error({ err: e }, 'scheduled jobs failed');
		}
	};
	jobs();
	setInterval(jobs, HOURLY).unref();
};

const requestIdPattern = /^[\w-]{1,64}$/;

const handleLogging: Handle = async ({ event, resolve }) => {
	const offered = event.request.headers.get('x-request-id');
	const requestId = offered && requestIdPattern.test(offered) ? offered : crypto.randomUUID();
	event.locals.requestId = requestId;
	event.locals.log = logger.child({ requestId });
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('x-request-id', requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round((performance.now() - started) * 10) / 10,
			userId: event.locals.user?.id
		},
		'request'
	);
	return response;
};

const handleAuth: Handle = ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = validateSessionToken(token);
	if (session) setSessionTokenCookie(event, token, session.expiresAt);
	else deleteSessionTokenCookie(event);
	event.locals.user = user;
	event.locals.session = session;
	// Keep the browser's locale cookie in step with the account's choice.
	if (user && event.cookies.get(cookieName) !== user.locale) setLocaleCookie(event, user.locale);
	return resolve(event);
};

// A signed-in user's saved language wins over the cookie and the browser's preference.
const userLocales = new WeakMap<Request, string>();
defineCustomServerStrategy('custom-user', {
	getLocale: (request) => request && userLocales.get(request)
});

const handleParaglide: Handle = ({ event, resolve }) => {
	if (event.locals.user) userLocales.set(event.request, event.locals.user.locale);
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', getTextDirection(locale))
		});
	});
};

// The origin check runs last so that its refusal speaks the user's language.
export const handle = sequence(
	handleLogging,
	handleSecurityHeaders,
	handleAuth,
	handleParaglide,
	handleOriginCheck
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message, requestId: event.locals.requestId };
	(event.locals.log ?? logger).error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { message: 'Internal error', requestId: event.locals.requestId };
};
